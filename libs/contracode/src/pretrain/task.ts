/**
 * ContraCode pretraining as a training task of @strata/train's loop: the loop brings the
 * optimizer, asynchronous checkpoints, resume, the supervisor and the metrics log; this task
 * brings the encoders, the views and the step.
 *
 * Checkpointed beyond the optimizer: the query encoder (`query/i`), the momentum key encoder
 * (`key/i`), the queue of negatives (`queue`) and its write position, the data position and the
 * tokenizer (in the task state), so on the cpu backend a resumed run repeats an uninterrupted one
 * bit for bit.
 */
import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@strata/cli';
import {
  SeededRng,
  deriveSeed,
  deviceTensor,
  hostValues,
  typedValues,
  type StepResult,
  type TaskCheckpoint,
  type TaskContext,
  type TrainingTask,
  type TrainingTaskSpec,
} from '@strata/train';
import type { CorpusRecord } from '../corpus/index.js';
import {
  REPRESENTATION_WIDTH,
  buildCodeEncoder,
  describeEncoder,
  validateEncoderConfig,
  type CodeEncoder,
  type EncoderConfig,
} from '../models/index.js';
import { UnigramTokenizer, trainTokenizer } from '../tokenizer/index.js';
import { checkPretrainable, readCorpusManifest, readSplit } from './corpus-data.js';
import { EpochOrder, type DataPosition } from './data-order.js';
import { MOCO_TEMPERATURE, l2Normalize } from './info-nce.js';
import { maskTokens } from './masking.js';
import { MOCO_MOMENTUM, momentumUpdate } from './momentum.js';
import { NegativesQueue, queueSizeFor } from './negatives-queue.js';
import { usesMlm, usesMoco, type Objective } from './objectives.js';
import {
  planQueryStep,
  queryModel,
  type PlannedQuery,
  type QueryOutputs,
} from './planned-query.js';
import { checkPretrainStepFits, pretrainStepOtherBytes } from './plain-step-fits.js';
import { stepLoss } from './step-loss.js';
import { alternativesOf, pickTwo, spellInto } from './views.js';

export interface PretrainTaskOptions {
  corpus: string;
  objective: Objective;
  /** The encoder; `vocabSize` is the tokenizer's size to train (the tokenizer may come out smaller). */
  encoder: EncoderConfig;
  /** Negatives in the queue; default: scaled to the corpus (queueSizeFor). */
  queueSize?: number;
  /**
   * The key encoder's EMA momentum (default MoCo's 0.999). A short run may want less: at 0.999 the
   * key encoder is still mostly its initial weights after a few hundred steps.
   */
  momentum?: number;
  /** Subword-regularisation alpha for the views; 0: best segmentation. */
  subwordAlpha: number;
  /** Functions (with their variants) the tokenizer is trained on. */
  tokenizerFunctions: number;
  batchSize: number;
  /**
   * Run the query encoder's step by a remat plan within this activation budget (bytes, a size or
   * NN% of the step's no-remat peak); not part of the run's identity, so a run may resume with
   * another budget or none.
   */
  memoryBudget?: string;
  /** The planner for `memoryBudget` (default milp). */
  rematSolver?: string;
}

type StepLoss = ReturnType<typeof stepLoss>;

/** The task's checkpoint state (JSON). */
export interface PretrainState {
  encoder: EncoderConfig;
  objective: Objective;
  tokenizer: unknown;
  position: DataPosition;
  queuePointer: number | null;
}

const QUEUE_STREAM = 0x9e7;
const TOKENIZER_STREAM = 0x70c;

