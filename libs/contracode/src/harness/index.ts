export { runProgram, type RunOptions, type RunResult, type ThrownError } from './run-program.js';
export { compareRuns, normaliseMessage, normaliseStdout } from './compare.js';
export { loadPrograms, type TestProgram } from './programs.js';
export { checkSemantics, referenceSource, sourceTypeOf, type Setting, type Outcome, type SettingSummary, type CheckOptions } from './semantics.js';
export { semanticsSettings } from './settings.js';
