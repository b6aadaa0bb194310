// `strata transfer` without the umbrella binary (see strata-transfer.mjs): the same command
// module, flags and exit codes. run.sh also bundles this file with esbuild into one JS file, so a
// run can be timed without tsx compiling TypeScript at every start.
import yargs from 'yargs';
import { exitCodeOf, oneLineMessage } from '../../libs/cli/src/index.js';
import { transferCommand } from '../../libs/transfer/src/cli/index.js';

try {
  await yargs(process.argv.slice(2))
    .option('json', { type: 'boolean' })
    .command(transferCommand)
    .strict()
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
} catch (error) {
  process.stderr.write(`strata: ${oneLineMessage(error)}\n`);
  process.exitCode = exitCodeOf(error);
}
