import { Worker } from 'node:worker_threads';
import type { ModelData, OptionValue } from 'highs';

/** Past the time limit, the worker gets this long to stop by itself before it is terminated. */
const GRACE_SECONDS = 2;

/** What HiGHS reported at the end of a run (in-process or in the worker). */
export interface RunOutcome {
  status: number;
  hasPrimal: boolean;
  /** NaN for an LP or when HiGHS has none. */
  dualBound: number;
  values: Float64Array | null;
}

export type WorkerSolve = { warmStart?: string; buildSeconds: number; solveSeconds: number } & (
  | { kind: 'finished'; outcome: RunOutcome }
  /** Terminated at the deadline: the last incumbent HiGHS reported, if any, and its last dual bound. */
  | { kind: 'terminated'; incumbent: Float64Array | null; dualBound: number }
  | { kind: 'failed'; message: string }
);

type WorkerMessage =
  | { kind: 'started'; warmStart?: string }
  | { kind: 'incumbent'; values: Float64Array; dualBound?: number }
  | { kind: 'bound'; dualBound: number }
  | {
      kind: 'done';
      status: number;
      hasPrimal: boolean;
      dualBound: number;
      colValue: Float64Array | null;
    }
  | { kind: 'failed'; message: string };

/**
 * Runs a time-limited solve in a worker thread (worker.mjs, its own WASM runtime) and terminates
 * it at limit + grace: HiGHS checks its interrupt callbacks too rarely to stop in time on its own
 * (~26 s in one root LP on ResNet50's remat MILP). The worker is located through the package's
 * exports (a bare specifier), so it resolves the same from sources, jest and the esbuild bundle.
 */
export function solveInWorker(
  data: ModelData,
  highsOptions: Record<string, OptionValue>,
  initialSolution: Float64Array | undefined,
  limitSeconds: number,
): Promise<WorkerSolve> {
  const spawned = performance.now();
  const { data: payload, transfer } = transferable(data);
  // Copies, not the caller's arrays: transferring would detach them.
  const start = initialSolution?.slice();
  const worker = new Worker(new URL(import.meta.resolve('@strata/solver/highs-worker')), {
    workerData: { data: payload, highsOptions, initialSolution: start, limitSeconds },
    transferList: start === undefined ? transfer : [...transfer, start.buffer],
  });
  return new Promise((resolve) => {
    let started = spawned;
    let warmStart: string | undefined;
    let incumbent: Float64Array | null = null;
    let dualBound = NaN;
    let settled = false;
    const timing = () => ({
      warmStart,
      buildSeconds: (started - spawned) / 1000,
      solveSeconds: (performance.now() - started) / 1000,
    });
    const finish = (result: WorkerSolve) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      void worker.terminate();
      resolve(result);
    };
    const deadline = setTimeout(
      () => finish({ kind: 'terminated', incumbent, dualBound, ...timing() }),
      (limitSeconds + GRACE_SECONDS) * 1000,
    );
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'started':
          started = performance.now();
          warmStart = message.warmStart;
          break;
        case 'incumbent':
          incumbent = message.values;
          if (Number.isFinite(message.dualBound)) dualBound = message.dualBound as number;
          break;
        case 'bound':
          dualBound = message.dualBound;
          break;
        case 'done': {
          const { status, hasPrimal, colValue } = message;
          finish({
            kind: 'finished',
            outcome: { status, hasPrimal, dualBound: message.dualBound, values: colValue },
            ...timing(),
          });
          break;
        }
        case 'failed':
          finish({ kind: 'failed', message: message.message, ...timing() });
          break;
      }
    });
    worker.on('error', (error) => finish({ kind: 'failed', message: error.message, ...timing() }));
    worker.on('exit', (code) =>
      finish({ kind: 'failed', message: `HiGHS worker exited with code ${code}`, ...timing() }),
    );
  });
}

/**
 * Fresh copies of the model arrays to transfer: the model's own arrays are views into its
 * (larger) buffers, which a transfer would detach and a clone would copy whole.
 */
function transferable(data: ModelData): { data: ModelData; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const own = <T extends Float64Array | Int32Array>(array: T): T => {
    const copy = array.slice() as T;
    transfer.push(copy.buffer as ArrayBuffer);
    return copy;
  };
  const arrays = data as unknown as Record<string, unknown>;
  const matrix = arrays['matrix'] as {
    starts: Int32Array;
    indices: Int32Array;
    values: Float64Array;
  };
  const copy: Record<string, unknown> = { ...arrays };
  for (const key of ['colCost', 'colLower', 'colUpper', 'rowLower', 'rowUpper', 'integrality']) {
    const value = arrays[key];
    if (value instanceof Float64Array || value instanceof Int32Array) copy[key] = own(value);
  }
  copy['matrix'] = { ...matrix };
  for (const key of ['starts', 'indices', 'values'] as const) {
    const value = matrix[key];
    if (value instanceof Float64Array || value instanceof Int32Array)
      (copy['matrix'] as Record<string, unknown>)[key] = own(value);
  }
  return { data: copy as unknown as ModelData, transfer };
}
