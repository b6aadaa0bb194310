export type * from './plan-types.js';
export { simulate } from './simulator/index.js';
