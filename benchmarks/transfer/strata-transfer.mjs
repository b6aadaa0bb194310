#!/usr/bin/env node
// `strata transfer` without the umbrella: the umbrella binary imports every lib's command module
// at start (several seconds here), which would swamp small transfers. Same command module, same
// flags, same exit codes; used by run.sh next to the full binary so both costs are visible.
import { register } from 'tsx/esm/api';

register();
const yargs = (await import('yargs')).default;
const { transferCommand } = await import('../../libs/transfer/src/cli/index.ts');
const { exitCodeOf, oneLineMessage } = await import('../../libs/cli/src/index.ts');
try {
  await yargs(process.argv.slice(2)).option('json', { type: 'boolean' }).command(transferCommand).strict()
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
} catch (error) {
  process.stderr.write(`strata: ${oneLineMessage(error)}\n`);
  process.exitCode = exitCodeOf(error);
}
