import { Model } from '../src/index.js';

describe('Model', () => {
  test('indexes variables and constraints in insertion order and keeps CSR rows', () => {
    const m = new Model({ name: 'm', sense: 'maximize' });
    expect(m.addVariable({ objective: 2 })).toBe(0);
    expect(m.addVariables(3, { type: 'integer', ub: 5 })).toBe(1);
    expect(m.addVariable({ type: 'binary' })).toBe(4);
    expect(m.addConstraint([0, 2], [1, -1], '<=', 3)).toBe(0);
    expect(m.addConstraint([4], [2], '>=', 1)).toBe(1);
    const a = m.arrays();
    expect([...a.rowStart]).toEqual([0, 2, 3]);
    expect([...a.entryVar]).toEqual([0, 2, 4]);
    expect([...a.rowSense]).toEqual([0, 1]);
    expect([...a.ub]).toEqual([Infinity, 5, 5, 5, 1]);
    expect(m.variableType(4)).toBe('binary');
    expect(m.constraintSense(1)).toBe('>=');
    expect(m.hasIntegers).toBe(true);
  });

  test('sums repeated variables in a row and drops coefficients that cancel', () => {
    const m = new Model();
    m.addVariables(3);
    m.addConstraint([0, 1, 0, 2, 1], [1, 2, 3, 4, -2], '<=', 1);
    m.addConstraint([2, 2], [1, 1], '=', 2);
    const a = m.arrays();
    expect([...a.rowStart]).toEqual([0, 2, 3]);
    expect([...a.entryVar]).toEqual([0, 2, 2]);
    expect([...a.entryCoef]).toEqual([4, 4, 2]);
  });

  test('rejects bad variable indices, leaving the model unchanged', () => {
    const m = new Model();
    m.addVariables(2);
    expect(() => m.addConstraint([0, 2], [1, 1], '<=', 1)).toThrow(/unknown variable index 2/);
    expect(() => m.addConstraint([-1], [1], '<=', 1)).toThrow(/unknown variable index -1/);
    expect(() => m.addConstraint([0.5], [1], '<=', 1)).toThrow(/unknown variable index 0.5/);
    expect(() => m.setObjectiveCoefficient(7, 1)).toThrow(/unknown variable index 7/);
    expect(m.numConstraints).toBe(0);
    expect(m.numNonzeros).toBe(0);
  });

  test('rejects NaN and infinite numbers', () => {
    const m = new Model();
    m.addVariables(2);
    expect(() => m.addConstraint([0], [NaN], '<=', 1)).toThrow(/not finite/);
    expect(() => m.addConstraint([0], [1], '<=', NaN)).toThrow(/rhs must be finite/);
    expect(() => m.addConstraint([0], [1], '<=', Infinity)).toThrow(/rhs must be finite/);
    expect(() => m.addVariable({ lb: NaN })).toThrow(/bounds/);
    expect(() => m.addVariable({ objective: NaN })).toThrow(/not finite/);
    expect(() => m.setObjectiveCoefficient(0, Infinity)).toThrow(/not finite/);
    expect(() => m.addConstraint([0, 1], [1], '<=', 1)).toThrow(/differ in length/);
    expect(m.numVariables).toBe(2);
  });

  test('rejects lb > ub and empty ranges', () => {
    const m = new Model();
    expect(() => m.addVariable({ lb: 2, ub: 1 })).toThrow(/lb ≤ ub/);
    expect(() => m.addVariable({ lb: Infinity })).toThrow(/bounds/);
    expect(() => m.addVariable({ ub: -Infinity, lb: -Infinity })).toThrow(/bounds/);
    expect(() => m.addVariable({ type: 'binary', lb: 2, ub: 3 })).toThrow(/outside \[0, 1\]/);
    expect(m.numVariables).toBe(0);
  });

  test('evaluate includes the objective constant', () => {
    const m = new Model();
    m.addVariable({ objective: 2 });
    m.addVariable({ objective: -1 });
    m.objectiveConstant = 10;
    expect(m.evaluate([3, 4])).toBe(12);
  });
});
