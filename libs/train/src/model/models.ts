/**
 * The models `--model` names: small built-in families for tests and benchmarks, or a tf.io
 * model.json URI.
 *
 *   mlp:IN-H1-...-OUT   dense layers with ReLU between them; the output layer gives logits.
 *   mlp-bytes:SIZE      an MLP 64-H-H-10 with H chosen so the float32 weights take about SIZE
 *                       (e.g. 10MB, 1GB): the benchmark's model sizes.
 *   URI of model.json   a Layers model saved by `model.save` (file://, s3://, gs://, plain path).
 *
 * Every initializer of a built-in model is seeded, so the same seed gives the same weights.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { UsageError, parseSize } from '@strata/cli';
import { deriveSeed } from '../rng.js';
import { uriIOHandler } from '../tfio/io-handler.js';

export type ModelSpec = { kind: 'mlp'; layers: number[] } | { kind: 'uri'; uri: string };

const BYTES_INPUT = 64;
const BYTES_OUTPUT = 10;

export function parseModelSpec(text: string): ModelSpec {
  if (text.startsWith('mlp:')) {
    const layers = text.slice(4).split('-').map(Number);
    if (layers.length < 2 || layers.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new UsageError(
        `--model '${text}': write mlp:IN-HIDDEN-...-OUT with positive integers, e.g. mlp:784-256-10`,
      );
    }
    return { kind: 'mlp', layers };
  }
  if (text.startsWith('mlp-bytes:')) {
    let bytes: number;
    try {
      bytes = parseSize(text.slice('mlp-bytes:'.length));
    } catch {
      throw new UsageError(
        `--model '${text}': write mlp-bytes:SIZE with a size such as 10MB or 1GB`,
      );
    }
    const params = bytes / 4;
    // params = H^2 + (IN + OUT + 2) H + OUT for IN-H-H-OUT.
    const b = BYTES_INPUT + BYTES_OUTPUT + 2;
    const hidden = Math.max(
      1,
      Math.floor((-b + Math.sqrt(b * b + 4 * (params - BYTES_OUTPUT))) / 2),
    );
    return { kind: 'mlp', layers: [BYTES_INPUT, hidden, hidden, BYTES_OUTPUT] };
  }
  if (/^(s3|gs|file):\/\//.test(text) || text.endsWith('.json')) return { kind: 'uri', uri: text };
  throw new UsageError(
    `--model '${text}': name mlp:IN-...-OUT, mlp-bytes:SIZE or the URI of a model.json`,
  );
}

export function describeModel(spec: ModelSpec): string {
  return spec.kind === 'mlp' ? `mlp:${spec.layers.join('-')}` : spec.uri;
}

/** Input width and class count, to check the data against. */
export function modelShape(model: tfl.LayersModel): { inputs: number; classes: number } {
  const input = model.inputs[0]?.shape;
  const output = model.outputs[0]?.shape;
  const inputs = input?.[input.length - 1];
  const classes = output?.[output.length - 1];
  if (input?.length !== 2 || output?.length !== 2 || !inputs || !classes) {
    throw new UsageError('the model must take [batch, features] and give [batch, classes]');
  }
  return { inputs, classes };
}

export async function buildModel(spec: ModelSpec, seed: number): Promise<tfl.LayersModel> {
  if (spec.kind === 'uri') return tfl.loadLayersModel(uriIOHandler(spec.uri));
  const model = tfl.sequential();
  const [inputs, ...widths] = spec.layers;
  widths.forEach((units, index) => {
    model.add(
      tfl.layers.dense({
        units,
        ...(index === 0 ? { inputShape: [inputs!] } : {}),
        kernelInitializer: tfl.initializers.glorotUniform({ seed: deriveSeed(seed, index) }),
        biasInitializer: 'zeros',
        activation: index < widths.length - 1 ? 'relu' : 'linear',
      }),
    );
  });
  return model;
}
