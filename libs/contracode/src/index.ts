// Transforms (engineer A).
export * from './transforms/index.js';
// Corpus builder (engineer B).
export * from './corpus/index.js';
