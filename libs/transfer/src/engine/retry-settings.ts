/**
 * The one set of retry settings: every transfer, putObject/getObject and the libraries built on
 * them (a checkpoint writer overrides what it must, e.g. more attempts). The budget is for one
 * run: a server that is down for everyone ends the run instead of being hammered.
 */
export const DEFAULT_RETRY_SETTINGS = {
  maxAttempts: 10,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
  budget: 2_000,
} as const;
