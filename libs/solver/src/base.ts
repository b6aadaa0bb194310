// Side-effect-free entry: types, the model, the registry class and helpers. index.ts registers backends.
export type {
  BackendName,
  ConstraintSense,
  ObjectiveSense,
  SolveOptions,
  SolveResult,
  SolveStatus,
  VariableType,
} from './types.js';
export { Model, type VariableOptions } from './model.js';
export type { SolverBackend } from './backend.js';
export { BackendRegistry, type ResolvedBackend } from './registry.js';
export { checkFeasible, type Violation } from './check.js';
export { relativeGap } from './result.js';
