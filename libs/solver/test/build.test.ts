import { Model } from '../src/index.js';
import { toGlpkLp } from '../src/backends/glpk/lp-json.js';
import { glpkRuntime } from '../src/backends/glpk/runtime.js';
import { toHighsModelData } from '../src/backends/highs/model-data.js';
import { highsRuntime } from '../src/backends/highs/runtime.js';

const VARIABLES = 100_000;
const ROWS = 10_000;
const PER_ROW = 100;

/** A covering LP with 10^5 columns and 10^6 nonzeros: row i covers 100 pseudo-random columns. */
function bigCoveringLp(): Model {
  const model = new Model({ name: 'big-cover' });
  model.addVariables(VARIABLES, { ub: 1 });
  for (let j = 0; j < VARIABLES; j++) model.setObjectiveCoefficient(j, 1 + (j % 7));
  const vars = new Int32Array(PER_ROW);
  const ones = new Float64Array(PER_ROW).fill(1);
  for (let i = 0; i < ROWS; i++) {
    for (let k = 0; k < PER_ROW; k++) vars[k] = (i * 7919 + k * 104_729) % VARIABLES;
    model.addConstraint(vars, ones, '>=', 1);
  }
  return model;
}

describe('a 10^5-variable, 10^6-nonzero model', () => {
  const model = bigCoveringLp();

  test('builds with every row and nonzero', () => {
    expect(model.numVariables).toBe(VARIABLES);
    expect(model.numConstraints).toBe(ROWS);
    expect(model.numNonzeros).toBe(ROWS * PER_ROW);
  });

  test('becomes HiGHS input that HiGHS accepts', async () => {
    const highs = await highsRuntime();
    const data = toHighsModelData(highs, model);
    expect(data.matrix.starts).toHaveLength(ROWS + 1);
    expect(data.matrix.values).toHaveLength(ROWS * PER_ROW);
    expect(data.rowUpper[0]).toBe(Infinity);
    const instance = highs.createModel();
    try {
      instance.options.set('output_flag', false);
      instance.passModel(data);
      expect(instance.getDimensions()).toMatchObject({ numCols: VARIABLES, numRows: ROWS, numNonzeros: ROWS * PER_ROW });
    } finally {
      instance.dispose();
    }
  });

  test('becomes GLPK JSON input', async () => {
    const glpk = await glpkRuntime();
    const { lp, names } = toGlpkLp(glpk, model);
    expect(names).toHaveLength(VARIABLES);
    expect(lp.bounds).toHaveLength(VARIABLES);
    expect(lp.subjectTo).toHaveLength(ROWS);
    expect(lp.subjectTo.reduce((s, r) => s + r.vars.length, 0)).toBe(ROWS * PER_ROW);
    expect(lp.subjectTo[0]?.bnds).toEqual({ type: glpk.GLP_LO, lb: 1, ub: 0 });
  });
});
