/**
 * Optimizers and their state in checkpoints. TF.js's `getWeights`/`setWeights` carry the
 * iteration count and Adam's moments, but Adam's bias-correction powers (accBeta1/2) are rebuilt
 * on load as pow(beta, t+1), which need not be bit-identical to the product the run accumulated
 * step by step: they are saved and restored as well, so a resume never depends on that.
 */
import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@strata/cli';
import type { HostTensor } from '../checkpoint/format.js';
import type { TensorValues } from '../checkpoint/shards.js';
import { typedValues } from '../checkpoint/shards.js';

export type OptimizerName = 'adam' | 'sgd';
export const OPTIMIZERS: readonly OptimizerName[] = ['adam', 'sgd'];

interface AdamInternals {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

export function makeOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  if (name === 'adam') return tf.train.adam(learningRate);
  if (name === 'sgd') return tf.train.sgd(learningRate);
  throw new UsageError(`--optimizer '${String(name)}': use one of ${OPTIMIZERS.join(', ')}`);
}

function adamPowers(optimizer: tf.Optimizer): [tf.Variable, tf.Variable] | undefined {
  if (optimizer.getClassName() !== 'Adam') return undefined;
  const { accBeta1, accBeta2 } = optimizer as unknown as AdamInternals;
  if (!accBeta1 || !accBeta2) {
    throw new Error(
      'this TF.js version keeps Adam bias-correction state elsewhere: resume could not be exact',
    );
  }
  return [accBeta1, accBeta2];
}

/** The optimizer's state copied into host arrays, and the names setWeights needs back. */
export async function optimizerState(
  optimizer: tf.Optimizer,
): Promise<{ tensors: TensorValues[]; names: string[] }> {
  const named = await optimizer.getWeights();
  const tensors: TensorValues[] = named.map((entry, index) =>
    hostValues(`optimizer/${index}`, entry.tensor),
  );
  const powers = adamPowers(optimizer);
  if (powers)
    tensors.push(
      hostValues('optimizer/accBeta1', powers[0]),
      hostValues('optimizer/accBeta2', powers[1]),
    );
  for (const entry of named) if (!(entry.tensor instanceof tf.Variable)) entry.tensor.dispose();
  return { tensors, names: named.map((entry) => entry.name) };
}

export async function restoreOptimizer(
  optimizer: tf.Optimizer,
  names: string[],
  tensors: ReadonlyMap<string, HostTensor>,
): Promise<void> {
  const values = names.map((name, index) => ({
    name,
    tensor: deviceTensor(required(tensors, `optimizer/${index}`)),
  }));
  await optimizer.setWeights(values);
  for (const { tensor } of values) tensor.dispose();
  const powers = adamPowers(optimizer);
  if (powers) {
    tf.tidy(() => {
      powers[0].assign(deviceTensor(required(tensors, 'optimizer/accBeta1')));
      powers[1].assign(deviceTensor(required(tensors, 'optimizer/accBeta2')));
    });
  }
}

export function hostValues(name: string, tensor: tf.Tensor): TensorValues {
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
    throw new Error(`tensor ${name} has dtype ${tensor.dtype}; checkpoints hold float32 and int32`);
  }
  return {
    name,
    dtype: tensor.dtype,
    shape: tensor.shape,
    values: tensor.dataSync() as Float32Array | Int32Array,
    // cpu's dataSync returns its own array (no copy); other backends return a fresh copy.
    ...(tf.getBackend() === 'cpu' ? { backendData: tensor.dataId } : {}),
  };
}

export function deviceTensor(host: HostTensor): tf.Tensor {
  return tf.tensor(typedValues(host), host.shape, host.dtype);
}

export function required(tensors: ReadonlyMap<string, HostTensor>, name: string): HostTensor {
  const tensor = tensors.get(name);
  if (!tensor) throw new Error(`the checkpoint has no tensor '${name}'`);
  return tensor;
}
