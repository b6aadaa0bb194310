import type { CommandModule } from 'yargs';
import { printJson, printLine } from '@strata/cli';
import { loadGraphFile } from '@strata/graph';
import type { BackendName } from '@strata/solver';
import { planRemat } from '../plan-remat.js';
import type { PlannerId } from '../plan-types.js';
import { plannerIds } from '../planners/registry.js';
import { DEFAULT_SOLVER } from './defaults.js';
import { formatPlan } from './format.js';

interface PlanArgs {
  graph: string;
  budget: string;
  solver: string;
  backend?: string;
  'time-limit'?: number;
  json?: boolean;
}

export const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan',
  describe: 'Choose what to keep and what to recompute so a training step fits a memory budget',
  builder: (yargs) =>
    yargs
      .option('graph', {
        type: 'string',
        demandOption: true,
        describe: 'Training graph (Strata or networkx node-link JSON)',
      })
      .option('budget', {
        type: 'string',
        demandOption: true,
        describe:
          'Activation memory budget: bytes, a size (12GB, 512MiB) or NN% of the no-remat peak',
      })
      .option('solver', {
        type: 'string',
        choices: plannerIds(),
        default: DEFAULT_SOLVER,
        describe: 'Planner',
      })
      .option('backend', {
        type: 'string',
        choices: ['highs', 'glpk'],
        describe: 'MILP/LP backend (default: HiGHS)',
      })
      .option('time-limit', { type: 'number', describe: 'Solver time limit in seconds' })
      .example(
        '$0 remat plan --graph examples/graphs/unet-small.json --budget 70%',
        'Plan at 70% of the no-remat peak',
      ),
  handler: async (argv) => {
    const graph = await loadGraphFile(argv.graph);
    const plan = await planRemat(graph, {
      budget: argv.budget,
      solver: argv.solver as PlannerId,
      backend: argv.backend as BackendName | undefined,
      timeLimitSeconds: argv['time-limit'],
    });
    if (argv.json) printJson(plan);
    else for (const line of formatPlan(plan, graph.name)) printLine(line);
  },
};
