import type { CommandModule } from 'yargs';
import { FailureError } from '@strata/cli';

// Verb groups whose libraries have not landed yet. Each says so plainly instead of pretending.
function notYetBuilt(name: string, describe: string, issue: string): CommandModule {
  return {
    command: `${name} [args..]`,
    describe: `${describe} (not built yet)`,
    handler: () => {
      throw new FailureError(`'strata ${name}' is not built yet (${issue}); see README.md for what works today`);
    },
  };
}

export const commandGroups: CommandModule[] = [
  notYetBuilt('transfer', 'Copy and sync between object stores (Skyplane)', 'issue 5'),
  notYetBuilt('code', 'Code transformations and corpora (ContraCode)', 'issue 6'),
  notYetBuilt('train', 'Training with asynchronous checkpoints and resume', 'issue 7'),
  notYetBuilt('pipeline', 'Fetch data, plan memory, train', 'the pipeline issue'),
];
