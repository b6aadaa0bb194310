import type { Argv, CommandModule } from 'yargs';
import { planCommand } from './plan-command.js';
import { sweepCommand } from './sweep-command.js';

/** The parser of `strata remat`, kept so that the verb alone can print its help. */
let rematParser: Argv | undefined;

export const rematCommand: CommandModule = {
  command: 'remat [command]',
  describe: 'Plan which activations to keep and which to recompute (Checkmate)',
  builder: (yargs) => {
    rematParser = yargs.command(planCommand).command(sweepCommand);
    return rematParser;
  },
  // `strata remat` alone: its help (as `strata transfer` alone), not a parser message. The help
  // lists the executor's verbs too: the app registers them on this same parser.
  handler: () => {
    rematParser?.showHelp((text) => process.stdout.write(`${text}\n`));
  },
};
