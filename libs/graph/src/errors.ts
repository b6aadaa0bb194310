import { UsageError } from '@strata/cli';

/**
 * A graph that cannot be used: unreadable, malformed or invalid. A UsageError, so the CLI prints
 * the one-line message (`<source>: <what is wrong>: <what to do>`) and exits 2.
 */
export class GraphError extends UsageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GraphError';
  }
}
