import { UsageError } from '@strata/cli';
import type { BuiltinModelOptions } from './types.js';

export const DEFAULT_IMAGE_SIZE = 32;
export const DEFAULT_SEQUENCE_LENGTH = 32;

/** The image side, checked to be divisible by the model's total downsampling. */
export function imageSide(options: BuiltinModelOptions, divisor: number): number {
  const side = options.imageSize ?? DEFAULT_IMAGE_SIZE;
  if (!Number.isInteger(side) || side < divisor || side % divisor !== 0) {
    throw new UsageError(
      `image size ${side}: use a positive multiple of ${divisor} (the model halves it ${Math.log2(divisor)} times)`,
    );
  }
  return side;
}

export function sequenceLength(options: BuiltinModelOptions): number {
  const length = options.sequenceLength ?? DEFAULT_SEQUENCE_LENGTH;
  if (!Number.isInteger(length) || length < 1) {
    throw new UsageError(`sequence length ${length}: use a positive integer`);
  }
  return length;
}
