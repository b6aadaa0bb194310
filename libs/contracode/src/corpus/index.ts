export { buildCorpus, BUILD_DEFAULTS, defaultCorpusSource, variantSeed, type BuildCorpusOptions } from './build.js';
export { readCorpusStats, type CorpusStats, type ShardCheck } from './stats.js';
export {
  manifestSchema,
  MANIFEST_NAME,
  type CorpusManifest,
  type CorpusRecord,
  type ShardEntry,
} from './manifest.js';
export { normalisedAstHash } from './normalise.js';
export { extractFunctions, type ExtractedFunction } from './extract.js';
export { parseSource, syntaxErrorLocation, type SourceLanguage } from './parse.js';
export { toProgram, fromProgram, type FunctionKind } from './program-form.js';
export {
  splitOfPackage,
  parseSplitRatios,
  PackageResolver,
  DEFAULT_SPLIT,
  SPLITS,
  type Split,
  type SplitRatios,
} from './packages.js';
export { walkSourceFiles, type SourceFile, type WalkResult } from './walk.js';
export { looksMinified } from './minified.js';
