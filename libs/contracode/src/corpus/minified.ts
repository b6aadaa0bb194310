/** Thresholds of the minified-bundle heuristic, in characters. */
export const MINIFIED_MEAN_LINE_LENGTH = 250;
export const MINIFIED_LONG_LINE = 1_000;
/** Share of the code's characters on long lines above which a file counts as minified. */
export const MINIFIED_LONG_SHARE = 0.5;

// Compiled packages often end in an inline source map: one huge comment line that says nothing
// about the code above it.
const SOURCE_MAP_LINE = /^\s*\/[/*][#@]\s*sourceMappingURL=/;

/**
 * Minified or generated bundles teach a model nothing about how people write code, and their
 * one-line functions blow the token limits. Heuristic on line length, source-map comment lines left
 * out: a `.min.` file name, a mean line length over 250 characters, or more than half of the
 * characters on lines over 1,000 characters (one long constant in a long file is fine).
 */
export function looksMinified(source: string, filename: string): boolean {
  if (/\.min\.[cm]?[jt]sx?$/i.test(filename)) return true;
  let lines = 0;
  let characters = 0;
  let onLongLines = 0;
  for (const line of source.split('\n')) {
    if (SOURCE_MAP_LINE.test(line)) continue;
    lines += 1;
    characters += line.length;
    if (line.length > MINIFIED_LONG_LINE) onLongLines += line.length;
  }
  if (lines === 0 || characters === 0) return false;
  return characters / lines > MINIFIED_MEAN_LINE_LENGTH || onLongLines / characters > MINIFIED_LONG_SHARE;
}
