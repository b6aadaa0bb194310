export * from './checkpoint/index.js';
export { SeededRng, deriveSeed, type RngState } from './rng.js';
