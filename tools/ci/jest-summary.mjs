#!/usr/bin/env node
// Sums jest's JSON results (one file per Nx project, written by the `test` target) into the
// single closing line CI reads: `N passed, N failed`. Exits 1 when any test failed or a suite
// could not run, so a broken suite is never counted as green.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'reports/jest';
let passed = 0;
let failed = 0;
let skipped = 0;
let brokenSuites = 0;
let files = [];
try {
  files = readdirSync(dir).filter((name) => name.endsWith('.json'));
} catch {
  // no results at all: reported below as zero tests
}
for (const name of files) {
  const result = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + (result.numTodoTests ?? 0);
  brokenSuites += result.numRuntimeErrorTestSuites;
  for (const suite of result.testResults ?? []) {
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      process.stderr.write(`suite failed to run: ${suite.name}\n${suite.message}\n`);
    }
  }
}
if (brokenSuites > 0) failed += brokenSuites;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
