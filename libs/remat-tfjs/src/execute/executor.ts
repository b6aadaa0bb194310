import * as tf from '@tensorflow/tfjs-core';
import { FailureError } from '@strata/cli';
import type { TopoGraph } from '@strata/graph';
import type { ScheduleOp } from '@strata/remat';
import { MODEL_INPUT, type LayerEntry } from '../import/layer-walk.js';
import type { TfjsMapping } from '../import/mapping.js';
import {
  callLayer,
  layerVjp,
  StateGuard,
  trainableVariables,
  type LayerGradients,
} from './layer-ops.js';

/** A loss as Keras writes it: labels first, predictions second, a scalar out. */
export type LossFunction = (labels: tf.Tensor, predictions: tf.Tensor) => tf.Scalar;

type Role =
  | { kind: 'forward'; entry: LayerEntry }
  | { kind: 'loss' }
  | { kind: 'backward'; entry: LayerEntry };

/** One value of the schedule: a forward output, the loss's seed gradient, or a layer's input gradients. */
type Value = (tf.Tensor | null)[];

export interface ScheduleRun {
  readonly loss: tf.Scalar;
  /** dLoss/dVariable by variable name (what `optimizer.applyGradients` takes). */
  readonly grads: tf.NamedTensorMap;
  /**
   * The high-water mark of activation bytes: backend bytes sampled after every schedule operation,
   * less what was there when the step began (weights, optimizer state, the batch) and what the
   * executor holds outside the graph (weight gradients, the loss scalar).
   */
  readonly peakBytes: number;
  /** Bytes held per operation, for plots and for the comparison with the simulator. */
  readonly samples: readonly number[];
}

/** What the executor needs of an imported graph: its roles by topological index and its layers. */
export class ScheduleExecutor {
  private readonly roles: Role[];
  private readonly forwardIndex: number[];
  private readonly backwardIndex: number[];
  private readonly lossIndex: number;
  private readonly guard = new StateGuard();

  constructor(
    private readonly topo: TopoGraph,
    mapping: TfjsMapping,
    private readonly entries: readonly LayerEntry[],
    private readonly loss: LossFunction,
  ) {
    const n = entries.length;
    this.roles = new Array<Role>(topo.size);
    this.forwardIndex = new Array<number>(n);
    this.backwardIndex = new Array<number>(n);
    this.lossIndex = -1;
    for (const node of mapping.nodes) {
      const at = topo.indexOf.get(node.id);
      if (at === undefined) throw new Error(`mapping names node ${node.id}, not in the graph`);
      if (node.role === 'loss') {
        this.roles[at] = { kind: 'loss' };
        this.lossIndex = at;
        continue;
      }
      const entry = entries[node.layer ?? -1];
      if (entry === undefined)
        throw new Error(`mapping names layer ${node.layer}, not in the model`);
      this.roles[at] = { kind: node.role, entry };
      (node.role === 'forward' ? this.forwardIndex : this.backwardIndex)[entry.index] = at;
    }
  }

  /**
   * Runs one training step's forward and backward passes by `ops` (the simulator's schedule):
   * computes what it says, frees what it says, and returns the loss and the weight gradients.
   */
  run(ops: readonly ScheduleOp[], xs: tf.Tensor, ys: tf.Tensor): ScheduleRun {
    const copies: Value[][] = Array.from({ length: this.topo.size }, () => []);
    const backwardDone = new Set<number>();
    const grads: tf.NamedTensorMap = {};
    let lossValue: tf.Scalar | null = null;
    let outside = 0;
    const start = tf.memory().numBytes;
    let peak = 0;
    const samples: number[] = [];
    this.guard.begin();
    const latest = (index: number): Value => {
      const list = copies[index]!;
      const value = list[list.length - 1];
      if (value === undefined) {
        throw new FailureError(
          `the schedule uses node ${index} when it is not resident: this is a bug`,
        );
      }
      return value;
    };
    const forwardOut = (layer: number) => latest(this.forwardIndex[layer]!)[0]!;
    const layerInputs = (entry: LayerEntry) =>
      entry.inbound.map((s) => (s === MODEL_INPUT ? xs : forwardOut(s)));
    try {
      for (const op of ops) {
        if (op.op === 'free') {
          const value = copies[op.node]!.shift();
          value?.forEach((t) => t?.dispose());
        } else {
          const role = this.roles[op.node]!;
          if (role.kind === 'forward') {
            const inputs = layerInputs(role.entry);
            copies[op.node]!.push([
              this.guard.run(role.entry, () => callLayer(role.entry, inputs)),
            ]);
          } else if (role.kind === 'loss') {
            const predictions = forwardOut(this.entries.length - 1);
            const { value, grads: seed } = tf
              .engine()
              .gradients(() => this.loss(ys, predictions), [predictions]);
            if (lossValue === null) {
              lossValue = value;
              outside += 4;
            } else value.dispose();
            copies[op.node]!.push([seed[0]!]);
          } else {
            const first = !backwardDone.has(op.node);
            backwardDone.add(op.node);
            const { inputs, weights } = this.backward(
              role.entry,
              layerInputs(role.entry),
              latest,
              first,
            );
            copies[op.node]!.push(inputs);
            const variables = trainableVariables(role.entry);
            weights.forEach((g, i) => {
              if (g === null) return;
              if (!first) {
                g.dispose();
                return;
              }
              grads[variables[i]!.name] = g;
              outside += g.size * 4;
            });
          }
        }
        const held = tf.memory().numBytes - start - outside;
        samples.push(held);
        peak = Math.max(peak, held);
      }
      const left = copies.findIndex((list) => list.length > 0);
      if (left >= 0) {
        throw new FailureError(
          `the schedule left node ${left} resident after the step: this is a bug`,
        );
      }
      if (lossValue === null)
        throw new FailureError('the schedule never computed the loss: this is a bug');
      return { loss: lossValue, grads, peakBytes: peak, samples };
    } catch (error) {
      copies.forEach((list) => list.forEach((value) => value.forEach((t) => t?.dispose())));
      Object.values(grads).forEach((g) => g.dispose());
      (lossValue as tf.Scalar | null)?.dispose();
      throw error;
    }
  }

  /** The upstream gradient (the consumers' input gradients for this layer, or the loss's seed) and the VJP. */
  private backward(
    entry: LayerEntry,
    inputs: tf.Tensor[],
    latest: (index: number) => Value,
    withWeights: boolean,
  ) {
    return this.guard.run(entry, () => {
      let result: LayerGradients | undefined;
      tf.tidy(() => {
        const parts: tf.Tensor[] = [];
        if (entry.index === this.entries.length - 1) parts.push(latest(this.lossIndex)[0]!);
        for (const consumer of entry.consumers) {
          const value = latest(this.backwardIndex[consumer]!);
          this.entries[consumer]!.inbound.forEach((source, slot) => {
            const g = value[slot];
            if (source === entry.index && g) parts.push(g);
          });
        }
        const dy = parts.length === 1 ? parts[0]! : tf.addN(parts);
        const wantInput = entry.inbound.map(
          (s, i) => s !== MODEL_INPUT && inputs[i]!.dtype === 'float32',
        );
        result = layerVjp(entry, inputs, wantInput, dy, withWeights);
        for (const t of [...result.inputs, ...result.weights]) if (t !== null) tf.keep(t);
      });
      return result!;
    });
  }
}
