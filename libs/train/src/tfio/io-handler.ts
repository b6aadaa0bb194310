/**
 * Models saved and loaded through the object stores (libs/tfjs's uriIOHandler), with the
 * checkpoints' patient retries: a model save may outlive a server restart like a checkpoint.
 */
import type * as tf from '@tensorflow/tfjs-core';
import {
  registerUriRouters as registerRouters,
  uriIOHandler as storeIOHandler,
} from '@strata/tfjs';
import { checkpointRetryStrategy } from '../checkpoint/upload.js';

const options = { retry: () => checkpointRetryStrategy() };

export function uriIOHandler(uri: string): tf.io.IOHandler {
  return storeIOHandler(uri, options);
}

/** Lets `model.save(uri)` and `loadLayersModel(uri)` route s3://, gs:// and file:// here. */
export function registerUriRouters(): void {
  registerRouters(options);
}
