import { setFlagsFromString } from 'node:v8';

/**
 * One plan is a few short solves. By default V8 recompiles the hot functions of the solver's
 * WebAssembly with its optimizing compiler (TurboFan, on background threads): for a run this short
 * that compilation costs the process more CPU than it saves. Liftoff, V8's baseline WebAssembly
 * compiler, runs the same code (WebAssembly arithmetic is deterministic, so the answers are equal).
 * Must run before the solver's module is compiled; the flag is process-wide, so only commands that
 * solve a few dozen models at most call it (over hundreds of solves TurboFan pays off).
 */
export function baselineWasmCompilerOnly(): void {
  setFlagsFromString('--liftoff-only');
}
