/**
 * A `tf.io.IOHandler` over the object stores of libs/transfer, so `model.save('s3://b/m')` and
 * `tf.loadLayersModel('gs://b/m/model.json')` work like tfjs-node's `file://`: a folder holding
 * `weights.bin` and `model.json`. The weights are written first and model.json last, so a
 * half-saved model has no model.json and cannot be loaded.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  defaultRetryStrategy,
  getObject,
  openStore,
  putObject,
  type ObjectStore,
  type RetryStrategy,
} from '@strata/transfer';

export interface UriIOOptions {
  /** A fresh retry strategy per object read or written (default: the transfer engine's). */
  retry?: () => RetryStrategy;
}

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';
const SCHEMES = ['s3://', 'gs://', 'file://'];

/** Folder (ending with '/' or empty) and model.json key for a URI naming either. */
function locate(key: string): { folder: string; modelKey: string } {
  if (key.endsWith('.json')) {
    const cut = key.lastIndexOf('/');
    return { folder: key.slice(0, cut + 1), modelKey: key };
  }
  const folder = key === '' || key.endsWith('/') ? key : `${key}/`;
  return { folder, modelKey: `${folder}${MODEL_FILE}` };
}

async function withStore<T>(
  uri: string,
  work: (store: ObjectStore, key: string) => Promise<T>,
): Promise<T> {
  const { store, key } = await openStore(uri);
  try {
    return await work(store, key);
  } finally {
    await store.close?.();
  }
}

export function uriIOHandler(uri: string, options: UriIOOptions = {}): tf.io.IOHandler {
  const retryStrategy = options.retry ?? (() => defaultRetryStrategy());
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error(
          'saving a binary (graph) model topology is not supported: save a Layers model',
        );
      }
      const weightData = tf.io.CompositeArrayBuffer.join(
        artifacts.weightData ?? new ArrayBuffer(0),
      );
      return withStore(uri, async (store, key) => {
        const { folder, modelKey } = locate(key);
        const retry = retryStrategy();
        const modelJson: tf.io.ModelJSON = {
          modelTopology: artifacts.modelTopology as object,
          format: artifacts.format,
          generatedBy: artifacts.generatedBy,
          convertedBy: artifacts.convertedBy,
          weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
          ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        };
        await putObject({ store, key: `${folder}${WEIGHTS_FILE}` }, new Uint8Array(weightData), {
          retry,
        });
        const json = Buffer.from(JSON.stringify(modelJson));
        await putObject({ store, key: modelKey }, json, { retry });
        return {
          modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData }),
        };
      });
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      return withStore(uri, async (store, key) => {
        const { folder, modelKey } = locate(key);
        const retry = retryStrategy();
        const modelJson = JSON.parse(
          (await getObject({ store, key: modelKey }, { retry })).toString('utf8'),
        ) as tf.io.ModelJSON;
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: Buffer[] = [];
        for (const group of modelJson.weightsManifest ?? []) {
          specs.push(...group.weights);
          for (const path of group.paths)
            buffers.push(
              await getObject({ store, key: `${folder}${path.replace(/^\.\//, '')}` }, { retry }),
            );
        }
        const all = Buffer.concat(buffers);
        return tf.io.getModelArtifactsForJSONSync(
          modelJson,
          specs,
          all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
        );
      });
    },
  };
}

let registered = false;

/** Lets `model.save(uri)` and `loadLayersModel(uri)` route s3://, gs:// and file:// here. */
export function registerUriRouters(options: UriIOOptions = {}): void {
  if (registered) return;
  registered = true;
  // A router declines a URL by returning null (tf.io's registry skips it); its type says IOHandler.
  const route = (url: string | string[]): tf.io.IOHandler => {
    const single = Array.isArray(url) ? url[0] : url;
    const handles = single !== undefined && SCHEMES.some((scheme) => single.startsWith(scheme));
    return (handles ? uriIOHandler(single, options) : null) as tf.io.IOHandler;
  };
  tf.io.registerSaveRouter(route);
  tf.io.registerLoadRouter(route);
}
