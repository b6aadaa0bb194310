/**
 * Masked-language-model inputs (BERT's recipe, as ContraCode's MLM baseline uses it): 15% of the
 * real tokens (not padding, not <s>/</s>) are chosen; of those 80% become <mask>, 10% a random
 * piece, 10% stay. The loss is taken over the chosen positions only.
 */
import { BOS_ID, EOS_ID, FIRST_PIECE_ID, MASK_ID, PAD_ID } from '../tokenizer/index.js';
import type { UniformSource } from '../tokenizer/index.js';

export const MASK_RATE = 0.15;

export interface MaskedBatch {
  /** The ids the encoder sees. */
  inputs: Int32Array;
  /** The original ids (the targets). */
  targets: Int32Array;
  /** 1 where the loss is taken, else 0. */
  weights: Float32Array;
}

export function maskTokens(
  ids: Int32Array,
  vocabSize: number,
  rng: UniformSource,
  rate = MASK_RATE,
): MaskedBatch {
  const inputs = Int32Array.from(ids);
  const weights = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[i]!;
    if (id === PAD_ID || id === BOS_ID || id === EOS_ID) continue;
    if (rng.nextFloat() >= rate) continue;
    weights[i] = 1;
    const action = rng.nextFloat();
    if (action < 0.8) inputs[i] = MASK_ID;
    else if (action < 0.9)
      inputs[i] = FIRST_PIECE_ID + Math.floor(rng.nextFloat() * (vocabSize - FIRST_PIECE_ID));
  }
  return { inputs, targets: Int32Array.from(ids), weights };
}
