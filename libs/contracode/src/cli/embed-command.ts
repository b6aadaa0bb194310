import { readFile } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import { createLogger, printJson, printLine, UsageError, type GlobalOptions } from '@strata/cli';
import { BACKEND_CHOICES, initBackend, type BackendChoice } from '@strata/train';
import { embedRows } from '../models/index.js';
import { loadPretrainedEncoder } from '../pretrain/load-encoder.js';
import { spellRows } from '../pretrain/views.js';

interface EmbedArgs extends GlobalOptions {
  checkpoint: string;
  in: string;
  backend: string;
}

export const embedCommand: CommandModule<GlobalOptions, EmbedArgs> = {
  command: 'embed',
  describe: "Print a function's 128-number embedding from a pretrained encoder",
  builder: (yargs) =>
    yargs
      .option('checkpoint', {
        type: 'string',
        demandOption: true,
        describe: "The --checkpoint URI of a 'strata code pretrain' run",
      })
      .option('in', { type: 'string', demandOption: true, describe: 'File holding the function' })
      .option('backend', {
        type: 'string',
        choices: BACKEND_CHOICES,
        default: 'cpu',
        describe: 'TF.js backend',
      }),
  handler: async (argv) => {
    const logger = createLogger(argv);
    let source: string;
    try {
      source = await readFile(argv.in, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read --in ${argv.in} (${(error as NodeJS.ErrnoException).code ?? 'error'}): give a file holding a function`,
      );
    }
    if (source.trim() === '')
      throw new UsageError(`--in ${argv.in} is empty: give a file holding a function`);
    await initBackend(argv.backend as BackendChoice, (line) => logger.verbose(line));
    const loaded = await loadPretrainedEncoder(argv.checkpoint, (line) => logger.warn(line));
    try {
      const rows = spellRows(loaded.tokenizer, [source], loaded.encoder.config.sequenceLength);
      const embedding = Array.from(embedRows(loaded.encoder, rows));
      if (argv.json) printJson({ embedding });
      else {
        logger.info(
          `${loaded.model} at step ${loaded.step}: L2-normalised embedding of ${argv.in}`,
        );
        printLine(embedding.map((value) => value.toFixed(6)).join(' '));
      }
    } finally {
      loaded.encoder.dispose();
    }
  },
};
