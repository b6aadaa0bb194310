import { compress } from './compress.js';
import { eliminateDeadCode } from './eliminate-dead-code.js';
import { foldConstants } from './fold-constants.js';
import { insertDeadCode } from './insert-dead-code.js';
import { mangleIdentifiers } from './mangle-identifiers.js';
import { renameVariables } from './rename-variables.js';
import { reformat } from './reformat.js';
import { stripTypes } from './strip-types.js';
import { subsampleLines } from './subsample-lines.js';
import type { Transform, TransformInfo, TransformName } from './types.js';

/** Every transform, by name; the order here is the order listed in help and reports. */
const REGISTRY: ReadonlyMap<TransformName, Transform> = new Map(
  [
    renameVariables,
    mangleIdentifiers,
    insertDeadCode,
    eliminateDeadCode,
    foldConstants,
    stripTypes,
    reformat,
    compress,
    subsampleLines,
  ].map((transform) => [transform.info.name, transform]),
);

export const TRANSFORMS: readonly TransformInfo[] = [...REGISTRY.values()].map((transform) => transform.info);

export function transformByName(name: TransformName): Transform {
  const transform = REGISTRY.get(name);
  if (!transform) throw new Error(`no transform registered as '${name}'`);
  return transform;
}

export function isTransformName(name: string): name is TransformName {
  return REGISTRY.has(name as TransformName);
}
