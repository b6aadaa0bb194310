import type { JobClient } from '@strata/queue';
import type { BackendName } from '@strata/solver';
import type { PlannerId } from '../plan-types.js';
import type { SweepRow } from '../sweep/run-sweep.js';
import { SWEEP_POINT_JOB, type SweepPointParams } from './sweep-jobs.js';

/** runSweep's `planPoint` over a job queue: each (solver, budget) point is one job. */
export function queuePlanPoint(
  client: JobClient,
  graph: { text: string; source: string },
  options: { backend?: BackendName; timeLimitSeconds?: number },
): (solver: PlannerId, budget: number | string) => Promise<SweepRow> {
  const input = Buffer.from(graph.text, 'utf8');
  return async (solver, budget) => {
    const params: SweepPointParams = {
      graphSource: graph.source,
      solver,
      budget,
      backend: options.backend ?? null,
      timeLimitSeconds: options.timeLimitSeconds ?? null,
    };
    const result = await client.run(SWEEP_POINT_JOB, input, { ...params });
    return JSON.parse(result.toString('utf8')) as SweepRow;
  };
}
