/**
 * A checkpoint taken without copying the model (DataStates-LLM's lazy copy, which TF.js makes
 * free): no kernel writes into a tensor's array, and an optimizer step gives every variable a new
 * one. The arrays read at the checkpoint step therefore keep that step's values for as long as
 * they are held. On the cpu backend they are the backend's own arrays: once the next step has let
 * go of one (its data id is gone from the backend), it belongs to the checkpoint and moves to the
 * writer's thread as it is; one still in use when the snapshot is released (a frozen weight, the
 * final step) is copied then. Other backends return a fresh copy from dataSync: ours at once.
 */
import * as tf from '@tensorflow/tfjs-core';
import { planShards, type TensorValues } from '../checkpoint/shards.js';
import type { CheckpointSnapshot } from '../checkpoint/writer.js';

interface BackendData {
  data?: { has(dataId: object): boolean };
}

function backendLetGo(tensor: TensorValues): boolean {
  if (tensor.backendData === undefined) return true;
  const backend = tf.engine().backend as unknown as BackendData;
  return backend.data !== undefined && !backend.data.has(tensor.backendData);
}

export class HeldSnapshot {
  constructor(
    readonly step: number,
    private readonly weights: TensorValues[],
    private readonly optimizer: TensorValues[],
    private readonly state: Record<string, unknown>,
  ) {}

  /** The snapshot for the writer; after this, the arrays handed over must not be used here. */
  release(): CheckpointSnapshot {
    return {
      step: this.step,
      shards: [
        ...planShards('weights', this.weights, backendLetGo),
        ...planShards('optimizer', this.optimizer, backendLetGo),
      ],
      state: this.state,
    };
  }
}
