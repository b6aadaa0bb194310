import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { UsageError, oneLineMessage } from '@strata/cli';
import { getObject } from '@strata/transfer';

/** `dir/model.json` → `dir/` (URIs and plain paths alike); a bare file name → ''. */
function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

async function read(uri: string, what: string): Promise<Buffer> {
  try {
    return await getObject(uri);
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${uri} (${oneLineMessage(error)}): check the path or URI`,
    );
  }
}

/** A read-only tf.io handler for a Layers model.json and its weight files, local or in a store. */
function storeHandler(uri: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      let json: tf.io.ModelJSON;
      try {
        json = JSON.parse((await read(uri, 'the model')).toString('utf8')) as tf.io.ModelJSON;
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError(`${uri} is not JSON: give the model.json of a TF.js Layers model`);
      }
      if (json.modelTopology === undefined || json.weightsManifest === undefined) {
        throw new UsageError(
          `${uri} has no modelTopology or weightsManifest: give the model.json of a TF.js Layers model`,
        );
      }
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const path of group.paths) {
          buffers.push(await read(`${folderOf(uri)}${path.replace(/^\.\//, '')}`, 'the weights'));
        }
      }
      const joined = Buffer.concat(buffers);
      return tf.io.getModelArtifactsForJSON(json, async () => [
        specs,
        joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength),
      ]);
    },
  };
}

/** Loads a Layers model from a model.json path or store URI (file://, s3://, gs://). */
export async function loadModelJson(uri: string): Promise<tfl.LayersModel> {
  try {
    return await tfl.loadLayersModel(storeHandler(uri));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${uri}: not a loadable TF.js Layers model (${oneLineMessage(error)})`);
  }
}