/** Reads the corpus manifest (refusing what is not a pretrainable corpus) and describes the task. */
export async function pretrainTask(options: PretrainTaskOptions): Promise<TrainingTaskSpec> {
  validateEncoderConfig(options.encoder);
  if (!(options.subwordAlpha >= 0)) {
    throw new UsageError(
      `--subword-alpha must be 0 (off) or positive, got ${options.subwordAlpha}`,
    );
  }
  const manifest = await readCorpusManifest(options.corpus);
  const moco = usesMoco(options.objective);
  checkPretrainable(options.corpus, manifest, moco);
  const queueSize = moco
    ? (options.queueSize ?? queueSizeFor(manifest.splits.train.functions, options.batchSize))
    : null;
  if (queueSize !== null && (!Number.isInteger(queueSize) || queueSize < 1)) {
    throw new UsageError(`--queue-size must be a positive integer, got ${queueSize}`);
  }
  const momentum = options.momentum ?? MOCO_MOMENTUM;
  if (!(momentum >= 0 && momentum < 1)) {
    throw new UsageError(
      `--momentum must be at least 0 and below 1 (MoCo: 0.999), got ${momentum}`,
    );
  }
  return {
    identity: {
      model: describeEncoder(options.encoder),
      objective: options.objective,
      queueSize,
      subwordAlpha: options.subwordAlpha,
      momentum: moco ? momentum : null,
      temperature: moco ? MOCO_TEMPERATURE : null,
    },
    data: options.corpus,
    create: async (context) => {
      const records = await readSplit(options.corpus, manifest, 'train');
      const usable = moco ? records.filter((record) => record.variants.length > 0) : records;
      if (usable.length === 0) {
        throw new UsageError(
          `corpus ${options.corpus} has no training function with a variant: rebuild it with more code or --variants 2`,
        );
      }
      context.log(
        `corpus ${options.corpus}: ${usable.length} training functions${moco ? ` with variants, queue of ${queueSize} negatives` : ''}`,
      );
      const saved = context.resumed?.state as PretrainState | undefined;
      const tokenizer = saved
        ? UnigramTokenizer.fromJSON(saved.tokenizer)
        : await trainOnCorpus(usable, options, context);
      const encoder: EncoderConfig = saved?.encoder ?? {
        ...options.encoder,
        vocabSize: tokenizer.vocabSize,
      };
      const steps = new PretrainSteps(options, context, usable, tokenizer, encoder, queueSize);
      try {
        if (options.memoryBudget !== undefined) {
          await steps.planQuery(options.memoryBudget, context, queueSize);
        } else {
          steps.checkPlainStepFits(context, queueSize);
        }
      } catch (error) {
        await steps.close();
        throw error;
      }
      return steps;
    },
  };
}

