import type { CommandModule } from 'yargs';
import { createProgress, parseSize, printJson, printLine } from '@strata/cli';
import {
  BACKEND_OPTION,
  MODEL_OPTION,
  SEED_OPTION,
  openModel,
  parseSolverList,
  type ModelArgs,
} from './shared.js';

interface MaxBatchArgs extends ModelArgs {
  budget: string;
  solvers: string;
  'time-limit'?: number;
  'image-size'?: number;
}

export const maxBatchCommand: CommandModule<object, MaxBatchArgs> = {
  command: 'max-batch',
  describe:
    "The largest batch whose plan fits a memory budget, per solver (the Checkmate paper's experiment)",
  builder: (yargs) =>
    yargs
      .option('model', MODEL_OPTION)
      .option('budget', {
        type: 'string',
        demandOption: true,
        describe: 'Activation memory budget: bytes or a size (2GB, 512MiB)',
      })
      .option('solvers', {
        type: 'string',
        default: 'checkpoint-all,chen-sqrtn,chen-greedy,lp-round,milp',
        describe: 'Comma-separated planners',
      })
      .option('time-limit', { type: 'number', describe: 'Solver time limit per plan, in seconds' })
      .option('image-size', {
        type: 'number',
        describe: "Side of the built-in image models' inputs",
      })
      .option('backend', BACKEND_OPTION)
      .option('seed', SEED_OPTION),
  handler: async (argv) => {
    const budgetBytes = parseSize(argv.budget, 'budget');
    const solvers = await parseSolverList(argv.solvers);
    const { model } = await openModel(argv, { imageSize: argv['image-size'] });
    const { maxBatch } = await import('../search/max-batch.js');
    const progress = createProgress(solvers.length, {
      label: 'max-batch',
      enabled: argv.json ? false : undefined,
      format: 'max-batch [{bar}] {value}/{total} | {solver} batch {batch} | {elapsed}s',
      payload: { solver: solvers[0], batch: 1 },
    });
    const results: { solver: string; maxBatch: number }[] = [];
    try {
      for (const solver of solvers) {
        const best = await maxBatch(model.model, solver, {
          budgetBytes,
          timeLimitSeconds: argv['time-limit'],
          onTry: (_s, batch) => progress.update(results.length, { solver, batch }),
        });
        results.push({ solver, maxBatch: best });
        progress.increment(1, { solver, batch: best });
      }
    } finally {
      progress.stop();
    }
    if (argv.json) {
      printJson({ budgetBytes, results });
      return;
    }
    printLine(`${model.label}: largest batch whose plan fits ${budgetBytes} bytes of activations`);
    for (const row of results) printLine(`  ${row.solver.padEnd(16)} ${row.maxBatch}`);
  },
};
