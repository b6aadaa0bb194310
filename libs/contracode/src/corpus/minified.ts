/** Thresholds of the minified-bundle heuristic, in characters. */
export const MINIFIED_MEAN_LINE_LENGTH = 250;
export const MINIFIED_LONGEST_LINE = 2_000;

/**
 * Minified or generated bundles teach a model nothing about how people write code, and their
 * one-line functions blow the token limits. Heuristic on line length: a `.min.` file name, a mean
 * line length over 250 characters, or any line over 2,000 characters.
 */
export function looksMinified(source: string, filename: string): boolean {
  if (/\.min\.[cm]?[jt]sx?$/i.test(filename)) return true;
  let lines = 0;
  let longest = 0;
  let lineStart = 0;
  for (let index = 0; index <= source.length; index += 1) {
    if (index === source.length || source.charCodeAt(index) === 10) {
      const length = index - lineStart;
      if (length > longest) longest = length;
      lines += 1;
      lineStart = index + 1;
    }
  }
  return longest > MINIFIED_LONGEST_LINE || source.length / lines > MINIFIED_MEAN_LINE_LENGTH;
}
