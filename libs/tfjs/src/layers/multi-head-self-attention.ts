/**
 * Multi-head self-attention (Vaswani et al. 2017) as one Layers layer: TF.js 4.22's Layers API has
 * no MultiHeadAttention. Query, key and value are linear projections of the same input; each of
 * `numHeads` heads attends over the sequence with scaled dot products; the heads' outputs are
 * concatenated and projected back to the model width. No mask: every token attends to every token.
 *
 * Registered with `tf.serialization.registerClass`, so a model.json that contains it loads once
 * this module has been imported (as `@strata/tfjs` does).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { TokenLayer, type LayerArgs, type LayerWeight } from './token-layer.js';

export interface MultiHeadSelfAttentionArgs extends LayerArgs {
  numHeads: number;
  /** Seed of the projections' Glorot-uniform initializers; unseeded when absent. */
  seed?: number | null;
}

const PROJECTIONS = ['query', 'key', 'value', 'output'] as const;
type Projection = (typeof PROJECTIONS)[number];

export class MultiHeadSelfAttention extends TokenLayer {
  static className = 'MultiHeadSelfAttention';
  readonly numHeads: number;
  readonly seed: number | null;
  protected readonly shapeRule: string;
  private readonly kernels = new Map<Projection, LayerWeight>();
  private readonly biases = new Map<Projection, LayerWeight>();

  constructor(args: MultiHeadSelfAttentionArgs) {
    super(args);
    if (!Number.isInteger(args.numHeads) || args.numHeads < 1) {
      throw new Error(
        `MultiHeadSelfAttention: numHeads must be a positive integer, got ${args.numHeads}`,
      );
    }
    this.numHeads = args.numHeads;
    this.seed = args.seed ?? null;
    this.shapeRule = `with width divisible by ${this.numHeads} heads`;
  }

  protected fits(_tokens: number | null, width: number): boolean {
    return width % this.numHeads === 0;
  }

  protected createWeights(width: number): void {
    PROJECTIONS.forEach((name, index) => {
      const seed = this.seed === null ? undefined : this.seed + index;
      const glorot = tfl.initializers.glorotUniform({ seed });
      this.kernels.set(name, this.weight(`${name}_kernel`, [width, width], glorot));
      this.biases.set(name, this.weight(`${name}_bias`, [width], tfl.initializers.zeros()));
    });
  }

  protected transform(x: tf.Tensor3D): tf.Tensor {
    const [batch, tokens, width] = x.shape;
    const headWidth = width / this.numHeads;
    const rows = tf.reshape(x, [batch * tokens, width]);
    const project = (name: Projection, input: tf.Tensor): tf.Tensor =>
      tf.add(tf.matMul(input, this.kernels.get(name)!.read()), this.biases.get(name)!.read());
    // [batch*tokens, width] -> [batch, heads, tokens, headWidth]
    const splitHeads = (t: tf.Tensor): tf.Tensor4D =>
      tf.transpose(tf.reshape(t, [batch, tokens, this.numHeads, headWidth]), [0, 2, 1, 3]);
    const query = splitHeads(project('query', rows));
    const key = splitHeads(project('key', rows));
    const value = splitHeads(project('value', rows));
    const scores = tf.mul(tf.matMul(query, key, false, true), 1 / Math.sqrt(headWidth));
    const context = tf.matMul(tf.softmax(scores), value);
    const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [batch * tokens, width]);
    return tf.reshape(project('output', merged), [batch, tokens, width]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numHeads: this.numHeads, seed: this.seed };
  }
}

tf.serialization.registerClass(MultiHeadSelfAttention);
