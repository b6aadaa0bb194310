import type { CommandModule } from 'yargs';
import { formatBytes, printJson, printLine, UsageError } from '@strata/cli';
import type { PlannerId } from '@strata/remat';
import {
  BACKEND_OPTION,
  MODEL_OPTION,
  SEED_OPTION,
  openModel,
  parseBatch,
  type ModelArgs,
} from './shared.js';

interface RunArgs extends ModelArgs {
  batch: number;
  budget?: string;
  solver: string;
  plan?: string;
  steps: number;
  'check-gradients'?: boolean;
  profile?: boolean;
  'time-limit'?: number;
}

const ratio = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(3)}×`);
const bytes = (value: number | null) => (value === null ? 'n/a' : formatBytes(value));
const secs = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(3)} s`);

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run',
  describe:
    'Train a model by a remat plan: predicted vs measured peak memory, step time and overhead',
  builder: (yargs) =>
    yargs
      .option('model', MODEL_OPTION)
      .option('batch', { type: 'number', demandOption: true, describe: 'Batch size' })
      .option('budget', {
        type: 'string',
        describe: 'Activation memory budget: bytes, a size (2GB) or NN% of the no-remat peak',
      })
      .option('solver', { type: 'string', default: 'milp', describe: 'Planner' })
      .option('plan', {
        type: 'string',
        describe: "A saved plan ('strata remat plan --json') instead of --budget and --solver",
      })
      .option('steps', {
        type: 'number',
        default: 3,
        describe: 'Training steps per plan (the first is a warm-up)',
      })
      .option('check-gradients', {
        type: 'boolean',
        describe: 'Also report the max |difference| from plain tf.variableGrads on the same batch',
      })
      .option('profile', {
        type: 'boolean',
        default: false,
        describe: 'Cost nodes by timing them (else FLOP estimates)',
      })
      .option('time-limit', { type: 'number', describe: 'Solver time limit in seconds' })
      .option('backend', BACKEND_OPTION)
      .option('seed', SEED_OPTION)
      .example(
        '$0 remat run --model builtin:resnet --batch 16 --budget 60% --solver milp',
        'Train the ResNet stack at 60% of its no-remat peak',
      ),
  handler: async (argv) => {
    const batch = parseBatch(argv.batch);
    const steps = parseBatch(argv.steps, '--steps');
    if ((argv.budget === undefined) === (argv.plan === undefined)) {
      throw new UsageError('give either --budget (and --solver) or --plan FILE');
    }
    const { getPlanner } = await import('@strata/remat');
    getPlanner(argv.solver);
    const plan =
      argv.plan === undefined
        ? undefined
        : await (await import('../execute/plan-file.js')).readPlanFile(argv.plan);
    const { backend, model } = await openModel(argv);
    const { runRemat } = await import('../run/run-remat.js');
    const result = await runRemat({
      model,
      batch,
      budget: argv.budget ?? 0,
      solver: argv.solver as PlannerId,
      backend,
      steps,
      checkGradients: argv['check-gradients'],
      profile: argv.profile,
      plan,
      seed: argv.seed,
      planner: { timeLimitSeconds: argv['time-limit'] },
      log: argv.json ? undefined : (line) => process.stderr.write(`${line}\n`),
    });
    const { report, smallest } = result;
    if (!report.feasible) {
      process.stderr.write(
        smallest === null
          ? `no solver fits ${model.label} at batch ${batch} in ${formatBytes(report.budgetBytes)}: use a smaller batch\n`
          : `no ${report.solver} plan fits ${formatBytes(report.budgetBytes)}: the smallest budget a solver fits is ${smallest.budgetBytes} bytes (${formatBytes(smallest.budgetBytes)}, ${smallest.solver})\n`,
      );
    }
    if (argv.json) {
      printJson(report);
      return;
    }
    printLine(
      `${report.model} at batch ${report.batch}: ${report.solver} on ${report.backend}, budget ${formatBytes(report.budgetBytes)}`,
    );
    if (!report.feasible) {
      printLine('  feasible            no');
      return;
    }
    printLine(`  peak (predicted)    ${bytes(report.predictedPeakBytes)}`);
    printLine(
      `  peak (measured)     ${bytes(report.measuredPeakBytes)} (allowance ${bytes(report.allowanceBytes)})`,
    );
    printLine(
      `  step time           ${secs(report.stepSeconds)} (no remat ${secs(report.baselineStepSeconds)})`,
    );
    printLine(
      `  overhead            predicted ${ratio(report.predictedOverhead)}, measured ${ratio(report.measuredOverhead)}`,
    );
    if (report.maxGradientDiff !== undefined) {
      printLine(
        `  max gradient diff   ${report.maxGradientDiff ?? 'n/a'} (vs plain tf.variableGrads)`,
      );
    }
  },
};
