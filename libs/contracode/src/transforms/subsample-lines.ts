import type { Transform } from './types.js';

/**
 * Augmentation only (the output usually does not run): keep the first and last line and each
 * line between with a seeded probability, as the ContraCode paper's line subsampling.
 */
export const subsampleLines: Transform = {
  info: {
    name: 'subsample-lines',
    preservesSemantics: false,
    describe: 'keep a random subset of lines (approximate; for augmentation only, output may not run)',
  },
  async apply(source, { rng }) {
    const lines = source.split(/\r?\n/);
    if (lines.length < 5) return source;
    const keep = 0.5 + 0.4 * rng.next();
    const inner = lines.slice(1, -1).filter(() => rng.chance(keep));
    return [lines[0], ...inner, lines[lines.length - 1]].join('\n');
  },
};
