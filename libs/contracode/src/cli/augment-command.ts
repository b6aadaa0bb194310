import type { CommandModule } from 'yargs';
import { createLogger, printJson, type GlobalOptions } from '@strata/cli';
import { augmentFile, ensureNewline } from './augment-file.js';

interface AugmentArgs extends GlobalOptions {
  in: string;
  out?: string;
  transforms: string;
  seed: number;
}

export const augmentCommand: CommandModule<GlobalOptions, AugmentArgs> = {
  command: 'augment',
  describe: 'Transform one JavaScript/TypeScript file without changing what it does',
  builder: (yargs) =>
    yargs
      .option('in', { type: 'string', demandOption: true, describe: 'The .js/.ts file to transform' })
      .option('transforms', {
        type: 'string',
        default: 'all',
        describe: "Comma list of transforms, or 'all' (every semantics-preserving one, in a random order for the seed)",
      })
      .option('seed', { type: 'number', demandOption: true, describe: 'Seed: the same seed gives the same output' })
      .option('out', { type: 'string', describe: 'Write the result here (atomically) instead of stdout' }),
  handler: async (argv) => {
    const result = await augmentFile({ input: argv.in, output: argv.out, transforms: argv.transforms, seed: argv.seed });
    const logger = createLogger(argv);
    logger.verbose(`applied: ${result.applied.join(', ') || 'none'}`);
    for (const skip of result.skipped ?? []) logger.verbose(`skipped ${skip.transform}: ${skip.reason}`);
    if (argv.json) {
      printJson({
        file: argv.in,
        language: result.language,
        seed: argv.seed,
        changed: result.changed,
        applied: result.applied,
        skipped: result.skipped ?? [],
        ...(argv.out === undefined ? { code: result.code } : { out: argv.out }),
      });
    } else if (argv.out === undefined) {
      process.stdout.write(ensureNewline(result.code));
    }
  },
};
