// Tensor methods first: tfjs-layers calls them (see chained-ops.ts).
import './chained-ops.js';

export { registerChainedOps } from './chained-ops.js';
export {
  MultiHeadSelfAttention,
  type MultiHeadSelfAttentionArgs,
} from './layers/multi-head-self-attention.js';
export { PositionEmbedding, type PositionEmbeddingArgs } from './layers/position-embedding.js';
export type { EncoderOutputs, SequenceEncoder } from './blocks/encoder.js';
export { bilstmEncoder, type BilstmEncoderConfig } from './blocks/bilstm-encoder.js';
export { transformerEncoder, type TransformerEncoderConfig } from './blocks/transformer-encoder.js';
export { meanOverTokens } from './blocks/parts.js';
export {
  builtinModelNames,
  createBuiltinModel,
  isBuiltinModelName,
  type BuiltinModelName,
} from './models/registry.js';
export type { Batch, BuiltinLoss, BuiltinModel, BuiltinModelOptions } from './models/types.js';
export { SeedStream } from './seeds.js';
export { initBackend, BACKEND_CHOICES, type BackendChoice } from './backend/init-backend.js';
export { registerWasmTrainingKernels, kernelsMissingOnWasm } from './backend/wasm-kernels.js';
export { delegateKernels } from './backend/delegate-kernels.js';
export { lossAndGradients, trainableVariables } from './models/gradients.js';
export { WASM_HEAP_CEILING_BYTES, heapCeiling } from './backend/heap-ceiling.js';
export { registerUriRouters, uriIOHandler, type UriIOOptions } from './io/uri-io-handler.js';
