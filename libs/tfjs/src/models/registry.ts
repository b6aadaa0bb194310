/** The built-in models by name: `createBuiltinModel('unet', { seed: 1 })`. */
import { UsageError } from '@strata/cli';
import { createBilstm } from './bilstm.js';
import { createMlp } from './mlp.js';
import { createResnet } from './resnet.js';
import { createTransformer } from './transformer.js';
import { createUnet } from './unet.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';
import { createVggCnn } from './vgg-cnn.js';

const BUILDERS = {
  mlp: createMlp,
  'vgg-cnn': createVggCnn,
  unet: createUnet,
  resnet: createResnet,
  bilstm: createBilstm,
  transformer: createTransformer,
} satisfies Record<string, (options: BuiltinModelOptions) => BuiltinModel>;

export type BuiltinModelName = keyof typeof BUILDERS;

export const builtinModelNames = Object.keys(BUILDERS) as readonly BuiltinModelName[];

export function isBuiltinModelName(name: string): name is BuiltinModelName {
  return Object.hasOwn(BUILDERS, name);
}

export function createBuiltinModel(name: string, options: BuiltinModelOptions): BuiltinModel {
  if (!isBuiltinModelName(name)) {
    throw new UsageError(
      `unknown built-in model '${name}': use one of ${builtinModelNames.join(', ')}`,
    );
  }
  return BUILDERS[name](options);
}
