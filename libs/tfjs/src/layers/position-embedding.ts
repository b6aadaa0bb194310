/**
 * Learned position embeddings: adds a trained vector per token position to its input
 * ([batch, tokens, width] -> same shape), as BERT-style encoders do. The Layers API has no such
 * layer; this one is serializable like `MultiHeadSelfAttention`.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { TokenLayer, type LayerArgs, type LayerWeight } from './token-layer.js';

export interface PositionEmbeddingArgs extends LayerArgs {
  /** The longest sequence the layer accepts. */
  maxLength: number;
  /** Seed of the embeddings' uniform initializer; unseeded when absent. */
  seed?: number | null;
}

export class PositionEmbedding extends TokenLayer {
  static className = 'PositionEmbedding';
  readonly maxLength: number;
  readonly seed: number | null;
  protected readonly shapeRule: string;
  private positions: LayerWeight | null = null;

  constructor(args: PositionEmbeddingArgs) {
    super(args);
    this.maxLength = args.maxLength;
    this.seed = args.seed ?? null;
    this.shapeRule = `with at most ${this.maxLength} tokens`;
  }

  protected fits(tokens: number | null): boolean {
    return tokens === null || tokens <= this.maxLength;
  }

  protected createWeights(width: number): void {
    const initializer = tfl.initializers.randomUniform({
      minval: -0.05,
      maxval: 0.05,
      seed: this.seed ?? undefined,
    });
    this.positions = this.weight('positions', [this.maxLength, width], initializer);
  }

  protected transform(x: tf.Tensor3D): tf.Tensor {
    const [, tokens, width] = x.shape;
    return tf.add(x, tf.slice(this.positions!.read(), [0, 0], [tokens, width]));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maxLength: this.maxLength, seed: this.seed };
  }
}

tf.serialization.registerClass(PositionEmbedding);
