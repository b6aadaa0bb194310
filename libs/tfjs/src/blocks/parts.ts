import * as tfl from '@tensorflow/tfjs-layers';

/**
 * Mean over the tokens of [batch, tokens, width] -> [batch, width], built from Reshape,
 * AveragePooling2D and Flatten so that every layer is one the remat importer knows (the Layers
 * API's GlobalAveragePooling1D would be one more layer kind for it to support).
 */
export function meanOverTokens(
  states: tfl.SymbolicTensor,
  tokens: number,
  width: number,
  name?: string,
): tfl.SymbolicTensor {
  const named = (suffix: string): { name?: string } => layerName(name, suffix);
  const grid = tfl.layers
    .reshape({ targetShape: [tokens, 1, width], ...named('grid') })
    .apply(states) as tfl.SymbolicTensor;
  const pooled = tfl.layers
    .averagePooling2d({ poolSize: [tokens, 1], strides: [tokens, 1], ...named('mean') })
    .apply(grid) as tfl.SymbolicTensor;
  return tfl.layers.flatten(named('pooled')).apply(pooled) as tfl.SymbolicTensor;
}

/** `name_suffix` when the caller named the block, else nothing (TF.js then numbers the layer). */
export function layerName(prefix: string | undefined, suffix: string): { name?: string } {
  return prefix ? { name: `${prefix}_${suffix}` } : {};
}

/** Token embeddings initialised uniformly in ±0.05 (Keras's default), seeded. */
export function tokenEmbedding(
  vocabSize: number,
  width: number,
  sequenceLength: number,
  seed: number,
  name?: string,
): tfl.layers.Layer {
  return tfl.layers.embedding({
    inputDim: vocabSize,
    outputDim: width,
    inputLength: sequenceLength,
    embeddingsInitializer: tfl.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
    ...layerName(name, 'embedding'),
  });
}
