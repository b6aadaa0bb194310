import type { CommandModule } from 'yargs';
import { checkpointsCommand } from './checkpoints-command.js';
import { runCommand } from './run-command.js';

export const trainCommand: CommandModule = {
  command: 'train',
  describe: 'Train with asynchronous checkpoints, resume and a supervisor',
  builder: (yargs) => yargs.command(checkpointsCommand).command(runCommand),
  handler: () => {},
};
