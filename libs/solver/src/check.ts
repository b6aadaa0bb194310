import type { Model } from './model.js';

/** One violated bound, integrality requirement or row, with how far off it is. */
export interface Violation {
  kind: 'bound' | 'integrality' | 'row';
  index: number;
  amount: number;
}

/**
 * Every way `values` breaks `model` by more than `tolerance` (absolute, scaled by 1 + |rhs| for
 * rows): bounds, integrality (unless `relax`), and each constraint row. Empty means feasible.
 */
export function checkFeasible(
  model: Model,
  values: ArrayLike<number>,
  tolerance = 1e-6,
  options: { relax?: boolean } = {},
): Violation[] {
  const a = model.arrays();
  const violations: Violation[] = [];
  if (values.length !== model.numVariables) {
    throw new Error(`checkFeasible: ${values.length} values for ${model.numVariables} variables`);
  }
  for (let j = 0; j < model.numVariables; j++) {
    const x = values[j] as number;
    const lb = a.lb[j] as number;
    const ub = a.ub[j] as number;
    if (!Number.isFinite(x)) violations.push({ kind: 'bound', index: j, amount: Infinity });
    else if (x < lb - tolerance) violations.push({ kind: 'bound', index: j, amount: lb - x });
    else if (x > ub + tolerance) violations.push({ kind: 'bound', index: j, amount: x - ub });
    if (!options.relax && a.type[j] !== 0 && Math.abs(x - Math.round(x)) > tolerance) {
      violations.push({ kind: 'integrality', index: j, amount: Math.abs(x - Math.round(x)) });
    }
  }
  for (let i = 0; i < model.numConstraints; i++) {
    let activity = 0;
    for (let k = a.rowStart[i] as number; k < (a.rowStart[i + 1] as number); k++) {
      activity += (a.entryCoef[k] as number) * (values[a.entryVar[k] as number] as number);
    }
    const rhs = a.rowRhs[i] as number;
    const sense = a.rowSense[i] as number;
    const excess = sense === 0 ? activity - rhs : sense === 1 ? rhs - activity : Math.abs(activity - rhs);
    if (!(excess <= tolerance * (1 + Math.abs(rhs)))) violations.push({ kind: 'row', index: i, amount: excess });
  }
  return violations;
}
