/**
 * Conv2DBackpropFilter (a convolution's weight gradient) for the wasm backend, made of wasm's own
 * kernels: the input patches are gathered once (im2col: one strided slice per filter offset,
 * concatenated) and multiplied by the output gradient in one XNNPACK matrix product. The cpu
 * backend's version, which a plain delegation would run, is a scalar loop over every output
 * element, filter offset and channel pair, and it dominated convolution training on wasm.
 *
 * dW[kh, kw, ci, co] = Σ_{n, oh, ow} xPadded[n, oh·sh + kh, ow·sw + kw, ci] · dy[n, oh, ow, co]
 */
import * as tf from '@tensorflow/tfjs-core';

type TensorInfo = tf.TensorInfo;
type Attrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
};

/** Runs a registered wasm kernel on wasm tensors. */
function wasmKernel(
  name: string,
  backend: tf.KernelBackend,
  inputs: object,
  attrs: object,
): TensorInfo {
  return tf.getKernel(name, 'wasm').kernelFunc({
    inputs: inputs as tf.NamedTensorInfoMap,
    backend,
    attrs: attrs as unknown as tf.NamedAttrMap,
  }) as TensorInfo;
}

/**
 * A kernel function for NHWC inputs; `fallback` serves the rest (NCHW) and non-float32 inputs.
 */
export function conv2dBackpropFilterOnWasm(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
    const attrs = args.attrs as unknown as Attrs;
    if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32' || dy.dtype !== 'float32') {
      return fallback(args);
    }
    const backend = args.backend as tf.KernelBackend;
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      attrs.filterShape,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    const { batchSize, outHeight, outWidth, strideHeight, strideWidth, padInfo } = info;
    const { filterHeight, filterWidth, inChannels, outChannels } = info;
    const temporary: TensorInfo[] = [];
    const keep = (t: TensorInfo): TensorInfo => (temporary.push(t), t);
    try {
      const padded =
        padInfo.top || padInfo.bottom || padInfo.left || padInfo.right
          ? keep(
              wasmKernel(
                'PadV2',
                backend,
                { x },
                {
                  paddings: [
                    [0, 0],
                    [padInfo.top, padInfo.bottom],
                    [padInfo.left, padInfo.right],
                    [0, 0],
                  ],
                  constantValue: 0,
                },
              ),
            )
          : x;
      const patches: TensorInfo[] = [];
      for (let kh = 0; kh < filterHeight; kh += 1) {
        for (let kw = 0; kw < filterWidth; kw += 1) {
          patches.push(
            keep(
              wasmKernel(
                'StridedSlice',
                backend,
                { x: padded },
                {
                  begin: [0, kh, kw, 0],
                  end: [
                    batchSize,
                    kh + (outHeight - 1) * strideHeight + 1,
                    kw + (outWidth - 1) * strideWidth + 1,
                    inChannels,
                  ],
                  strides: [1, strideHeight, strideWidth, 1],
                  beginMask: 0,
                  endMask: 0,
                  ellipsisMask: 0,
                  newAxisMask: 0,
                  shrinkAxisMask: 0,
                },
              ),
            ),
          );
        }
      }
      // [batch, outHeight, outWidth, (kh, kw, ci)]: column (kh·KW + kw)·Ci + ci.
      const columns =
        patches.length === 1
          ? patches[0]!
          : keep(wasmKernel('Concat', backend, patches, { axis: 3 }));
      const rows = batchSize * outHeight * outWidth;
      const patchMatrix = keep(
        wasmKernel(
          'Reshape',
          backend,
          { x: columns },
          { shape: [1, rows, filterHeight * filterWidth * inChannels] },
        ),
      );
      const gradMatrix = keep(
        wasmKernel('Reshape', backend, { x: dy }, { shape: [1, rows, outChannels] }),
      );
      const product = keep(
        wasmKernel(
          'BatchMatMul',
          backend,
          { a: patchMatrix, b: gradMatrix },
          { transposeA: true, transposeB: false },
        ),
      );
      return wasmKernel('Reshape', backend, { x: product }, { shape: attrs.filterShape });
    } finally {
      for (const t of temporary) backend.disposeData(t.dataId);
    }
  };
}
