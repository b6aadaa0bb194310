export type { TransformName, TransformInfo, TransformResult, Transform, TransformContext, SourceType } from './types.js';
export { TRANSFORMS, transformByName } from './registry.js';
export { augment, transformNames, planTransforms, languageOf, type AugmentOptions } from './augment.js';
export { createRng, deriveSeed, type Rng } from './rng.js';
export { unsafeReason } from './safety.js';
export { DEFAULT_DEAD_CODE_SNIPPETS } from './dead-code-snippets.js';
