/**
 * What a layer's VJP holds while it runs, for the layers whose tape outgrows their inputs and
 * output: recurrent layers (every timestep's gates and states) and self-attention (every head's
 * token-by-token scores). Other layers are left to the caller's rule (about inputs + 2 × output).
 */
import type { LayerEntry } from '../import/layer-walk.js';

const FLOAT32_BYTES = 4;

/**
 * Per timestep and direction, the tensors TF.js (4.x) keeps while a VJP re-runs an LSTM under a
 * tape, by shape, counted as `tf.memory()` counts them (one per tensor handle). Its LSTMCell runs
 * two matmuls, a bias add, a split, three hard-sigmoid gates (three kernels each) and the tanh
 * cell and output updates per step; the tape keeps every saved input and output, and `gradients()`
 * keeps each intermediate gradient (of the same shape) and each step's weight-gradient products
 * until the whole VJP is done. Pinned by test/layer-transient.test.ts.
 */
const PER_STEP = {
  /** [batch, units]: the gates, cell and hidden states and their gradients. */
  units: 44,
  /** [batch, 4·units]: the pre-activations z and their gradients. */
  gates: 11,
  /** [batch, input width]: the step's input slice and its gradient. */
  input: 4,
  /** [input width + units, 4·units]: the step's kernel and recurrent-kernel gradient products. */
  kernels: 4,
  /** [4·units]: the step's bias gradient. */
  bias: 2,
  /** Scalars: the hard sigmoid's constants. */
  scalars: 6,
};
/**
 * Per direction, whole-sequence tensors: the input transposed to time-major, reversed (the
 * backward direction) and their gradients; the outputs stacked, transposed and their gradients.
 */
const SEQUENCE_COPIES = { input: 4, output: 3 };

interface RecurrentShape {
  steps: number;
  inputWidth: number;
  units: number;
  directions: number;
}

function recurrentShape(entry: LayerEntry): RecurrentShape | null {
  const config = entry.layer.getConfig() as Record<string, unknown>;
  let units = config['units'];
  let directions = 1;
  if (entry.className === 'Bidirectional') {
    const inner = config['layer'] as { config?: Record<string, unknown> } | undefined;
    units = inner?.config?.['units'];
    directions = 2;
  } else if (entry.className !== 'LSTM') {
    return null;
  }
  // walkLayers admits layers applied once: their one inbound node has the input's shape.
  const shapes = entry.layer.inboundNodes[0]?.inputShapes;
  const input = (Array.isArray(shapes?.[0]) ? shapes[0] : shapes) as (number | null)[] | undefined;
  const [, steps, inputWidth] = input ?? [];
  if (typeof units !== 'number' || typeof steps !== 'number' || typeof inputWidth !== 'number') {
    return null;
  }
  return { steps, inputWidth, units, directions };
}

/**
 * Bytes an LSTM (or a Bidirectional wrapping one) holds while its VJP runs at this batch size, or
 * null for any other layer. An RNN's tape grows with its timesteps, unlike a feed-forward layer's.
 * A Bidirectional around another cell is counted as an LSTM (the largest cell TF.js has).
 */
function recurrentTransientBytes(entry: LayerEntry, batch: number): number | null {
  const shape = recurrentShape(entry);
  if (shape === null) return null;
  const { steps, inputWidth: w, units: u, directions } = shape;
  const perStep =
    batch * (PER_STEP.units * u + PER_STEP.gates * 4 * u + PER_STEP.input * w) +
    PER_STEP.kernels * (w + u) * 4 * u +
    PER_STEP.bias * 4 * u +
    PER_STEP.scalars;
  const sequences = batch * steps * (SEQUENCE_COPIES.input * w + SEQUENCE_COPIES.output * u);
  // The merged output of both directions (Bidirectional's concatenation).
  const merged = directions > 1 ? batch * steps * directions * u : 0;
  return FLOAT32_BYTES * (directions * (steps * perStep + sequences) + merged);
}

/**
 * The tensors libs/tfjs's MultiHeadSelfAttention keeps under a tape until its gradients are done,
 * by shape: the scores, scaled scores, softmax and their gradients ([batch, heads, tokens, tokens]);
 * the projections, split heads, context and their gradients ([batch, tokens, width] each); the
 * four projections' weight-gradient products and copies; the 1/√d scale. Pinned by
 * test/layer-transient.test.ts.
 */
const ATTENTION = { scores: 7, tokenStates: 39, kernels: 8, biases: 8, scalars: 1 };

function attentionTransientBytes(entry: LayerEntry, batch: number): number | null {
  if (entry.className !== 'MultiHeadSelfAttention') return null;
  const heads = (entry.layer.getConfig() as Record<string, unknown>)['numHeads'];
  const [tokens, width] = entry.outputShape;
  if (typeof heads !== 'number' || tokens === undefined || width === undefined) return null;
  return (
    FLOAT32_BYTES *
    (ATTENTION.scores * batch * heads * tokens * tokens +
      ATTENTION.tokenStates * batch * tokens * width +
      ATTENTION.kernels * width * width +
      ATTENTION.biases * width +
      ATTENTION.scalars)
  );
}

/** Bytes this layer's VJP holds at this batch size, or null when no model above covers it. */
export function layerTransientBytes(entry: LayerEntry, batch: number): number | null {
  return recurrentTransientBytes(entry, batch) ?? attentionTransientBytes(entry, batch);
}
