/** `model.save(uri)` / `loadLayersModel(uri)` through the object stores: a local folder and S3. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { startS3Server, useS3Environment, type TestServer } from '@strata/test-servers';
import { initBackend } from '../src/model/backend.js';
import { buildModel, parseModelSpec } from '../src/model/models.js';
import { registerUriRouters } from '../src/tfio/io-handler.js';

describe('tf.io handler for store URIs', () => {
  let dir: string;
  let server: TestServer;
  let restoreEnvironment = (): void => undefined;
  beforeAll(async () => {
    await initBackend('cpu', () => undefined);
    registerUriRouters();
    dir = await mkdtemp(join(tmpdir(), 'strata-tfio-'));
    server = await startS3Server({ buckets: ['models'] });
    restoreEnvironment = useS3Environment(server);
  });
  afterAll(async () => {
    restoreEnvironment();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['file://', () => `file://${dir}/mlp`],
    ['s3://', () => 's3://models/runs/mlp'],
  ])('model.save and loadLayersModel round-trip through %s', async (_scheme, uri) => {
    const model = await buildModel(parseModelSpec('mlp:8-16-3'), 11);
    const input = tf.tensor2d([[0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8]]);
    const expected = (model.predict(input) as tf.Tensor).dataSync();
    const result = await model.save(uri());
    expect(result.modelArtifactsInfo.weightDataBytes).toBe((8 * 16 + 16 + 16 * 3 + 3) * 4);
    const loaded = await tfl.loadLayersModel(`${uri()}/model.json`);
    expect(Array.from((loaded.predict(input) as tf.Tensor).dataSync())).toEqual(
      Array.from(expected),
    );
    // And the trainer accepts the saved model as --model.
    expect(parseModelSpec(`${uri()}/model.json`)).toEqual({
      kind: 'uri',
      uri: `${uri()}/model.json`,
    });
    const again = await buildModel(parseModelSpec(`${uri()}/model.json`), 0);
    expect(again.countParams()).toBe(model.countParams());
  });

  it('saves a folder holding model.json and weights.bin, as tfjs-node does', async () => {
    const model = await buildModel(parseModelSpec('mlp:4-2'), 1);
    await model.save(`file://${dir}/small`);
    expect((await readdir(join(dir, 'small'))).sort()).toEqual(['model.json', 'weights.bin']);
  });
});
