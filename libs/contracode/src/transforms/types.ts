import type { Rng } from './rng.js';

export type TransformName =
  | 'rename-variables'
  | 'mangle-identifiers'
  | 'insert-dead-code'
  | 'eliminate-dead-code'
  | 'fold-constants'
  | 'strip-types'
  | 'reformat'
  | 'compress'
  | 'subsample-lines';

export interface TransformInfo {
  name: TransformName;
  /** False for augmentation-only transforms whose output may not run (line subsampling). */
  preservesSemantics: boolean;
  describe: string;
}

export interface TransformResult {
  code: string;
  changed: boolean;
  applied: TransformName[];
  skipped?: { transform: TransformName; reason: string }[];
}

export type SourceType = 'script' | 'module';

/** What one transform sees: JavaScript source (types already stripped) and its own random stream. */
export interface TransformContext {
  rng: Rng;
  sourceType: SourceType;
  deadCodeSnippets: readonly string[];
}

/** One transform: pure (same source, same rng state → same output), no I/O, safe in a worker thread. */
export interface Transform {
  info: TransformInfo;
  apply(source: string, context: TransformContext): Promise<string>;
}
