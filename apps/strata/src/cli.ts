import yargs, { type Argv } from 'yargs';
import { exitCodeOf, EXIT_USAGE, oneLineMessage, UsageError } from '@strata/cli';
import { commandGroups, commandsFor } from './groups.js';

/**
 * The umbrella parser. Each verb group comes from its library's command module; this file only
 * wires them together with the global conventions (--json, --verbose, exit codes).
 * A fresh parser per call, so tests can run many in one process. Only the group the command line
 * names is loaded (see groups.ts).
 */
export async function buildCli(args: string[]): Promise<Argv> {
  const commands = await commandsFor(args);
  return yargs(args)
    .scriptName('strata')
    .usage('$0 <command> [options]\n\nPlan memory, move data and train, as one toolkit.')
    .option('json', {
      type: 'boolean',
      describe: 'Print one machine-readable JSON object on stdout',
    })
    .option('verbose', { type: 'boolean', describe: 'Log more detail on stderr' })
    .command(commands)
    .demandCommand(1, `Name a command: ${commandGroups.map((group) => group.name).join(', ')}`)
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      // Validation problems arrive as a message; errors thrown by handlers propagate unchanged.
      if (error) throw error;
      throw new UsageError(`${message} (see 'strata --help')`);
    });
}

/** Runs one command line; returns the exit code (0 ok, 1 failure, 2 bad input). */
export async function main(args: string[]): Promise<number> {
  try {
    await (await buildCli(args)).parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const code = exitCodeOf(error);
    process.stderr.write(`strata: ${oneLineMessage(error)}\n`);
    if (code !== EXIT_USAGE && process.argv.includes('--verbose') && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
    return code;
  }
}
