import { readFile } from 'node:fs/promises';
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
  queue?: string;
  'job-store'?: string;
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

/** The graph file as loadGraphFile reads it, for the workers to parse the same way. */
async function readGraphText(path: string): Promise<string> {
  return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
}

/** Loaded only with --queue: a local sweep never pays for BullMQ. */
async function openSweepQueue(url: string, jobStore: string) {
  const [{ JobClient }, { queuePlanPoint }] = await Promise.all([
    import('@strata/queue'),
    import('../jobs/queue-sweep.js'),
  ]);
  const client = await JobClient.open({ queue: url, jobStore });
  return {
    client,
    planPoint: (graph: { text: string; source: string }, options: Parameters<typeof queuePlanPoint>[2]) =>
      queuePlanPoint(client, graph, options),
  };
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
      .option('time-limit', { type: 'number', describe: 'Solver time limit per plan, in seconds' })
      .option('queue', {
        type: 'string',
        describe: "Plan on 'strata worker's of this Redis job queue (redis://HOST:PORT) instead of locally",
      })
      .option('job-store', {
        type: 'string',
        describe: "With --queue: where jobs' inputs and results go, a URI every worker reaches (default: --out + '.jobs')",
      }),
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
    const plannerOptions = {
      backend: argv.backend as BackendName | undefined,
      timeLimitSeconds: argv['time-limit'],
    };
    const queue =
      argv.queue === undefined
        ? undefined
        : await openSweepQueue(argv.queue, argv['job-store'] ?? `${argv.out.replace(/\/+$/, '')}.jobs`);
    let result;
    try {
      result = await runSweep(topo, {
        solvers,
        budgets,
        ...plannerOptions,
        onPlan: (row) => progress.increment(1, { solver: row.solver, budget: row.budget }),
        ...(queue
          ? { planPoint: queue.planPoint({ text: await readGraphText(argv.graph), source: argv.graph }, plannerOptions) }
          : {}),
      });
    } catch (error) {
      await queue?.client.settle(); // throws the summary when jobs failed
      throw error;
    } finally {
      progress.stop();
      await queue?.client.close();
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
