import { UsageError } from '@strata/cli';
import type { PlannerId } from '@strata/remat';

/** Options every TF.js verb takes: the model, and the backend it runs on. */
export interface ModelArgs {
  model: string;
  backend: string;
  seed: number;
  json?: boolean;
}

export const MODEL_OPTION = {
  type: 'string',
  demandOption: true,
  describe:
    'builtin:NAME (mlp, vgg-cnn, unet, resnet, bilstm, transformer) or a model.json path or store URI',
} as const;

export const BACKEND_OPTION = {
  type: 'string',
  default: 'auto',
  describe: 'TF.js backend: auto (tfjs-node if installed, else wasm), wasm, cpu, tensorflow',
} as const;

export const SEED_OPTION = {
  type: 'number',
  default: 1,
  describe: "Seed of the built-in models' weights, the batch and the Dropout masks",
} as const;

export function parseBatch(value: number, flag = '--batch'): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`${flag} ${value} is not a whole number ≥ 1: give e.g. ${flag} 8`);
  }
  return value;
}

/** Comma-separated planner ids, each checked against the registry. */
export async function parseSolverList(list: string): Promise<PlannerId[]> {
  const { getPlanner, plannerIds } = await import('@strata/remat');
  const solvers = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (solvers.length === 0) {
    throw new UsageError(
      `--solvers '${list}' names no solver: e.g. --solvers ${plannerIds().join(',')}`,
    );
  }
  for (const solver of solvers) getPlanner(solver);
  return solvers as PlannerId[];
}

/** Starts the backend (saying which and why on stderr) and loads the model on it. */
export async function openModel(args: ModelArgs, options: { imageSize?: number } = {}) {
  const { initBackend } = await import('@strata/tfjs');
  const { loadModel } = await import('../models/load-model.js');
  const backend = await initBackend(args.backend as never, (line) =>
    process.stderr.write(`${line}\n`),
  );
  const model = await loadModel(args.model, { seed: args.seed, ...options });
  return { backend, model };
}
