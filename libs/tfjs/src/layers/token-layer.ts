/**
 * Base of the custom layers that map [batch, tokens, width] to the same shape: they check the
 * input shape once, create their weights, and compute on one tensor inside a tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;
type Weight = ReturnType<tfl.layers.Layer['getWeights']>[number];
/** A weight of a layer (tfjs-layers' LayerVariable, which its root index does not export). */
export type LayerWeight = { read(): Weight };

export abstract class TokenLayer extends tfl.layers.Layer {
  /** Says what the subclass needs of the shape, for the error message. */
  protected abstract readonly shapeRule: string;

  /** Whether [tokens, width] suits the layer (tokens is null when the length varies). */
  protected abstract fits(tokens: number | null, width: number): boolean;

  protected abstract createWeights(width: number): void;

  protected abstract transform(x: tf.Tensor3D): tf.Tensor;

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const [, tokens, width] = shape;
    if (shape.length !== 3 || width == null || !this.fits(tokens ?? null, width)) {
      throw new Error(
        `${this.getClassName()}: input must be [batch, tokens, width] ${this.shapeRule}, got [${shape.join(', ')}]`,
      );
    }
    this.createWeights(width);
    this.built = true;
  }

  protected weight(
    name: string,
    shape: number[],
    initializer: ReturnType<typeof tfl.initializers.zeros>,
  ): LayerWeight {
    return this.addWeight(name, shape, 'float32', initializer) as unknown as LayerWeight;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() =>
      this.transform((Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D),
    );
  }
}
