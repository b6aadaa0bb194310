import type { GLPK, LP } from 'glpk.js/node';
import type { Model } from '../../model.js';

type GlpkConstants = Pick<GLPK, 'GLP_MIN' | 'GLP_MAX' | 'GLP_FR' | 'GLP_LO' | 'GLP_UP' | 'GLP_DB' | 'GLP_FX'>;

/** GLPK's JSON model plus the generated column names, by variable index. */
export interface GlpkInput {
  lp: LP;
  names: string[];
}

/**
 * The model as glpk.js's JSON: safe generated names (x0…, c0…), every column given explicit bounds
 * (so it exists even without coefficients), binaries declared as bounded generals because GLPK's
 * binary kind would reset a fixed binary's bounds to [0, 1]. The objective constant is left out
 * (GLPK has none); callers add it back by evaluating the model.
 */
export function toGlpkLp(glpk: GlpkConstants, model: Model, options: { relax?: boolean; zeroObjective?: boolean } = {}): GlpkInput {
  const a = model.arrays();
  const n = model.numVariables;
  const names = new Array<string>(n);
  for (let j = 0; j < n; j++) names[j] = `x${j}`;

  const objectiveVars: { name: string; coef: number }[] = [];
  if (!options.zeroObjective) {
    for (let j = 0; j < n; j++) {
      const coef = a.objective[j] as number;
      if (coef !== 0) objectiveVars.push({ name: names[j] as string, coef });
    }
  }

  const bounds: NonNullable<LP['bounds']> = new Array(n);
  for (let j = 0; j < n; j++) {
    const lb = a.lb[j] as number;
    const ub = a.ub[j] as number;
    bounds[j] = { name: names[j] as string, ...boundsOf(glpk, lb, ub) };
  }

  const subjectTo: LP['subjectTo'] = new Array(model.numConstraints);
  for (let i = 0; i < model.numConstraints; i++) {
    const start = a.rowStart[i] as number;
    const end = a.rowStart[i + 1] as number;
    const vars = new Array<{ name: string; coef: number }>(end - start);
    for (let k = start; k < end; k++) vars[k - start] = { name: names[a.entryVar[k] as number] as string, coef: a.entryCoef[k] as number };
    const rhs = a.rowRhs[i] as number;
    const sense = a.rowSense[i] as number;
    const type = sense === 0 ? glpk.GLP_UP : sense === 1 ? glpk.GLP_LO : glpk.GLP_FX;
    subjectTo[i] = { name: `c${i}`, vars, bnds: { type, lb: sense === 0 ? 0 : rhs, ub: sense === 1 ? 0 : rhs } };
  }

  const lp: LP = {
    name: 'model',
    objective: { direction: model.sense === 'maximize' ? glpk.GLP_MAX : glpk.GLP_MIN, name: 'obj', vars: objectiveVars },
    subjectTo,
    bounds,
  };
  if (!options.relax && model.hasIntegers) {
    const generals: string[] = [];
    for (let j = 0; j < n; j++) if (a.type[j] !== 0) generals.push(names[j] as string);
    lp.generals = generals;
  }
  return { lp, names };
}

function boundsOf(glpk: GlpkConstants, lb: number, ub: number): { type: number; lb: number; ub: number } {
  const hasLb = lb > -Infinity;
  const hasUb = ub < Infinity;
  if (hasLb && hasUb) return lb === ub ? { type: glpk.GLP_FX, lb, ub } : { type: glpk.GLP_DB, lb, ub };
  if (hasLb) return { type: glpk.GLP_LO, lb, ub: 0 };
  if (hasUb) return { type: glpk.GLP_UP, lb: 0, ub };
  return { type: glpk.GLP_FR, lb: 0, ub: 0 };
}
