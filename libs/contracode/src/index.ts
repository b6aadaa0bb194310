// Transforms (engineer A).
export * from './transforms/index.js';
// Semantics harness (engineer A): run programs in child processes and compare behaviour.
export * from './harness/index.js';
// Corpus builder (engineer B).
export * from './corpus/index.js';
// Pretraining (issue 18): tokenizer, encoders, MoCo / masked-LM tasks.
export * from './tokenizer/index.js';
export * from './models/index.js';
export * from './pretrain/index.js';
