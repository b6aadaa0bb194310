/**
 * Errors that carry their CLI exit code. Libraries throw these; the umbrella CLI prints the
 * one-line message and exits with the code. Anything else is an internal failure (exit 1).
 */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad input from the user: a wrong flag, an unreadable or malformed file. Exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** The input was fine but the work failed (a transfer that lost objects, a solver crash). Exit 1. */
export class FailureError extends Error {
  readonly exitCode = EXIT_FAILURE;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FailureError';
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof FailureError) return error.exitCode;
  return EXIT_FAILURE;
}

/** One line, never a stack: what went wrong, for a person. */
export function oneLineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
