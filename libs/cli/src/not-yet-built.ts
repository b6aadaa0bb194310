import type { CommandModule } from 'yargs';
import { FailureError } from './errors.js';

/** A verb group whose library has not landed yet: it says so plainly instead of pretending. */
export function notYetBuilt(name: string, describe: string, issue: string): CommandModule {
  return {
    command: `${name} [args..]`,
    describe: `${describe} (not built yet)`,
    handler: () => {
      throw new FailureError(`'strata ${name}' is not built yet (${issue}); see README.md for what works today`);
    },
  };
}
