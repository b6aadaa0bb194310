/**
 * The encoders' settings. ContraCode's paper sizes (Transformer d_model 512, 6 layers, 8 heads;
 * BiLSTM 2 layers) are reachable through the flags; the defaults are small enough to train on
 * two CPU cores.
 */
import { UsageError } from '@strata/cli';

export const ENCODER_KINDS = ['bilstm', 'transformer'] as const;
export type EncoderKind = (typeof ENCODER_KINDS)[number];

/** Width of the representation the projection head gives (ContraCode's d_rep). */
export const REPRESENTATION_WIDTH = 128;

export interface EncoderConfig {
  kind: EncoderKind;
  vocabSize: number;
  /** Tokens per sequence, <s> and </s> included; longer functions are cut. */
  sequenceLength: number;
  /** Embedding width; LSTM units per direction; the Transformer's d_model. */
  width: number;
  layers: number;
  /** Transformer only. */
  heads: number;
  /** Transformer only: hidden width of the feed-forward layer. */
  feedForward: number;
  /** Transformer only. */
  dropout: number;
}

export const ENCODER_DEFAULTS: Record<EncoderKind, Omit<EncoderConfig, 'vocabSize'>> = {
  bilstm: {
    kind: 'bilstm',
    sequenceLength: 64,
    width: 64,
    layers: 2,
    heads: 0,
    feedForward: 0,
    dropout: 0,
  },
  transformer: {
    kind: 'transformer',
    sequenceLength: 64,
    width: 64,
    layers: 2,
    heads: 4,
    feedForward: 128,
    dropout: 0.1,
  },
};

export function parseEncoderKind(text: string): EncoderKind {
  if ((ENCODER_KINDS as readonly string[]).includes(text)) return text as EncoderKind;
  throw new UsageError(`--encoder '${text}' does not exist: use ${ENCODER_KINDS.join(' or ')}`);
}

/** The model's name in checkpoints: a resume or an embed with another encoder is refused. */
export function describeEncoder(config: EncoderConfig): string {
  const shape = `v${config.vocabSize}-t${config.sequenceLength}-w${config.width}-l${config.layers}`;
  const extra =
    config.kind === 'transformer'
      ? `-h${config.heads}-f${config.feedForward}-d${config.dropout}`
      : '';
  return `contracode-${config.kind}:${shape}${extra}-r${REPRESENTATION_WIDTH}`;
}

export function validateEncoderConfig(config: EncoderConfig): void {
  const positive = (value: number, flag: string): void => {
    if (!Number.isInteger(value) || value < 1)
      throw new UsageError(`${flag} must be a positive integer, got ${value}`);
  };
  positive(config.sequenceLength, '--sequence-length');
  if (config.sequenceLength < 4)
    throw new UsageError(`--sequence-length ${config.sequenceLength} is too short: give 4 or more`);
  positive(config.width, '--width');
  positive(config.layers, '--layers');
  if (config.kind === 'transformer') {
    positive(config.heads, '--heads');
    if (config.width % config.heads !== 0)
      throw new UsageError(`--width ${config.width} is not divisible by --heads ${config.heads}`);
  }
}
