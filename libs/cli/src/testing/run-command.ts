import yargs, { type CommandModule } from 'yargs';
import { UsageError } from '../errors.js';

export interface RunCommandOptions {
  /** Keep stderr (progress, logs) off the test output (default true). */
  quietStderr?: boolean;
}

/**
 * Parses `args` with these command modules in-process, under the umbrella CLI's conventions
 * (`--json`, strict flags, a parser complaint thrown as a UsageError, a handler's error thrown as
 * it is), and returns what the command printed on stdout.
 */
export async function runCommand(
  commands: CommandModule | readonly CommandModule[],
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  const errWrite = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  if (options.quietStderr ?? true) {
    process.stderr.write = (() => true) as typeof process.stderr.write;
  }
  try {
    const parser = yargs([...args]).option('json', { type: 'boolean' });
    for (const command of Array.isArray(commands) ? commands : [commands]) {
      parser.command(command as CommandModule);
    }
    await parser
      .strict()
      .fail((message, error) => {
        throw error ?? new UsageError(message);
      })
      .parseAsync();
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
  return chunks.join('');
}
