import type { Highs, InitOptions } from 'highs';

type HighsLoader = (options?: InitOptions) => Promise<Highs>;

/**
 * One HiGHS WebAssembly runtime per process: instantiating it costs ~0.3 s, and each solve gets
 * its own native instance inside it (created and disposed per solve), so solves never share state.
 * WASM memory only grows, so a huge model can exhaust it; the backend then discards the runtime
 * and retries once on a fresh one.
 */
let runtime: Promise<Highs> | undefined;

export function highsRuntime(): Promise<Highs> {
  runtime ??= import('highs').then((module) =>
    loaderOf(module)({
      // HiGHS logs only when a solve sets output_flag (the `verbose` option); send it to stderr.
      print: (line) => process.stderr.write(`${line}\n`),
      printErr: (line) => process.stderr.write(`${line}\n`),
    }),
  );
  return runtime;
}

export function discardHighsRuntime(): void {
  runtime = undefined;
}

/** The package is CommonJS with an ESM twin: the loader is `default`, or `default.default` via CJS interop. */
function loaderOf(module: unknown): HighsLoader {
  const outer = (module as { default?: unknown }).default;
  const loader = typeof outer === 'function' ? outer : (outer as { default?: unknown } | undefined)?.default;
  if (typeof loader !== 'function') throw new Error("the 'highs' package has no loader function");
  return loader as HighsLoader;
}