async function trainOnCorpus(
  records: CorpusRecord[],
  options: PretrainTaskOptions,
  context: TaskContext,
): Promise<UnigramTokenizer> {
  const order = SeededRng.fromSeed(deriveSeed(context.seed, TOKENIZER_STREAM)).permutation(
    records.length,
  );
  const texts = order
    .slice(0, options.tokenizerFunctions)
    .flatMap((index) => alternativesOf(records[index]!));
  const started = performance.now();
  const tokenizer = await trainTokenizer(texts, { vocabSize: options.encoder.vocabSize });
  context.log(
    `tokenizer: ${tokenizer.vocabSize} ids from ${texts.length} texts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return tokenizer;
}

class PretrainSteps implements TrainingTask {
  private readonly query: CodeEncoder;
  private readonly key: CodeEncoder | null;
  private readonly queue: NegativesQueue | null;
  private readonly order: EpochOrder;
  private planned: PlannedQuery | null = null;

  constructor(
    private readonly options: PretrainTaskOptions,
    context: TaskContext,
    private readonly records: CorpusRecord[],
    private readonly tokenizer: UnigramTokenizer,
    private readonly encoder: EncoderConfig,
    queueSize: number | null,
  ) {
    const resumed = context.resumed;
    const saved = resumed?.state as PretrainState | undefined;
    this.order = new EpochOrder(records.length, context.seed, saved?.position);
    this.query = buildCodeEncoder(encoder, context.seed, 'query');
    this.key = queueSize === null ? null : buildCodeEncoder(encoder, context.seed, 'key');
    if (resumed) restoreWeights(this.query, resumed, 'query');
    if (this.key) {
      if (resumed) restoreWeights(this.key, resumed, 'key');
      else copyWeights(this.query, this.key);
    }
    if (queueSize === null) this.queue = null;
    else if (resumed && saved) {
      const host = resumed.tensors.get('queue');
      if (!host || saved.queuePointer === null)
        throw new UsageError('the checkpoint holds no queue of negatives');
      this.queue = NegativesQueue.restore(
        Float32Array.from(typedValues(host)),
        REPRESENTATION_WIDTH,
        saved.queuePointer,
      );
    } else {
      this.queue = NegativesQueue.random(
        queueSize,
        REPRESENTATION_WIDTH,
        SeededRng.fromSeed(deriveSeed(context.seed, QUEUE_STREAM)),
      );
    }
  }

  /** From now on the query encoder's step runs by a remat plan within `budget`. */
  async planQuery(budget: string, context: TaskContext, queueSize: number | null): Promise<void> {
    const { objective } = this.options;
    const planned = await planQueryStep(this.query, {
      objective,
      batchSize: context.batchSize,
      budget,
      otherBytes: pretrainStepOtherBytes(this.query, {
        objective,
        batchSize: context.batchSize,
        queueSize,
      }),
      ...(this.options.rematSolver === undefined ? {} : { solver: this.options.rematSolver }),
      backend: context.backend,
    });
    const { plan } = planned;
    context.log(
      `remat: ${plan.solver} plan for the query encoder, budget ${plan.budgetBytes} B, predicted peak ${plan.peakBytes} B ` +
        `of ${plan.noRematPeakBytes} B without remat, predicted overhead ${plan.overhead?.toFixed(3) ?? '?'}x`,
    );
    this.planned = planned;
  }

  /** Without a plan: refuses, before step 1, a step the backend's heap (wasm) cannot hold. */
  checkPlainStepFits(context: TaskContext, queueSize: number | null): void {
    checkPretrainStepFits(
      this.query,
      { objective: this.options.objective, batchSize: context.batchSize, queueSize },
      context.backend,
    );
  }

  async step({
    batchSize,
    optimizer,
    rng,
  }: Parameters<TrainingTask['step']>[0]): Promise<StepResult> {
    const length = this.encoder.sequenceLength;
    const picked = this.order.next(batchSize).map((index) => this.records[index]!);
    const queries = new Int32Array(batchSize * length);
    const keys = new Int32Array(batchSize * length);
    const spelling = { alpha: this.options.subwordAlpha, rng };
    picked.forEach((record, row) => {
      const texts = alternativesOf(record);
      const [first, second] = pickTwo(texts.length, rng);
      spellInto(
        queries.subarray(row * length, (row + 1) * length),
        this.tokenizer,
        texts[first]!,
        spelling,
      );
      if (this.key)
        spellInto(
          keys.subarray(row * length, (row + 1) * length),
          this.tokenizer,
          texts[second]!,
          spelling,
        );
    });
    const objective = this.options.objective;
    const masked = usesMlm(objective) ? maskTokens(queries, this.encoder.vocabSize, rng) : null;
    const metrics: Record<string, number> = {};

    let keyRows: tf.Tensor2D | null = null;
    if (this.key) {
      momentumUpdate(
        variablesOf(this.key),
        this.query.projection.weights.map((w) => w.read()),
        this.options.momentum ?? MOCO_MOMENTUM,
      );
      const key = this.key;
      keyRows = tf.tidy(() =>
        l2Normalize(
          key.projection.apply(tf.tensor2d(keys, [batchSize, length], 'int32'), {
            training: false,
          }) as tf.Tensor2D,
        ),
      );
    }
    const negatives = this.queue
      ? tf.tensor2d(this.queue.keys, [this.queue.size, REPRESENTATION_WIDTH])
      : null;
    const loss = stepLoss({ objective, keyRows, negatives, masked, metrics });
    try {
      const ids = tf.tensor2d(masked ? masked.inputs : queries, [batchSize, length], 'int32');
      let value: number;
      try {
        value = this.planned
          ? this.plannedStep(ids, loss, optimizer, metrics)
          : this.plainStep(ids, loss, optimizer);
      } finally {
        ids.dispose();
      }
      if (keyRows && this.queue) this.queue.enqueue(keyRows.dataSync() as Float32Array);
      return { loss: value, examples: batchSize, metrics };
    } finally {
      keyRows?.dispose();
      negatives?.dispose();
    }
  }

  /** One `optimizer.minimize` over the whole query encoder (every activation held). */
  private plainStep(ids: tf.Tensor, loss: StepLoss, optimizer: tf.Optimizer): number {
    const model = queryModel(this.query, this.options.objective);
    const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
    return tf.tidy(() => {
      const cost = optimizer.minimize(
        () => loss(model.apply(ids, { training: true }) as QueryOutputs),
        true,
        variables,
      );
      return cost!.dataSync()[0]!;
    });
  }

  /** The same step by the remat plan: the gradients, then the update `minimize` would apply. */
  private plannedStep(
    ids: tf.Tensor,
    loss: StepLoss,
    optimizer: tf.Optimizer,
    metrics: Record<string, number>,
  ): number {
    const run = this.planned!.gradients(ids, loss);
    try {
      optimizer.applyGradients(run.grads);
      metrics['measuredPeakBytes'] = run.measuredPeakBytes;
      return run.loss.dataSync()[0]!;
    } finally {
      tf.dispose(Object.values(run.grads));
      run.loss.dispose();
    }
  }

  snapshot(): ReturnType<TrainingTask['snapshot']> {
    const tensors = this.query.weights.map((weight, index) =>
      hostValues(`query/${index}`, weight.read()),
    );
    if (this.key)
      tensors.push(
        ...this.key.weights.map((weight, index) => hostValues(`key/${index}`, weight.read())),
      );
    if (this.queue) {
      tensors.push({
        name: 'queue',
        dtype: 'float32',
        shape: [this.queue.size, REPRESENTATION_WIDTH],
        values: Float32Array.from(this.queue.keys),
      });
    }
    const state: PretrainState = {
      encoder: this.encoder,
      objective: this.options.objective,
      tokenizer: this.tokenizer.toJSON(),
      position: this.order.position,
      queuePointer: this.queue ? this.queue.position : null,
    };
    return { tensors, state: state as unknown as Record<string, unknown> };
  }

  async close(): Promise<void> {
    this.query.dispose();
    this.key?.dispose();
  }
}

function variablesOf(encoder: CodeEncoder): tf.Variable[] {
  return encoder.projection.weights.map((weight) => weight.read() as tf.Variable);
}

function copyWeights(from: CodeEncoder, to: CodeEncoder): void {
  tf.tidy(() => {
    const targets = variablesOf(to);
    from.projection.weights.forEach((weight, index) => targets[index]!.assign(weight.read()));
  });
}

/** Sets an encoder's weights from a checkpoint's `<prefix>/i` tensors. */
export function restoreWeights(
  encoder: CodeEncoder,
  checkpoint: TaskCheckpoint,
  prefix: string,
): void {
  const values = encoder.weights.map((weight, index) => {
    const host = checkpoint.tensors.get(`${prefix}/${index}`);
    if (!host)
      throw new UsageError(
        `the checkpoint has no ${prefix} encoder weight ${index}: it was written for another model`,
      );
    if (host.shape.join('x') !== weight.shape.join('x')) {
      throw new UsageError(
        `the checkpoint's ${prefix} weight ${index} has shape [${host.shape.join(', ')}], this encoder has [${weight.shape.join(', ')}]: it was written for another encoder`,
      );
    }
    return deviceTensor(host);
  });
  tf.tidy(() => encoder.weights.forEach((weight, index) => weight.write(values[index]!)));
  tf.dispose(values);
}
