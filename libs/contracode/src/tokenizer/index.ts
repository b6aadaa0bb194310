export {
  UnigramTokenizer,
  PAD_ID,
  BOS_ID,
  EOS_ID,
  MASK_ID,
  FIRST_PIECE_ID,
  SPECIAL_TOKENS,
  TOKENIZER_FORMAT,
  type TokenizerJson,
  type EncodeOptions,
  type UniformSource,
} from './unigram.js';
export { trainTokenizer, DEFAULT_VOCAB_SIZE, type TrainTokenizerOptions } from './train.js';
export { preTokenize, toVisible, fromVisible, type PreToken } from './pretokenize.js';
