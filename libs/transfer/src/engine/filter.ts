/**
 * --include / --exclude, rclone-style: globs match the key relative to the source prefix; an
 * object is kept when it matches some include (or there are none) and no exclude.
 */
import picomatch from 'picomatch';

export type KeyFilter = (relativeKey: string) => boolean;

export function createKeyFilter(
  include: readonly string[] = [],
  exclude: readonly string[] = [],
): KeyFilter {
  const options = { dot: true };
  const included = include.length > 0 ? picomatch([...include], options) : () => true;
  const excluded = exclude.length > 0 ? picomatch([...exclude], options) : () => false;
  return (relativeKey) => included(relativeKey) && !excluded(relativeKey);
}
