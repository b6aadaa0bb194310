import type { RunResult, ThrownError } from './run-program.js';

/**
 * V8 messages that quote the source text of the failing expression (`foo is not a function`,
 * `Cannot access 'x' before initialization`): renaming or minifying changes the quoted text,
 * not the behaviour, so the quoted part is compared as a placeholder.
 */
const SOURCE_QUOTING_MESSAGES: readonly [RegExp, string][] = [
  [/^.+ is not a function$/, '<expression> is not a function'],
  [/^.+ is not a function or its return value is not iterable$/, '<expression> is not a function or its return value is not iterable'],
  [/^.+ is not iterable$/, '<expression> is not iterable'],
  [/^.+ is not async iterable$/, '<expression> is not async iterable'],
  [/^.+ is not a constructor$/, '<expression> is not a constructor'],
  [/^Cannot access '.+' before initialization$/, "Cannot access '<binding>' before initialization"],
  [/^Cannot destructure '.+' as it is (undefined|null)\.$/, "Cannot destructure '<expression>' as it is $1."],
  [/^Cannot destructure property '([^']+)' of '.+' as it is (undefined|null)\.$/, "Cannot destructure property '$1' of '<expression>' as it is $2."],
];

export function normaliseMessage(message: string): string {
  for (const [pattern, replacement] of SOURCE_QUOTING_MESSAGES) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return message;
}

/**
 * Printed stack traces name the temporary file and line/column positions, which any layout
 * change moves; the frames are dropped and the program's path replaced before comparing.
 */
export function normaliseStdout(stdout: string): string {
  return stdout
    .replace(/^ {4}at .*(?:\n|$)/gm, '')
    .replace(/(?:file:\/\/)?\/\S*strata-harness-[^/\s]+\/program\.[cm]js(?::\d+(?::\d+)?)?/g, '<program>')
    .replace(/\/\S*strata-harness-[A-Za-z0-9]+/g, '<directory>');
}

function describeError(error: ThrownError | null): string {
  return error ? `${error.kind} ${error.name}: ${error.message}` : 'no error';
}

/** The differences between two runs of what should be the same program; empty when they agree. */
export function compareRuns(expected: RunResult, actual: RunResult): string[] {
  const differences: string[] = [];
  if (expected.timedOut !== actual.timedOut) differences.push(`timed out: ${expected.timedOut} → ${actual.timedOut}`);
  if (expected.exitCode !== actual.exitCode) differences.push(`exit code: ${expected.exitCode} → ${actual.exitCode}`);
  const a = expected.error;
  const b = actual.error;
  const sameError =
    a === b ||
    (a !== null && b !== null && a.kind === b.kind && a.name === b.name && normaliseMessage(a.message) === normaliseMessage(b.message));
  if (!sameError) differences.push(`error: ${describeError(a)} → ${describeError(b)}`);
  const stdoutA = normaliseStdout(expected.stdout);
  const stdoutB = normaliseStdout(actual.stdout);
  if (stdoutA !== stdoutB) differences.push(`stdout: ${firstDifference(stdoutA, stdoutB)}`);
  return differences;
}

function firstDifference(a: string, b: string): string {
  const linesA = a.split('\n');
  const linesB = b.split('\n');
  for (let i = 0; i < Math.max(linesA.length, linesB.length); i++) {
    if (linesA[i] !== linesB[i]) return `line ${i + 1}: ${JSON.stringify(linesA[i] ?? null)} → ${JSON.stringify(linesB[i] ?? null)}`;
  }
  return 'differs';
}
