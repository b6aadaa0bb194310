import type { CommandModule } from 'yargs';
import { notYetBuilt } from '@strata/cli';
import { rematCommand } from '@strata/remat/cli';
import { transferCommand } from '@strata/transfer/cli';
import { codeCommand } from '@strata/contracode/cli';
import { trainCommand } from '@strata/train/cli';

/** Every verb group, each from its library's command module, in the order --help lists them. */
export const commandGroups: CommandModule[] = [
  rematCommand,
  transferCommand,
  codeCommand,
  trainCommand,
  notYetBuilt('pipeline', 'Fetch data, plan memory, train', 'the pipeline issue'),
];
