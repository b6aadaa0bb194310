import type { TopoGraph } from '@strata/graph';
import type { StagePlan } from '../plan-types.js';
import { and, andNot, bit, bitsOf, has, or, sumOver } from './mask.js';
import { stageEvaluator } from './stage-eval.js';
import { StateQueue } from './state-queue.js';

export interface OracleOptions {
  /**
   * Enumerate every recomputation set R[t] and every retained set S[t+1] ⊆ S[t] ∪ R[t], with no
   * dominance pruning. Exponentially slower; meant to validate the pruned search on tiny graphs.
   */
  exhaustive?: boolean;
  /**
   * Give up (return 'gave-up') after expanding, or holding, this many states. Without it the search
   * still gives up when it holds 2^24 states (a JS Map's limit), as it can at roomy budgets without
   * an `upperBound`, where every subset that fits is queued.
   */
  maxStates?: number;
  /**
   * A cost some schedule within the budget attains (e.g. the optimum at a smaller budget): states
   * that cannot beat it are not queued. If it turns out too low the search is repeated without it,
   * so a wrong bound costs time, never exactness.
   */
  upperBound?: number;
}

export interface OracleResult {
  /** Minimum total compute cost, in the graph's units. */
  readonly cost: number;
  /** A schedule attaining it. */
  readonly plan: StagePlan;
  /** Search states expanded (for measurements). */
  readonly states: number;
}

/** V8's Map holds at most 2^24 entries (16 777 216) and throws beyond. */
const MAP_LIMIT = 2 ** 24;

interface Entry {
  g: number;
  prevKey: number;
  computed: number;
  closed: boolean;
}

/**
 * The minimum compute cost over every schedule that is valid in the stage memory model of
 * plan-types.ts and peaks at most `budgetBytes`: a shortest path over states (stage t, resident set
 * S[t] ⊆ {0..t−1}). Stage t chooses what it computes (R[t] ∋ t, nothing after t) and what it hands on
 * (S[t+1] ⊆ S[t] ∪ R[t]); the edge costs Σ C_i over R[t] and exists when the stage evaluator's peak
 * fits the budget. The search is A*: the estimate from (t, S) is the frontier still to compute
 * (Σ_{j ≥ t} C_j) plus every value i < t that a frontier node j ≥ t consumes but S lacks (it must be
 * recomputed at least once). That estimate is consistent, so the first goal reached is optimal.
 *
 * Two dominance rules shrink the edges without losing exactness (the `exhaustive` mode drops both;
 * the tests check both give the same optimum):
 * - For a given (S[t], S[t+1]) only the least R[t] is tried: node t, the values newly retained, and
 *   the inputs (transitively) that are not resident. Any larger valid R costs no less and, since it
 *   only adds values and delays releases, never lowers memory at any U point.
 * - Values with no descendant at or after stage t+1 (dead) are never retained into S[t+1]: no future
 *   computation needs them, and holding them only adds memory.
 * Returns null when no schedule fits the budget, 'gave-up' past `maxStates`. At most 47 nodes
 * (MAX_ORACLE_NODES; masks in mask.ts).
 */
export function exactOptimum(
  topo: TopoGraph,
  budgetBytes: number,
  options: OracleOptions = {},
): OracleResult | null | 'gave-up' {
  const bounded = search(topo, budgetBytes, options);
  if (bounded !== null || options.upperBound === undefined) return bounded;
  return search(topo, budgetBytes, { ...options, upperBound: undefined });
}

