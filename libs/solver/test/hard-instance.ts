import { mulberry32 } from '@strata/cli';
import { Model } from '../src/index.js';

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

/**
 * A market-split feasibility instance with a planted solution: each row must hit exactly w·x* for a
 * random 0/1 vector x*, with no slacks, and the objective prefers a random cost vector. Finding any
 * feasible point takes branch-and-bound on the order of 2^n nodes, so a short time limit ends without
 * one, unless the planted x* is handed to the solver as a start. Returns the model and x*.
 */
export function plantedMarketSplit(rows: number, columns: number, seed: number): { model: Model; planted: Float64Array } {
  const random = mulberry32(seed);
  const planted = Float64Array.from({ length: columns }, () => (random() < 0.5 ? 1 : 0));
  const model = new Model({ name: `planted-market-split-${rows}x${columns}-${seed}` });
  const x = model.addVariables(columns, { type: 'binary' });
  for (let j = 0; j < columns; j++) model.setObjectiveCoefficient(x + j, Math.floor(random() * 10) - 5);
  for (let i = 0; i < rows; i++) {
    const weights = Array.from({ length: columns }, () => Math.floor(random() * 100));
    const target = weights.reduce((s, w, j) => s + w * (planted[j] as number), 0);
    model.addConstraint(weights.map((_, j) => x + j), weights, '=', target);
  }
  return { model, planted };
}
