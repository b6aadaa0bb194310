import {
  RetryBudgetExhaustedError,
  RetryStrategy,
  type FailureClass,
} from '../../src/engine/retry.js';
import { classifyFailure, SourceChangedError } from '../../src/engine/errors.js';
import {
  NotFoundError,
  ThrottledError,
  TransientError,
  IntegrityError,
} from '../../src/stores/errors.js';

class Tagged extends Error {
  constructor(readonly failure: FailureClass) {
    super(failure);
  }
}

function strategy(
  overrides: { maxAttempts?: number; budget?: number; random?: () => number } = {},
) {
  const sleeps: number[] = [];
  const retry = new RetryStrategy({
    maxAttempts: overrides.maxAttempts ?? 5,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    budget: overrides.budget ?? 100,
    classify: (error) => (error instanceof Tagged ? error.failure : 'permanent'),
    random: overrides.random ?? (() => 1),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { retry, sleeps };
}

describe('RetryStrategy', () => {
  it('retries transient failures with exponential backoff capped at maxDelayMs', async () => {
    const { retry, sleeps } = strategy({ maxAttempts: 6 });
    let calls = 0;
    const result = await retry.run(async () => {
      calls += 1;
      if (calls < 6) throw new Tagged('transient');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(sleeps).toEqual([100, 200, 400, 800, 1000]);
    expect(retry.retries).toBe(5);
  });

  it('draws full jitter below the ceiling and keeps throttled retries in the upper half', () => {
    const { retry } = strategy({ random: () => 0 });
    expect(retry.delayFor(3, 'transient')).toBe(0);
    expect(retry.delayFor(3, 'throttled')).toBe(200);
    const { retry: high } = strategy({ random: () => 0.5 });
    expect(high.delayFor(2, 'transient')).toBe(100);
  });

  it('does not retry permanent failures and gives up after maxAttempts', async () => {
    const { retry } = strategy({ maxAttempts: 3 });
    let calls = 0;
    await expect(
      retry.run(async () => {
        calls += 1;
        throw new Tagged('permanent');
      }),
    ).rejects.toThrow('permanent');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retry.run(async () => {
        calls += 1;
        throw new Tagged('transient');
      }),
    ).rejects.toThrow('transient');
    expect(calls).toBe(3);
  });

  it('stops retrying when the shared budget is spent', async () => {
    const { retry } = strategy({ maxAttempts: 100, budget: 12 });
    await expect(
      retry.run(async () => {
        throw new Tagged('transient');
      }),
    ).rejects.toBeInstanceOf(RetryBudgetExhaustedError);
    expect(retry.retries).toBe(2); // 5 tokens each
  });
});

describe('classifyFailure', () => {
  it('maps store error classes and connection failures', () => {
    expect(classifyFailure(new ThrottledError('slow down'))).toBe('throttled');
    expect(classifyFailure(new TransientError('503'))).toBe('transient');
    expect(classifyFailure(new IntegrityError('bad bytes'))).toBe('integrity');
    expect(classifyFailure(new NotFoundError('gone'))).toBe('permanent');
    expect(classifyFailure(new SourceChangedError('k', 'grew'))).toBe('permanent');
    expect(classifyFailure(Object.assign(new Error('read'), { code: 'ECONNRESET' }))).toBe(
      'transient',
    );
    expect(classifyFailure(new Error('a bug'))).toBe('permanent');
  });
});
