export { checkTest262, inPart, type Test262Options, type Test262Report, type Test262SettingSummary } from './check.js';
export { test262Problems, test262Summary, test262Table } from './report.js';
export { loadTest262, readFrontmatter, categoryOf, notRunnableReason, type Test262Test, type Test262Category } from './tests.js';
export { runTest262Script } from './run-script.js';
