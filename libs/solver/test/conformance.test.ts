import { checkFeasible, solve, type BackendName } from '../src/index.js';
import { cases } from './models.js';

const REL_TOL = 1e-6;

function close(actual: number, expected: number, tol = REL_TOL): boolean {
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}

describe.each<BackendName>(['highs'])('backend %s', (backend) => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const model = testCase.build();
    const result = await solve(model, { backend, mipRelGap: 0 });
    expect(result.backend).toBe(backend);
    expect(result.status).toBe(testCase.expected.status);
    if (testCase.expected.status !== 'optimal') {
      expect(result.values).toBeNull();
      expect(result.objective).toBeNull();
      return;
    }
    const values = result.values as Float64Array;
    expect(values).toHaveLength(model.numVariables);
    expect(checkFeasible(model, values, 1e-6)).toEqual([]);
    expect(close(result.objective as number, testCase.expected.objective)).toBe(true);
    expect(close(model.evaluate(values), testCase.expected.objective)).toBe(true);
    expect(result.gap).toBeLessThanOrEqual(1e-9);
    testCase.expected.values?.forEach((v, j) => expect(values[j]).toBeCloseTo(v, 6));
  });
});
