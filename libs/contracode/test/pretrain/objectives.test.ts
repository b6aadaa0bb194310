/** InfoNCE, the momentum update, the queue of negatives and MLM masking against hand-computed values. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SeededRng } from '@strata/train';
import {
  infoNce,
  l2Normalize,
  mocoLogits,
  positiveRankedFirst,
} from '../../src/pretrain/info-nce.js';
import { maskTokens, MASK_RATE } from '../../src/pretrain/masking.js';
import { momentumUpdate } from '../../src/pretrain/momentum.js';
import { NegativesQueue, queueSizeFor } from '../../src/pretrain/negatives-queue.js';
import { pickTwo } from '../../src/pretrain/views.js';
import { BOS_ID, EOS_ID, FIRST_PIECE_ID, MASK_ID, PAD_ID } from '../../src/tokenizer/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('InfoNCE', () => {
  it('matches the value computed by hand', () => {
    // q·k = 0.6, negatives give q·n1 = 0, q·n2 = -0.8; τ = 0.5.
    const q = tf.tensor2d([[1, 0]]);
    const k = tf.tensor2d([[0.6, 0.8]]);
    const negatives = tf.tensor2d([
      [0, 1],
      [-0.8, 0.6],
    ]);
    const logits = [0.6 / 0.5, 0 / 0.5, -0.8 / 0.5];
    const expected = Math.log(logits.reduce((sum, l) => sum + Math.exp(l), 0)) - logits[0]!;
    expect(infoNce(q, k, negatives, 0.5).dataSync()[0]).toBeCloseTo(expected, 6);
    expect(Array.from(mocoLogits(q, k, negatives, 0.5).dataSync())).toEqual(
      logits.map((l) => expect.closeTo(l, 6)),
    );
  });

  it('averages over the batch, with τ = 0.07 by default', () => {
    const q = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const k = tf.tensor2d([
      [1, 0],
      [1, 0],
    ]);
    const negatives = tf.tensor2d([[0, 1]]);
    const one = (pos: number, neg: number): number =>
      Math.log(Math.exp(pos / 0.07) + Math.exp(neg / 0.07)) - pos / 0.07;
    const expected = (one(1, 0) + one(0, 1)) / 2;
    expect(infoNce(q, k, negatives).dataSync()[0]).toBeCloseTo(expected, 4);
    expect(positiveRankedFirst(mocoLogits(q, k, negatives))).toBe(0.5);
  });

  it('normalises rows to unit length', () => {
    expect(Array.from(l2Normalize(tf.tensor2d([[3, 4]])).dataSync())).toEqual([
      expect.closeTo(0.6, 6),
      expect.closeTo(0.8, 6),
    ]);
  });
});

describe('momentum update', () => {
  it('moves each key weight to m·key + (1 − m)·query', () => {
    const key = [tf.variable(tf.tensor1d([1, 2])), tf.variable(tf.tensor2d([[10]]))];
    const query = [tf.tensor1d([3, -2]), tf.tensor2d([[0]])];
    momentumUpdate(key, query, 0.9);
    expect(Array.from(key[0]!.dataSync())).toEqual([
      expect.closeTo(1.2, 6),
      expect.closeTo(1.6, 6),
    ]);
    expect(key[1]!.dataSync()[0]).toBeCloseTo(9, 6);
    // The query weights are not touched.
    expect(Array.from(query[0]!.dataSync())).toEqual([3, -2]);
    momentumUpdate(key, query); // m = 0.999
    expect(key[1]!.dataSync()[0]).toBeCloseTo(9 * 0.999, 5);
  });
});

describe('queue of negatives', () => {
  const rows = (...values: number[]): Float32Array => Float32Array.from(values);

  it('replaces the oldest keys in order and wraps around', () => {
    const queue = NegativesQueue.restore(new Float32Array(4 * 2), 2, 0);
    queue.enqueue(rows(1, 1, 2, 2, 3, 3));
    expect(Array.from(queue.keys)).toEqual([1, 1, 2, 2, 3, 3, 0, 0]);
    expect(queue.position).toBe(3);
    queue.enqueue(rows(4, 4, 5, 5));
    expect(Array.from(queue.keys)).toEqual([5, 5, 2, 2, 3, 3, 4, 4]);
    expect(queue.position).toBe(1);
    // More keys than the queue holds: only the newest stay, still in order.
    queue.enqueue(rows(6, 6, 7, 7, 8, 8, 9, 9, 10, 10));
    expect(Array.from(queue.keys)).toEqual([10, 10, 7, 7, 8, 8, 9, 9]);
    expect(queue.position).toBe(1);
  });

  it('starts from seeded random unit vectors', () => {
    const a = NegativesQueue.random(8, 4, SeededRng.fromSeed(3));
    const b = NegativesQueue.random(8, 4, SeededRng.fromSeed(3));
    expect(a.keys).toEqual(b.keys);
    for (let row = 0; row < 8; row += 1) {
      const norm = Math.hypot(...a.keys.subarray(row * 4, row * 4 + 4));
      expect(norm).toBeCloseTo(1, 5);
    }
  });

  it('is sized to the corpus: a multiple of the batch, at most half the functions', () => {
    expect(queueSizeFor(2335, 32)).toBe(1152);
    expect(queueSizeFor(100, 32)).toBe(32);
    expect(queueSizeFor(10_000_000, 256)).toBe(16_384);
  });
});

describe('views', () => {
  it('picks two different alternatives, uniformly', () => {
    const rng = SeededRng.fromSeed(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i += 1) {
      const [a, b] = pickTwo(3, rng);
      counts.set(`${a}${b}`, (counts.get(`${a}${b}`) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['01', '02', '10', '12', '20', '21']);
    for (const count of counts.values()) expect(count).toBeGreaterThan(850);
    expect(pickTwo(1, rng)).toEqual([0, 0]);
  });
});

describe('masked-LM masking', () => {
  it('chooses 15% of the real tokens: 80% <mask>, 10% random, 10% kept; never padding or <s>/</s>', () => {
    const rows = 400;
    const length = 64;
    const vocab = 1000;
    const ids = new Int32Array(rows * length);
    const source = SeededRng.fromSeed(9);
    for (let r = 0; r < rows; r += 1) {
      const real = 20 + Math.floor(source.nextFloat() * 40);
      ids[r * length] = BOS_ID;
      for (let t = 1; t <= real; t += 1)
        ids[r * length + t] =
          FIRST_PIECE_ID + Math.floor(source.nextFloat() * (vocab - FIRST_PIECE_ID));
      ids[r * length + real + 1] = EOS_ID;
    }
    const masked = maskTokens(ids, vocab, SeededRng.fromSeed(4));
    let realTokens = 0;
    let chosen = 0;
    let maskToken = 0;
    let kept = 0;
    let wrong = 0;
    for (let i = 0; i < ids.length; i += 1) {
      const special = ids[i] === PAD_ID || ids[i] === BOS_ID || ids[i] === EOS_ID;
      if (masked.targets[i] !== ids[i]) wrong += 1;
      if (special || masked.weights[i] === 0) {
        if (masked.inputs[i] !== ids[i] || (special && masked.weights[i] !== 0)) wrong += 1;
        if (!special) realTokens += 1;
        continue;
      }
      realTokens += 1;
      chosen += 1;
      if (masked.inputs[i] === MASK_ID) maskToken += 1;
      else if (masked.inputs[i] === ids[i]) kept += 1;
      if (masked.inputs[i]! >= vocab) wrong += 1;
    }
    expect(wrong).toBe(0);
    expect(chosen / realTokens).toBeCloseTo(MASK_RATE, 2);
    expect(maskToken / chosen).toBeCloseTo(0.8, 1);
    expect(kept / chosen).toBeGreaterThan(0.07);
    expect(kept / chosen).toBeLessThan(0.13);
  });
});
