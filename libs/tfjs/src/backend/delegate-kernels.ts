/**
 * Runs a kernel one backend lacks on another backend's implementation: the inputs are copied out
 * of the target backend into the source backend, the source's kernel runs there, and its outputs
 * are copied back into the target and freed at the source. One mechanism for any kernel name,
 * driven by the list the caller passes (see wasm-kernels.ts).
 */
import * as tf from '@tensorflow/tfjs-core';

type TensorInfo = tf.TensorInfo;
type Backend = tf.KernelBackend;

function backendNamed(name: string): Backend {
  const backend = tf.findBackend(name);
  if (!backend) throw new Error(`TF.js backend '${name}' is not registered or not initialised`);
  return backend;
}

function copy(info: TensorInfo, from: Backend, to: Backend): TensorInfo {
  const values = from.readSync(info.dataId);
  return { dataId: to.write(values, info.shape, info.dtype), shape: info.shape, dtype: info.dtype };
}

/** A kernel function for `target` that runs `source`'s kernel `name` on copies. */
export function delegatingKernel(name: string, target: string, source: string): tf.KernelFunc {
  const sourceKernel = tf.getKernel(name, source);
  if (!sourceKernel) throw new Error(`kernel '${name}' is not registered for backend '${source}'`);
  return ({ inputs, attrs }) => {
    const here = backendNamed(target);
    const there = backendNamed(source);
    const copiedInputs: Record<string, TensorInfo> = {};
    for (const [key, info] of Object.entries(inputs)) {
      if (info) copiedInputs[key] = copy(info, here, there);
    }
    let outputs: TensorInfo | TensorInfo[] | undefined;
    try {
      outputs = sourceKernel.kernelFunc({ inputs: copiedInputs, backend: there, attrs }) as
        TensorInfo | TensorInfo[];
      const list = Array.isArray(outputs) ? outputs : [outputs];
      const back = list.map((info) => copy(info, there, here));
      return Array.isArray(outputs) ? back : back[0]!;
    } finally {
      const list = outputs === undefined ? [] : Array.isArray(outputs) ? outputs : [outputs];
      for (const info of [...Object.values(copiedInputs), ...list]) there.disposeData(info.dataId);
    }
  };
}

/**
 * Registers, for each name, `target`'s kernel as a delegation to `source`'s. Names `target`
 * already has are left alone. Returns the names it registered.
 */
export function delegateKernels(
  names: readonly string[],
  target: string,
  source: string,
): string[] {
  const registered: string[] = [];
  for (const name of names) {
    if (tf.getKernel(name, target)) continue;
    tf.registerKernel({
      kernelName: name,
      backendName: target,
      kernelFunc: delegatingKernel(name, target, source),
    });
    registered.push(name);
  }
  return registered;
}
