import { FailureError, UsageError } from '@strata/cli';
import { BackendRegistry, Model, availableBackends, solve, type SolverBackend } from '../src/index.js';
import type { BackendName, SolveResult } from '../src/types.js';

/** A backend whose load fails, standing in for a missing WASM binary. */
function brokenBackend(name: BackendName, priority: number): SolverBackend {
  return {
    name,
    priority,
    load: () => Promise.resolve(false),
    loadError: () => 'highs.wasm not found',
    solve: () => Promise.reject(new Error('not loadable')),
  };
}

describe('backend registry', () => {
  test('HiGHS is available and tried first', async () => {
    const names = await availableBackends();
    expect(names[0]).toBe('highs');
  });

  test('a backend that fails to load drops to the next, and the result says so', async () => {
    const { backendRegistry } = await import('../src/index.js');
    const highs = backendRegistry.get('highs') as SolverBackend;
    const registry = new BackendRegistry();
    registry.register(brokenBackend('glpk', 10));
    registry.register(highs);
    const resolved = await registry.resolve();
    expect(resolved.backend.name).toBe('highs');
    expect(resolved.skipped).toEqual(['glpk failed to load (highs.wasm not found)']);
    await expect(registry.resolve('glpk')).rejects.toThrow(FailureError);
    await expect(registry.resolve('glpk')).rejects.toThrow(/'glpk' failed to load: highs.wasm not found/);
  });

  test('an unknown forced backend is a usage error; no loadable backend is a failure', async () => {
    const registry = new BackendRegistry();
    registry.register(brokenBackend('highs', 1));
    await expect(registry.resolve('nope' as BackendName)).rejects.toThrow(UsageError);
    await expect(registry.resolve()).rejects.toThrow(/no solver backend could be loaded: highs failed to load/);
    expect(() => registry.register(brokenBackend('highs', 3))).toThrow(/already registered/);
  });

  test('bad options are usage errors', async () => {
    const m = new Model();
    m.addVariable({ objective: 1 });
    await expect(solve(m, { timeLimitSeconds: 0 })).rejects.toThrow(UsageError);
    await expect(solve(m, { timeLimitSeconds: NaN })).rejects.toThrow(/time limit/);
    await expect(solve(m, { mipRelGap: -1 })).rejects.toThrow(/MIP gap/);
  });

  test('solve defaults to the first backend and reports timings', async () => {
    const m = new Model();
    const x = m.addVariable({ objective: 1, lb: 2 });
    m.addConstraint([x], [1], '<=', 5);
    const result: SolveResult = await solve(m);
    expect(result.backend).toBe('highs');
    expect(result.status).toBe('optimal');
    expect(result.objective).toBeCloseTo(2, 9);
    expect(result.buildSeconds).toBeGreaterThanOrEqual(0);
    expect(result.solveSeconds).toBeGreaterThanOrEqual(0);
  });
});
