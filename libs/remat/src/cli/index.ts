import type { CommandModule } from 'yargs';
import { planCommand } from './plan-command.js';
import { sweepCommand } from './sweep-command.js';

export const rematCommand: CommandModule = {
  command: 'remat <command>',
  describe: 'Plan which activations to keep and which to recompute (Checkmate)',
  builder: (yargs) =>
    yargs
      .command(planCommand)
      .command(sweepCommand)
      .demandCommand(
        1,
        "Name a remat command (plan, sweep, and the executor's graph, run, max-batch): see 'strata remat --help'",
      ),
  handler: () => {},
};
