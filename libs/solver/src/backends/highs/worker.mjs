// One time-limited HiGHS solve on its own thread with its own WASM runtime, so the parent can
// terminate it at the deadline: HiGHS can run tens of seconds (a root LP) between interrupt
// callbacks. Plain .mjs, not TypeScript: a worker loads outside tsx's and jest's transforms.
// Messages to the parent (see worker-solve.ts): started, incumbent, bound, done, failed.
import { parentPort, workerData } from 'node:worker_threads';

const { data, highsOptions, initialSolution, limitSeconds } = workerData;

/** The package is CommonJS with an ESM twin: the loader is `default`, or `default.default`. */
async function loadHighs() {
  const module = await import('highs');
  const outer = module.default;
  const loader = typeof outer === 'function' ? outer : outer?.default;
  if (typeof loader !== 'function') throw new Error("the 'highs' package has no loader function");
  return loader({
    print: (line) => process.stderr.write(`${line}\n`),
    printErr: (line) => process.stderr.write(`${line}\n`),
  });
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

function startFrom(highs, instance) {
  try {
    const call = instance.setSolution({ colValue: initialSolution });
    if (call.status === highs.constants.status.warning) {
      return `initialSolution passed with a HiGHS warning (${call.warnings.join(', ') || 'no detail'})`;
    }
    return 'started from the given initialSolution';
  } catch (error) {
    return `initialSolution rejected by HiGHS: ${messageOf(error)}`;
  }
}

try {
  const highs = await loadHighs();
  const instance = highs.createModel();
  instance.options.set(highsOptions);
  instance.passModel(data);
  const warmStart = initialSolution === undefined ? undefined : startFrom(highs, instance);
  parentPort.postMessage({ kind: 'started', warmStart });

  const T = highs.constants.callbackType;
  const stopAt = performance.now() + limitSeconds * 1000;
  // The parent terminates us at the deadline anyway; stopping here when HiGHS lets us is cleaner.
  const guard = (event) => {
    if (performance.now() > stopAt) event.interrupt();
    return undefined;
  };
  let lastBound = NaN;
  const postBound = (bound) => {
    if (typeof bound === 'number' && Number.isFinite(bound) && bound !== lastBound) {
      lastBound = bound;
      parentPort.postMessage({ kind: 'bound', dualBound: bound });
    }
  };
  const status = instance.run({
    [T.simplexInterrupt]: guard,
    [T.ipmInterrupt]: guard,
    [T.mipInterrupt]: (event) => {
      postBound(event.data.mip_dual_bound);
      return guard(event);
    },
    [T.mipImprovingSolution]: (event) => {
      const values = event.data.mip_solution;
      // A detached copy (types.d.ts): transfer it instead of cloning it again.
      if (values)
        parentPort.postMessage(
          { kind: 'incumbent', values, dualBound: event.data.mip_dual_bound },
          [values.buffer],
        );
      return undefined;
    },
    [T.mipLogging]: (event) => postBound(event.data.mip_dual_bound),
  }).modelStatus;
  const S = highs.constants.modelStatus;
  const hasPrimal =
    Number(instance.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
  const dualBound =
    data.integrality === undefined ? NaN : Number(instance.info.get('mip_dual_bound'));
  // A copy of our own to transfer (getSolution's array need not own its buffer).
  const colValue =
    data.numCols > 0 && (hasPrimal || [S.optimal, S.empty].includes(status))
      ? new Float64Array(instance.getSolution().colValue)
      : null;
  parentPort.postMessage(
    { kind: 'done', status, hasPrimal, dualBound, colValue },
    colValue ? [colValue.buffer] : [],
  );
  instance.dispose();
} catch (error) {
  parentPort.postMessage({ kind: 'failed', message: messageOf(error) });
}
