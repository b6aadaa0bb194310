export {
  ENCODER_KINDS,
  ENCODER_DEFAULTS,
  REPRESENTATION_WIDTH,
  describeEncoder,
  parseEncoderKind,
  validateEncoderConfig,
  type EncoderConfig,
  type EncoderKind,
} from './config.js';
export { buildCodeEncoder, embedRows, l2Normalize, type CodeEncoder } from './code-encoder.js';
