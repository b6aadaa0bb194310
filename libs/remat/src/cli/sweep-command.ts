import type { CommandModule } from 'yargs';
import { createProgress, printJson, printLine, UsageError } from '@strata/cli';
import { loadGraphFile, toTopoGraph } from '@strata/graph';
import type { BackendName } from '@strata/solver';
import type { PlannerId } from '../plan-types.js';
import { getPlanner, plannerIds } from '../planners/registry.js';
import { expandBudgets, runSweep, sweepMarkdown, writeSweepReport } from '../sweep/index.js';

interface SweepArgs {
  graph: string;
  solvers: string;
  budgets: string;
  out: string;
  backend?: string;
  'time-limit'?: number;
  json?: boolean;
}

function parseSolvers(list: string): PlannerId[] {
  const solvers = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (solvers.length === 0)
    throw new UsageError(
      `--solvers '${list}' names no solver: e.g. --solvers ${plannerIds().join(',')}`,
    );
  for (const solver of solvers) getPlanner(solver);
  return solvers as PlannerId[];
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep',
  describe:
    'Plan at many budgets with several solvers: CSV, markdown table and an overhead-vs-budget chart (SVG)',
  builder: (yargs) =>
    yargs
      .option('graph', {
        type: 'string',
        demandOption: true,
        describe: 'Training graph (Strata or networkx node-link JSON)',
      })
      .option('solvers', {
        type: 'string',
        default: plannerIds().join(','),
        describe: 'Comma-separated planners',
      })
      .option('budgets', {
        type: 'string',
        default: '50%..100%/10',
        describe:
          'Budgets: LO..HI/STEP ranges and single budgets, comma-separated (50%..100%/10, 4GB, 60%)',
      })
      .option('out', {
        type: 'string',
        default: 'remat-sweep',
        describe: 'Directory for sweep.csv, sweep.md, sweep.vl.json, sweep.svg',
      })
      .option('backend', {
        type: 'string',
        choices: ['highs', 'glpk'],
        describe: 'MILP/LP backend (default: HiGHS)',
      })
      .option('time-limit', { type: 'number', describe: 'Solver time limit per plan, in seconds' }),
  handler: async (argv) => {
    const solvers = parseSolvers(argv.solvers);
    const budgets = expandBudgets(argv.budgets);
    const graph = await loadGraphFile(argv.graph);
    const topo = toTopoGraph(graph);
    const progress = createProgress(solvers.length * budgets.length, {
      label: 'sweep',
      enabled: argv.json ? false : undefined,
      format: 'sweep [{bar}] {value}/{total} | {solver} at {budget} | ETA {eta_formatted}',
    });
    let result;
    try {
      result = await runSweep(topo, {
        solvers,
        budgets,
        backend: argv.backend as BackendName | undefined,
        timeLimitSeconds: argv['time-limit'],
        onPlan: (row) => progress.increment(1, { solver: row.solver, budget: row.budget }),
      });
    } finally {
      progress.stop();
    }
    const files = await writeSweepReport(argv.out, result);
    if (argv.json) {
      printJson({ ...result, files });
      return;
    }
    for (const line of sweepMarkdown(result).trimEnd().split('\n').slice(4)) printLine(line);
    printLine();
    printLine(`wrote ${files.csv}, ${files.markdown}, ${files.spec}, ${files.svg}`);
  },
};
