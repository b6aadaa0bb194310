import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { UsageError } from '@strata/cli';
import {
  bilstmEncoder,
  builtinModelNames,
  createBuiltinModel,
  transformerEncoder,
  type BuiltinModelOptions,
} from '../src/index.js';

// Small inputs keep the suite quick; the architectures are the built-in ones.
const SMALL: Omit<BuiltinModelOptions, 'seed'> = { imageSize: 8, sequenceLength: 6 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightsOf = (model: tfl.LayersModel): Float32Array[] =>
  model.getWeights().map((w) => w.dataSync() as Float32Array);

describe('built-in models', () => {
  it('cover every layer kind the remat importer must support', () => {
    const kinds = new Set<string>();
    for (const name of builtinModelNames) {
      const { model } = createBuiltinModel(name, { seed: 1, ...SMALL });
      for (const layer of model.layers) kinds.add(layer.getClassName());
    }
    for (const kind of [
      'Dense',
      'Conv2D',
      'MaxPooling2D',
      'AveragePooling2D',
      'BatchNormalization',
      'LayerNormalization',
      'Activation',
      'Dropout',
      'Flatten',
      'Reshape',
      'Add',
      'Concatenate',
      'UpSampling2D',
      'Embedding',
      'Bidirectional',
      'MultiHeadSelfAttention',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it.each(builtinModelNames)('%s: the same seed gives the same weights and batches', (name) => {
    const a = createBuiltinModel(name, { seed: 7, ...SMALL });
    const b = createBuiltinModel(name, { seed: 7, ...SMALL });
    const c = createBuiltinModel(name, { seed: 8, ...SMALL });
    expect(weightsOf(a.model)).toEqual(weightsOf(b.model));
    expect(weightsOf(a.model)).not.toEqual(weightsOf(c.model));

    const first = a.makeBatch(3, 5);
    const again = b.makeBatch(3, 5);
    expect(first.xs.shape).toEqual([3, ...a.inputShape]);
    expect(first.xs.dtype).toBe(a.inputDtype);
    expect(first.xs.dataSync()).toEqual(again.xs.dataSync());
    expect(first.ys.dataSync()).toEqual(again.ys.dataSync());
    expect(a.makeBatch(3, 6).xs.dataSync()).not.toEqual(first.xs.dataSync());

    // The labels fit the model's output and give a finite loss.
    const logits = a.model.apply(first.xs, { training: true }) as tf.Tensor;
    expect(logits.shape).toEqual(first.ys.shape);
    expect(Number.isFinite(a.loss.compute(first.ys, logits).dataSync()[0])).toBe(true);
  });

  it("bilstm: each LSTM's backward direction starts from its own weights", () => {
    const { model } = createBuiltinModel('bilstm', { seed: 1, ...SMALL });
    const bidirectional = model.layers.filter((l) => l.getClassName() === 'Bidirectional');
    expect(bidirectional).toHaveLength(2);
    for (const layer of bidirectional) {
      const [kernel, recurrent, , backKernel, backRecurrent] = layer.getWeights();
      expect(backKernel!.dataSync()).not.toEqual(kernel!.dataSync());
      expect(backRecurrent!.dataSync()).not.toEqual(recurrent!.dataSync());
    }
  });

  it('an unknown name is a usage error naming the valid ones', () => {
    expect(() => createBuiltinModel('vgg99', { seed: 1 })).toThrow(UsageError);
    expect(() => createBuiltinModel('vgg99', { seed: 1 })).toThrow(
      "unknown built-in model 'vgg99': use one of mlp, vgg-cnn, unet, resnet, bilstm, transformer",
    );
  });

  it('rejects an image size the pooling cannot halve and a bad batch size', () => {
    expect(() => createBuiltinModel('unet', { seed: 1, imageSize: 10 })).toThrow(UsageError);
    const { makeBatch } = createBuiltinModel('mlp', { seed: 1 });
    expect(() => makeBatch(0, 1)).toThrow(UsageError);
  });
});

describe('encoder building blocks', () => {
  it.each([
    [
      'bilstm',
      () =>
        bilstmEncoder({
          vocabSize: 20,
          sequenceLength: 5,
          embeddingDim: 8,
          units: 4,
          seed: 3,
          name: 'enc',
        }),
    ],
    [
      'transformer',
      () =>
        transformerEncoder({
          vocabSize: 20,
          sequenceLength: 5,
          width: 8,
          numHeads: 2,
          feedForwardWidth: 16,
          seed: 3,
          name: 'enc',
        }),
    ],
  ])('%s: token states and a pooled vector, weights shared between applications', (_, make) => {
    const encoder = make();
    const left = tfl.input({ shape: [5], dtype: 'int32' });
    const right = tfl.input({ shape: [5], dtype: 'int32' });
    const a = encoder.apply(left);
    const b = encoder.apply(right);
    expect(a.tokenStates.shape).toEqual([null, 5, encoder.width]);
    expect(a.pooled.shape).toEqual([null, encoder.width]);
    const model = tfl.model({
      inputs: [left, right],
      outputs: [a.pooled, b.pooled, a.tokenStates],
    });
    const ids = tf.tensor2d([[1, 2, 3, 4, 5]], [1, 5], 'int32');
    const [pooledLeft, pooledRight, states] = model.predict([ids, ids]) as tf.Tensor[];
    // One set of weights: the same ids give the same vector through either input.
    expect(pooledLeft!.dataSync()).toEqual(pooledRight!.dataSync());
    // The pooled vector is the mean of the token states.
    const mean = tf.mean(states!, 1).dataSync();
    pooledLeft!.dataSync().forEach((v, i) => expect(v).toBeCloseTo(mean[i]!, 5));
  });
});
