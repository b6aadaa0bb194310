import { format } from 'node:util';
import type { GLPK } from 'glpk.js/node';

/** One GLPK WebAssembly runtime per process (the synchronous Node build), reloaded after a crash. */
let runtime: Promise<GLPK> | undefined;

export function glpkRuntime(): Promise<GLPK> {
  runtime ??= loadLoggingToStderr();
  return runtime;
}

export function discardGlpkRuntime(): void {
  runtime = undefined;
}

/**
 * glpk.js's Emscripten module binds `console.log` as its solver log while it initialises, and
 * ignores the `print` option, so the log (verbose solves, fatal GLPK errors) would land on stdout,
 * where the CLI writes JSON. `console.log` points at stderr only while the runtime loads (~0.1 s,
 * once per process); anything else logged in that window also goes to stderr, which is harmless.
 */
async function loadLoggingToStderr(): Promise<GLPK> {
  const original = console.log;
  console.log = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
  try {
    const module = await import('glpk.js/node');
    return await module.default();
  } finally {
    console.log = original;
  }
}
