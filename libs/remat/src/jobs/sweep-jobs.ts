import { parseGraphJson, toTopoGraph } from '@strata/graph';
import type { BackendName } from '@strata/solver';
import type { PlannerId } from '../plan-types.js';
import { planSweepPoint } from '../sweep/run-sweep.js';

/** The queued job that plans one (solver, budget) point of a sweep. */
export const SWEEP_POINT_JOB = 'remat.sweep-point';

/** A sweep point's params; its input is the graph file's text. */
export interface SweepPointParams {
  /** The graph file's name, as the producer read it (messages and the graph's name). */
  graphSource: string;
  solver: PlannerId;
  budget: number | string;
  backend: BackendName | null;
  timeLimitSeconds: number | null;
}

/** Result: the point's SweepRow as JSON. */
export async function runSweepPointJob(input: Uint8Array, params: unknown): Promise<Uint8Array> {
  const point = params as SweepPointParams;
  const topo = toTopoGraph(parseGraphJson(Buffer.from(input).toString('utf8'), point.graphSource));
  const row = await planSweepPoint(topo, point.solver, point.budget, {
    ...(point.backend === null ? {} : { backend: point.backend }),
    ...(point.timeLimitSeconds === null ? {} : { timeLimitSeconds: point.timeLimitSeconds }),
  });
  return Buffer.from(JSON.stringify(row), 'utf8');
}
