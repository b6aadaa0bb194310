import type { Argv, CommandModule } from 'yargs';
import type { GlobalOptions } from '@strata/cli';
import { augmentCommand } from './augment-command.js';
import { corpusCommand } from './corpus-command.js';
import { embedCommand } from './embed-command.js';
import { pretrainCommand } from './pretrain-command.js';

/** `strata code …`: transform one file, build and inspect pretraining corpora. */
export const codeCommand: CommandModule = {
  command: 'code <command>',
  describe: 'Code transformations and corpora (ContraCode)',
  builder: (yargs) =>
    (yargs as Argv<GlobalOptions>)
      .command(augmentCommand)
      .command(corpusCommand)
      .command(pretrainCommand)
      .command(embedCommand)
      .demandCommand(1, 'Name a code command: augment, corpus, pretrain or embed'),
  handler: () => {},
};
