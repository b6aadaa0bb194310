import type { Highs, ModelData } from 'highs';
import type { Model } from '../../model.js';

/**
 * The model as HiGHS's structured input: CSR rows straight from the model's typed arrays (no LP
 * text to write or parse, no names, no line-length limits). Rows become rowLower ≤ Ax ≤ rowUpper.
 */
export function toHighsModelData(
  highs: Pick<Highs, 'constants'>,
  model: Model,
  options: { relax?: boolean } = {},
): ModelData {
  const a = model.arrays();
  const numRows = model.numConstraints;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let i = 0; i < numRows; i++) {
    const rhs = a.rowRhs[i] as number;
    const sense = a.rowSense[i] as number;
    rowLower[i] = sense === 0 ? -Infinity : rhs;
    rowUpper[i] = sense === 1 ? Infinity : rhs;
  }
  const data: {
    -readonly [K in keyof ModelData]: ModelData[K];
  } = {
    numCols: model.numVariables,
    numRows,
    sense: model.sense === 'maximize' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    offset: model.objectiveConstant,
    colCost: a.objective,
    colLower: a.lb,
    colUpper: a.ub,
    rowLower,
    rowUpper,
    matrix: {
      format: 'csr',
      numRows,
      numCols: model.numVariables,
      starts: a.rowStart,
      indices: a.entryVar,
      values: a.entryCoef,
    },
  };
  if (!options.relax && model.hasIntegers) {
    const integrality = new Int32Array(model.numVariables);
    for (let j = 0; j < integrality.length; j++) integrality[j] = a.type[j] === 0 ? 0 : 1;
    data.integrality = integrality;
  }
  return data;
}
