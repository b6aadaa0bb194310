/**
 * Output conventions shared by every command: results go to stdout (one JSON object with --json),
 * logs and progress to stderr so that `--json | jq` always works.
 */
export interface GlobalOptions {
  json?: boolean;
  verbose?: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
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
