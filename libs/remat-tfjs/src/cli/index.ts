import type { CommandModule } from 'yargs';
import { graphCommand } from './graph-command.js';
import { maxBatchCommand } from './max-batch-command.js';
import { runCommand } from './run-command.js';

/**
 * The remat verbs that run TF.js, for the app to add to the `remat` group. Their modules load
 * TF.js only inside their handlers, so `strata remat plan` never pays for it.
 */
export const rematTfjsCommands: readonly CommandModule[] = [
  graphCommand as unknown as CommandModule,
  runCommand as unknown as CommandModule,
  maxBatchCommand as unknown as CommandModule,
];
