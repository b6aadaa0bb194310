#!/usr/bin/env node
// `npx strata` works right after `npm install`, with no build step to forget: the verb groups
// that can run bundled start from an esbuild bundle kept fresh by compiled.mjs (rebuilt when a
// source changed); everything else runs the TypeScript sources directly through tsx.
import { compiledEntry } from './compiled.mjs';

const args = process.argv.slice(2);
const compiled = await compiledEntry(args);
let main;
if (compiled) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(args);
