import { format, type Options } from 'prettier';
import type { Rng } from './rng.js';
import type { Transform } from './types.js';

/** Prettier with options drawn from the seed: the same program laid out as different teams would. */
export const reformat: Transform = {
  info: {
    name: 'reformat',
    preservesSemantics: true,
    describe: 'reprint with prettier using seeded options (width, indent, semicolons, quotes, commas)',
  },
  async apply(source, { rng }) {
    // Prettier reformats the text inside templates it recognises by tag or comment (html`…`, css`…`,
    // /* GraphQL */ `…`): that is the string the tag receives, so it must stay byte for byte.
    return format(source, { parser: 'babel', ...prettierOptions(rng), embeddedLanguageFormatting: 'off' });
  },
};

export function prettierOptions(rng: Rng): Options {
  return {
    printWidth: rng.pick([40, 60, 80, 100, 120]),
    tabWidth: rng.pick([2, 4]),
    useTabs: rng.chance(0.2),
    semi: rng.chance(0.6),
    singleQuote: rng.chance(0.5),
    trailingComma: rng.pick(['all', 'es5', 'none'] as const),
    bracketSpacing: rng.chance(0.6),
    arrowParens: rng.pick(['always', 'avoid'] as const),
  };
}
