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
