import { UsageError, formatBytes } from '@strata/cli';
import type { TopoGraph } from '@strata/graph';
import { noRematPeak, simulate, type Plan, type ScheduleOp } from '@strata/remat';

/** A plan's stages back as the 0/1 matrices the simulator replays. */
function stageMatrices(topo: TopoGraph, stages: NonNullable<Plan['stages']>) {
  const rows = (lists: number[][]) =>
    lists.map((members) => {
      const row = new Uint8Array(topo.size);
      for (const i of members) if (i >= 0 && i < topo.size) row[i] = 1;
      return row;
    });
  return { R: rows(stages.R), S: rows(stages.S) };
}

/**
 * The schedule to execute for `plan` on this graph, after checking the plan was made for it: the
 * same nodes in the same order, the same no-remat peak (bytes scale with the batch), and a replay
 * that is valid and peaks where the plan says. A plan for another model or batch is a UsageError.
 */
export function scheduleFor(topo: TopoGraph, plan: Plan, what: string): ScheduleOp[] {
  checkPlanBelongs(topo, plan, what);
  if (!plan.feasible || plan.stages === null) {
    throw new UsageError(
      `the plan is not feasible (status ${plan.status}): plan with a larger budget`,
    );
  }
  const replay = simulate(topo, stageMatrices(topo, plan.stages));
  if (!replay.valid || replay.peakBytes !== plan.peakBytes) {
    throw new UsageError(
      `the plan's schedule does not replay on ${what} (${replay.error ?? `peak ${replay.peakBytes} ≠ ${plan.peakBytes}`}): it was made for another model; ${REDO}`,
    );
  }
  return [...replay.ops];
}

const REDO = `make the plan from this model's graph ('strata remat graph' then 'strata remat plan')`;

/** The plan's node order and no-remat peak are this graph's; else it is for another model or batch. */
export function checkPlanBelongs(topo: TopoGraph, plan: Plan, what: string): void {
  const order = topo.nodes.map((node) => node.id);
  if (plan.order.length !== order.length || plan.order.some((id, i) => id !== order[i])) {
    throw new UsageError(
      `the plan has ${plan.order.length} nodes in another order than ${what}'s ${order.length}: it was made for another model; ${REDO}`,
    );
  }
  const peak = noRematPeak(topo);
  if (plan.noRematPeakBytes !== peak) {
    throw new UsageError(
      `the plan was made for a no-remat peak of ${formatBytes(plan.noRematPeakBytes)}, ${what} has ${formatBytes(peak)}: it is for another batch size or model; ${REDO}`,
    );
  }
}
