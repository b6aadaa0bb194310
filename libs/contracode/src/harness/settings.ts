import { TRANSFORMS } from '../transforms/registry.js';
import type { Setting } from './semantics.js';

/**
 * The semantics matrix: every semantics-preserving transform alone, and `all` under two seeds
 * (two different random orders and option draws), ten settings in all.
 */
export function semanticsSettings(seed = 1): Setting[] {
  const single = TRANSFORMS.filter((info) => info.preservesSemantics).map((info) => ({
    label: info.name,
    transforms: [info.name],
    seed,
  }));
  return [...single, { label: 'all', transforms: 'all', seed }, { label: 'all (seed+1)', transforms: 'all', seed: seed + 1 }];
}
