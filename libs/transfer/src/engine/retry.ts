/**
 * Retry as a replaceable strategy (aws-sdk-js-v3 StandardRetryStrategy, exemplars.md §2): the
 * strategy decides by error class, never by SDK type, and spends a shared token budget so that a
 * server that is down for everyone does not get hammered by every worker at once.
 */
import { classifyFailure } from './errors.js';
import { DEFAULT_RETRY_SETTINGS } from './retry-settings.js';

export { DEFAULT_RETRY_SETTINGS };

/** What a failure means for the caller: only throttling and transient failures are retried. */
export type FailureClass = 'throttled' | 'transient' | 'integrity' | 'permanent';

export interface RetryOptions {
  /** Attempts per operation, the first included. */
  maxAttempts: number;
  /** Delay ceiling for the first retry; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Shared budget: each retry spends tokens, each success refunds one (AWS standard mode). */
  budget: number;
  /** Maps an error to its class; supplied by the stores layer. */
  classify: (error: unknown) => FailureClass;
  /** Randomness and sleep are injectable so tests run on a fake clock. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  failure: FailureClass;
  error: unknown;
}

const RETRY_COST: Record<FailureClass, number> = {
  throttled: 5,
  transient: 5,
  integrity: 1,
  permanent: 0,
};

/** Thrown when the shared budget is spent: the original error is the cause. */
export class RetryBudgetExhaustedError extends Error {
  constructor(cause: unknown) {
    super(`retry budget exhausted: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'RetryBudgetExhaustedError';
  }
}

export class RetryStrategy {
  private tokens: number;
  private retriesSoFar = 0;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly options: RetryOptions) {
    this.tokens = options.budget;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** How many retries this strategy has granted in total (for the summary). */
  get retries(): number {
    return this.retriesSoFar;
  }

  /** "Full jitter" backoff: uniform in [0, min(max, base * 2^(attempt-1))]. */
  delayFor(attempt: number, failure: FailureClass): number {
    const ceiling = Math.min(
      this.options.maxDelayMs,
      this.options.baseDelayMs * 2 ** (attempt - 1),
    );
    // Throttling asks us to slow down: never retry it with a near-zero delay.
    const floor = failure === 'throttled' ? ceiling / 2 : 0;
    return Math.round(floor + this.random() * (ceiling - floor));
  }

  /**
   * Runs `operation` until it succeeds, fails permanently, runs out of attempts or the budget
   * is spent. `operation` must be restartable: it gets the attempt number and re-opens streams.
   */
  async run<T>(
    operation: (attempt: number) => Promise<T>,
    onRetry?: (event: RetryEvent) => void,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await operation(attempt);
        this.tokens = Math.min(this.options.budget, this.tokens + 1);
        return result;
      } catch (error) {
        const failure = this.options.classify(error);
        if (failure === 'permanent' || attempt >= this.options.maxAttempts) throw error;
        const cost = RETRY_COST[failure];
        if (this.tokens < cost) throw new RetryBudgetExhaustedError(error);
        this.tokens -= cost;
        this.retriesSoFar += 1;
        const delayMs = this.delayFor(attempt, failure);
        onRetry?.({ attempt, delayMs, failure, error });
        await this.sleep(delayMs);
      }
    }
  }
}

/** A strategy with the default settings and the engine's failure classes. */
export function defaultRetryStrategy(overrides: Partial<RetryOptions> = {}): RetryStrategy {
  return new RetryStrategy({ ...DEFAULT_RETRY_SETTINGS, classify: classifyFailure, ...overrides });
}
