import type * as tfl from '@tensorflow/tfjs-layers';

/** What a sequence encoder gives for token ids [batch, tokens]. */
export interface EncoderOutputs {
  /** [batch, tokens, width]: one state per token (for per-token heads, e.g. masked-token prediction). */
  tokenStates: tfl.SymbolicTensor;
  /** [batch, width]: the mean of the token states (for sequence heads, e.g. a projection head). */
  pooled: tfl.SymbolicTensor;
}

/**
 * A sequence encoder whose layers are created once: every `apply` reuses them, so two inputs
 * encoded by one encoder share its weights.
 */
export interface SequenceEncoder {
  apply(ids: tfl.SymbolicTensor): EncoderOutputs;
  /** Width of the token states and of the pooled vector. */
  readonly width: number;
}
