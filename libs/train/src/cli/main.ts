/**
 * A lean entry point with only the `train` group: the processes the fault tests kill 20 times and
 * the benchmark spawns start without loading every other library of the umbrella CLI.
 * `node --import tsx libs/train/src/cli/main.ts train --model ...` behaves as `strata train ...`.
 */
import yargs from 'yargs';
import { exitCodeOf, oneLineMessage, UsageError } from '@strata/cli';
import { trainCommand } from './index.js';

try {
  await yargs(process.argv.slice(2))
    .scriptName('strata')
    .option('json', { type: 'boolean' })
    .option('verbose', { type: 'boolean' })
    .command(trainCommand)
    .demandCommand(1)
    .strict()
    .version(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(message);
    })
    .parseAsync();
} catch (error) {
  process.stderr.write(`strata: ${oneLineMessage(error)}\n`);
  process.exitCode = exitCodeOf(error);
}
// The IPC channel to a supervisor would keep the process alive.
if (process.connected) process.disconnect();
