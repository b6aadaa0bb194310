import type { TopoGraph } from '@strata/graph';

/**
 * The cheapest recomputation matrix R for fixed checkpoint decisions S (Checkmate's `solve_r_opt`).
 *
 * R[t][t] = 1 (the frontier advances); R[t][i] = 1 when i must be resident in stage t+1 but is not
 * resident entering t (S[t+1][i] > S[t][i]); then, walking stage t's nodes from t down to 0, every
 * input of a computed node that is neither resident nor computed is computed too. With non-negative
 * costs this is the least-cost R satisfying the MILP's correctness constraints for S. It does not look
 * at memory: the simulator decides whether the resulting plan fits a budget.
 *
 * S must follow the stage partition (S[t][i] = 0 for i ≥ t); R[t][i] = 0 for i > t follows.
 */
export function solveROpt(topo: TopoGraph, S: readonly Uint8Array[]): Uint8Array[] {
  const n = topo.size;
  if (S.length !== n)
    throw new Error(`solveROpt: S has ${S.length} rows, the graph has ${n} nodes`);
  const R: Uint8Array[] = [];
  for (let t = 0; t < n; t++) {
    const st = S[t] as Uint8Array;
    if (st.length !== n)
      throw new Error(`solveROpt: S[${t}] has ${st.length} columns, expected ${n}`);
    const rt = new Uint8Array(n);
    rt[t] = 1;
    if (t + 1 < n) {
      const next = S[t + 1] as Uint8Array;
      for (let i = 0; i < n; i++) if (next[i] && !st[i]) rt[i] = 1;
    }
    // Descending order: a node's inputs have lower indices, so each requirement is seen before it is needed.
    for (let v = t; v >= 0; v--) {
      if (!rt[v]) continue;
      for (const u of topo.preds[v] as readonly number[]) if (!st[u]) rt[u] = 1;
    }
    R.push(rt);
  }
  return R;
}
