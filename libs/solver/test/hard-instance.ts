import { Model } from '../src/index.js';

/** Deterministic 32-bit PRNG (mulberry32), so the hard instance is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A market-split instance (Cornuéjols & Dawande): m rows of random weights 0..99 over n binaries,
 * each row to hit half its total. The optimisation form adds slacks s⁺, s⁻ ≥ 0 per row and
 * minimises their sum, so any 0/1 vector is feasible (an incumbent comes fast) while the LP bound
 * is 0 and branch-and-bound needs on the order of 2^n nodes to close the gap.
 */
export function marketSplit(rows: number, columns: number, seed: number): Model {
  const random = mulberry32(seed);
  const model = new Model({ name: `market-split-${rows}x${columns}-${seed}` });
  const x = model.addVariables(columns, { type: 'binary' });
  for (let i = 0; i < rows; i++) {
    const weights = Array.from({ length: columns }, () => Math.floor(random() * 100));
    const target = Math.floor(weights.reduce((s, w) => s + w, 0) / 2);
    const plus = model.addVariable({ objective: 1 });
    const minus = model.addVariable({ objective: 1 });
    model.addConstraint(
      [...weights.map((_, j) => x + j), plus, minus],
      [...weights, 1, -1],
      '=',
      target,
    );
  }
  return model;
}
