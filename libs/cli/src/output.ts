/**
 * Output conventions shared by every command: results go to stdout (one JSON object with --json),
 * logs and progress to stderr so that `--json | jq` always works.
 */
export interface GlobalOptions {
  json?: boolean;
  verbose?: boolean;
}

let quietOnClosedPipe = false;

/**
 * `strata transfer ls … | head`: once the reader has gone, stdout fails with EPIPE. Like `ls` and
 * rclone, stop quietly with success instead of printing a stack trace; other errors still throw.
 */
function stdout(): NodeJS.WriteStream {
  if (!quietOnClosedPipe) {
    quietOnClosedPipe = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  return process.stdout;
}

export function printJson(value: unknown): void {
  stdout().write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  stdout().write(`${text}\n`);
}

export function createLogger(options: GlobalOptions) {
  return {
    info(message: string): void {
      if (!options.json) process.stderr.write(`${message}\n`);
    },
    verbose(message: string): void {
      if (options.verbose) process.stderr.write(`${message}\n`);
    },
    warn(message: string): void {
      process.stderr.write(`warning: ${message}\n`);
    },
  };
}

export type Logger = ReturnType<typeof createLogger>;
