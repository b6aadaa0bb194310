import type { Test262Report } from './check.js';
import type { Test262Category } from './tests.js';

const COLUMNS: readonly [Test262Category, string][] = [
  ['behaviour', 'behaviour'],
  ['function-name', '`.name`'],
  ['source-text', 'source text'],
];

/** The per-setting table: for each category, still passes / fails / refused / tool errors. */
export function test262Table(report: Test262Report): string {
  const header = ['setting', 'changed', ...COLUMNS.map(([, title]) => `${title}: pass / fail / refused / tool error`)];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const summary of report.settings) {
    const cells = COLUMNS.map(([category]) => {
      const counts = summary.byCategory[category];
      return `${counts.pass} / ${counts.fail} / ${counts.refused} / ${counts['tool-error']}`;
    });
    const counts = COLUMNS.map(([category]) => summary.byCategory[category]);
    const notApplicable = counts.some((c) => c['not-applicable'] > 0) && counts.every((c) => c.pass + c.fail + c['tool-error'] === 0);
    lines.push(`| ${summary.setting} | ${notApplicable ? 'not applicable to JavaScript' : summary.changed} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function retryLines(report: Test262Report): string[] {
  if (report.retriedAfterTimeout === 0) return [];
  const again = report.stillTimedOut.map(({ test, setting }) => `${test} (${setting ?? 'untransformed'})`);
  return [
    `${report.retriedAfterTimeout} tests timed out and were rerun alone; ${again.length} timed out again (counted as failures)${again.length ? `: ${again.join(', ')}` : ''}.`,
  ];
}

export function test262Summary(report: Test262Report): string {
  const passed = report.baselinePassedByCategory;
  return [
    `${report.tests} tests: ${report.notRunnable} negative/module/raw (not run), ${report.baselineFailed} fail untransformed on this Node, ` +
      `${report.baselinePassed} pass untransformed and were checked (${passed.behaviour} behaviour, ${passed['function-name']} \`.name\`, ${passed['source-text']} source text).`,
    ...retryLines(report),
    '',
    test262Table(report),
  ].join('\n');
}

/** Each failure and tool error, with the reason, for a person to read. */
export function test262Problems(report: Test262Report): string {
  const lines: string[] = [];
  for (const summary of report.settings) {
    for (const problem of summary.problems) lines.push(`[${summary.setting}] ${problem.test} (${problem.category}): ${problem.verdict}: ${problem.detail ?? ''}`);
  }
  return lines.join('\n');
}
