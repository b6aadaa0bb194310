// Transforms (engineer A).
export * from './transforms/index.js';
