import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { createBuiltinModel } from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('a model with the custom attention and position layers saves to model.json and loads back', async () => {
  const { model, makeBatch } = createBuiltinModel('transformer', { seed: 2, sequenceLength: 6 });
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const topology = JSON.stringify(saved!.modelTopology);
  expect(topology).toContain('"class_name":"MultiHeadSelfAttention"');
  expect(topology).toContain('"class_name":"PositionEmbedding"');

  const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
  const { xs } = makeBatch(2, 3);
  const expected = (model.predict(xs) as tf.Tensor).dataSync();
  expect((loaded.predict(xs) as tf.Tensor).dataSync()).toEqual(expected);
  expect(loaded.layers.map((l) => l.getClassName())).toEqual(
    model.layers.map((l) => l.getClassName()),
  );
});