function search(
  topo: TopoGraph,
  budgetBytes: number,
  options: OracleOptions,
): OracleResult | null | 'gave-up' {
  const T = topo.size;
  const evaluator = stageEvaluator(topo);
  // A state's key: stage · 2^T + resident mask (S ⊆ {0..t−1} < 2^T).
  const stride = bit(T);
  const keyOf = (t: number, S: number): number => t * stride + S;
  const predMask = Float64Array.from({ length: T }, (_, k) =>
    (topo.preds[k] as readonly number[]).reduce((mask, i) => or(mask, bit(i)), 0),
  );
  const furthestDescendant = new Int32Array(T);
  for (let i = T - 1; i >= 0; i--) {
    let furthest = i;
    for (const j of topo.succs[i] as readonly number[])
      furthest = Math.max(furthest, furthestDescendant[j] as number);
    furthestDescendant[i] = furthest;
  }
  // live[t]: values i < t with a descendant ≥ t; needed[t]: values i < t with a consumer ≥ t.
  const missingInputs = new Float64Array(T); // per expanded state: inputs of k not in S
  const live = new Float64Array(T + 1);
  const needed = new Float64Array(T + 1);
  for (let t = 0; t <= T; t++) {
    for (let i = 0; i < t; i++) {
      if ((furthestDescendant[i] as number) >= t) live[t] = or(live[t] as number, bit(i));
      const succs = topo.succs[i] as readonly number[];
      if (succs.length > 0 && (succs[succs.length - 1] as number) >= t)
        needed[t] = or(needed[t] as number, bit(i));
    }
  }
  const costAfter = new Float64Array(T + 1);
  for (let t = T - 1; t >= 0; t--)
    costAfter[t] = (costAfter[t + 1] as number) + (topo.cost[t] as number);
  const bytesOf = (mask: number): number => sumOver(mask, topo.outputBytes);
  const estimate = (t: number, S: number): number =>
    (costAfter[t] as number) + evaluator.cost(andNot(needed[t] as number, S));

  const entries = new Map<number, Entry>();
  const queue = new StateQueue();
  entries.set(keyOf(0, 0), { g: 0, prevKey: -1, computed: 0, closed: false });
  queue.push(estimate(0, 0), 0, 0, keyOf(0, 0));
  let states = 0;
  let overflow = false;
  const maxStates = Math.min(options.maxStates ?? Infinity, MAP_LIMIT);
  const bound = options.upperBound ?? Infinity;
  const boundSlack = 1e-9 * Math.max(1, Math.abs(bound));

  while (queue.size > 0) {
    if (overflow) return 'gave-up'; // a successor was dropped: no answer from here is exact
    const key = queue.pop();
    const entry = entries.get(key) as Entry;
    if (entry.closed) continue;
    entry.closed = true;
    const t = Math.floor(key / stride);
    const S = key - t * stride;
    if (t === T) return { cost: entry.g, plan: walkBack(T, stride, entries, key), states };
    if (++states > maxStates) return 'gave-up';
    const lastStage = t + 1 === T;
    const nextFrontierBytes = lastStage ? 0 : (topo.outputBytes[t + 1] as number);
    const relax = (computed: number, retained: number): void => {
      if (!lastStage && bytesOf(retained) + nextFrontierBytes > budgetBytes) return;
      const peak = evaluator.peak(S, computed, retained, budgetBytes);
      if (peak < 0 || peak > budgetBytes) return;
      const g = entry.g + evaluator.cost(computed);
      const nextKey = keyOf(t + 1, retained);
      const known = entries.get(nextKey);
      if (known !== undefined && (known.closed || known.g <= g)) return;
      const f = g + estimate(t + 1, retained);
      if (f > bound + boundSlack) return;
      if (known === undefined && entries.size >= maxStates) {
        overflow = true;
        return;
      }
      entries.set(nextKey, { g, prevKey: key, computed, closed: false });
      queue.push(f, t + 1, bytesOf(retained), nextKey);
    };
    if (options.exhaustive) {
      const below = bit(t) - 1;
      for (let extra = below; ; extra = and(extra - 1, below)) {
        const computed = or(extra, bit(t));
        const pool = lastStage ? 0 : or(S, computed);
        for (let retained = pool; ; retained = and(retained - 1, pool)) {
          relax(computed, retained);
          if (retained === 0) break;
        }
        if (extra === 0) break;
      }
      continue;
    }
    // Retained sets are enumerated depth-first over the live values (include/exclude each in turn),
    // cutting a branch as soon as every completion is ruled out: peak memory only grows as values are
    // added (more computed, fewer releases), and the cost estimate of any completion is at least
    // g + cost(least R for the values included so far) + frontier left + needed values excluded.
    const pool = lastStage ? [] : bitsOf(live[t + 1] as number);
    const room = budgetBytes - nextFrontierBytes;
    const neededNext = lastStage ? 0 : (needed[t + 1] as number);
    for (let k = 0; k <= t; k++) missingInputs[k] = andNot(predMask[k] as number, S);
    const leastR = (retained: number): number => {
      let computed = or(bit(t), andNot(retained, S));
      for (let k = t; k >= 0; k--)
        if (has(computed, k)) computed = or(computed, missingInputs[k] as number);
      return computed;
    };
    const visit = (
      index: number,
      retained: number,
      bytes: number,
      excludedNeededCost: number,
    ): void => {
      const computed = leastR(retained);
      const lowest =
        entry.g + evaluator.cost(computed) + (costAfter[t + 1] as number) + excludedNeededCost;
      if (lowest > bound + boundSlack) return;
      if (index === pool.length) {
        relax(computed, retained);
        return;
      }
      const i = pool[index] as number;
      const withBytes = bytes + (topo.outputBytes[i] as number);
      if (withBytes <= room) {
        const withI = or(retained, bit(i));
        const peak = evaluator.peak(S, leastR(withI), withI, budgetBytes);
        if (peak >= 0 && peak <= budgetBytes)
          visit(index + 1, withI, withBytes, excludedNeededCost);
      }
      const excludedCost = has(neededNext, i) ? (topo.cost[i] as number) : 0;
      visit(index + 1, retained, bytes, excludedNeededCost + excludedCost);
    };
    visit(0, 0, 0, 0);
  }
  return overflow ? 'gave-up' : null;
}

function walkBack(
  T: number,
  stride: number,
  entries: Map<number, Entry>,
  goalKey: number,
): StagePlan {
  const R: Uint8Array[] = Array.from({ length: T }, () => new Uint8Array(T));
  const S: Uint8Array[] = Array.from({ length: T }, () => new Uint8Array(T));
  let entry = entries.get(goalKey) as Entry;
  for (let t = T - 1; t >= 0; t--) {
    const resident = entry.prevKey - t * stride;
    for (let i = 0; i < T; i++) {
      (R[t] as Uint8Array)[i] = has(entry.computed, i);
      (S[t] as Uint8Array)[i] = has(resident, i);
    }
    entry = entries.get(entry.prevKey) as Entry;
  }
  return { R, S };
}
