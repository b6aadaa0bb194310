import type { CommandModule } from 'yargs';

export const rematCommand: CommandModule = {
  command: 'remat <command>',
  describe: 'Plan which activations to keep and which to recompute (Checkmate)',
  builder: (yargs) => yargs.demandCommand(1, 'Name a remat command'),
  handler: () => {},
};
