/**
 * `strata transfer plan`: Skyplane's overlay planner. Only the flags live here; the planner, the
 * solver and vega load when the command runs, so `strata transfer cp` never pays for them.
 */
import type { Argv, CommandModule } from 'yargs';
import type { GlobalOptions } from '@strata/cli';
import { withJsonError } from './json-output.js';

export interface PlanArgs extends GlobalOptions {
  src?: string;
  dst?: string;
  throughput?: number;
  'instance-limit'?: number;
  gbytes: number;
  objective: 'min-cost' | 'max-throughput';
  'max-cost-per-gb'?: number;
  profile?: string;
  backend?: 'highs' | 'glpk';
  out?: string;
  svg?: string;
  sweep?: string;
  show?: string;
  regions?: boolean;
}

export const planCommand: CommandModule<GlobalOptions, PlanArgs> = {
  command: 'plan',
  describe:
    'Plan a cross-region transfer over overlay paths (Skyplane): VMs per region, flow and connections per hop',
  builder: (yargs) =>
    yargs
      .option('src', { type: 'string', describe: 'Source region, e.g. aws:us-east-1' })
      .option('dst', { type: 'string', describe: 'Destination region, e.g. gcp:us-central1-a' })
      .option('throughput', {
        type: 'number',
        describe: 'Required throughput in Gbit/s (1 Gbit = 2^30 bits), for min-cost',
      })
      .option('instance-limit', { type: 'number', describe: 'Most VMs in any one region' })
      .option('gbytes', {
        type: 'number',
        default: 1,
        describe: 'GB to move (costs are for this much)',
      })
      .option('objective', {
        type: 'string',
        choices: ['min-cost', 'max-throughput'] as const,
        default: 'min-cost' as const,
        describe: 'Cheapest plan at --throughput, or fastest plan (under --max-cost-per-gb)',
      })
      .option('max-cost-per-gb', {
        type: 'number',
        describe: 'Cost ceiling in USD per GB, for max-throughput',
      })
      .option('profile', {
        type: 'string',
        describe:
          'Profile folder (throughput.csv, cost.csv, aws_transfer_costs.csv); default: the shipped Skyplane profile',
      })
      .option('backend', {
        type: 'string',
        choices: ['highs', 'glpk'] as const,
        describe: 'ILP backend (default: HiGHS)',
      })
      .option('out', {
        type: 'string',
        describe: 'Write the plan document (versioned JSON for the gateways) here',
      })
      .option('svg', {
        type: 'string',
        describe: 'Draw the plan as a graph of regions (with --sweep: the frontier chart) here',
      })
      .option('sweep', {
        type: 'string',
        describe:
          'Plan at throughputs LO..HI[/STEP] Gbit/s and chart cost against throughput, overlay vs direct',
      })
      .option('show', {
        type: 'string',
        describe: 'Read a saved plan document and show it (no solving)',
      })
      .option('regions', {
        type: 'boolean',
        describe: 'List the regions of the profile (the names --src and --dst take) and exit',
      })
      .example(
        '$0 transfer plan --src aws:us-east-1 --dst aws:us-west-2 --throughput 7.5 --instance-limit 2',
        'Cheapest plan at 7.5 Gbit/s',
      )
      .example('$0 transfer plan --regions', 'The region names of the shipped profile')
      .example(
        '$0 transfer plan --src azure:westus --dst aws:us-west-1 --instance-limit 2 --sweep 1..20 --svg frontier.svg',
        'Cost/throughput frontier',
      )
      .epilogue(
        'Prints the hops, VMs per region, the cost split and the direct/RON baselines; --json prints one object ' +
          '(feasible, costTotal, costEgress, costInstance, instancesPerRegion, edges, throughputGbits, transferSeconds, ' +
          'baselineDirect, baselineRon, solveSeconds). A request the instance limit cannot carry answers feasible: false ' +
          'with the largest throughput it can (exit 0).',
      ) as unknown as Argv<PlanArgs>,
  handler: withJsonError(async (args: PlanArgs) => (await import('../planner-io/run-plan.js')).runPlan(args)),
};
