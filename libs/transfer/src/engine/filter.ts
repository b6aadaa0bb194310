/**
 * --include / --exclude / --filter with rclone's documented semantics (rclone.org/filtering):
 *  - a pattern matches the key relative to the source prefix. `*` and `?` stay inside one path
 *    element, `**` crosses '/', `[...]` and `{a,b}` as in shell globs;
 *  - a pattern starting with '/' is anchored at that root; any other pattern matches the end of
 *    the key, whole path elements only (`*.txt` matches `a.txt` and `dir/a.txt`, `b/c` matches
 *    `a/b/c`), and a pattern ending in '/' matches everything in such a directory;
 *  - rules are tried in order and the first that matches decides: the includes, then the
 *    excludes, then `--filter` rules (`+ PATTERN` / `- PATTERN`) in the order given; when any
 *    include was given, a key no rule matched is excluded (rclone's implicit `- **`), else kept.
 */
import picomatch from 'picomatch';
import { UsageError } from '@strata/cli';

export type KeyFilter = (relativeKey: string) => boolean;

interface Rule {
  include: boolean;
  matches: (key: string) => boolean;
}

function compile(pattern: string, flag: string): (key: string) => boolean {
  if (pattern.trim() === '')
    throw new UsageError(`${flag} needs a pattern, e.g. ${flag} '*.txt' (see --help for the rules)`);
  const anchored = pattern.startsWith('/');
  let glob = anchored ? pattern.slice(1) : pattern;
  if (glob.endsWith('/')) glob = `${glob}**`;
  const options = { dot: true };
  return anchored ? picomatch(glob, options) : picomatch([glob, `**/${glob}`], options);
}

function filterRule(rule: string): Rule {
  const match = /^([+-]) (.*)$/.exec(rule);
  if (!match)
    throw new UsageError(
      `--filter '${rule}' is not a rule: write '+ PATTERN' to include or '- PATTERN' to exclude`,
    );
  return { include: match[1] === '+', matches: compile(match[2] ?? '', '--filter') };
}

export function createKeyFilter(
  include: readonly string[] = [],
  exclude: readonly string[] = [],
  filter: readonly string[] = [],
): KeyFilter {
  const rules: Rule[] = [
    ...include.map((pattern) => ({ include: true, matches: compile(pattern, '--include') })),
    ...exclude.map((pattern) => ({ include: false, matches: compile(pattern, '--exclude') })),
    ...filter.map(filterRule),
  ];
  if (rules.length === 0) return () => true;
  const otherwise = include.length === 0;
  return (relativeKey) => {
    for (const rule of rules) if (rule.matches(relativeKey)) return rule.include;
    return otherwise;
  };
}
