// Times the parts of a copying snapshot (what checkpoints did before round 2: allocate one buffer,
// copy each tensor into it) at 1 GB on the cpu backend: npx tsx benchmarks/checkpoint/snapshot-parts.ts
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { packShard } from '@strata/train';
await tf.setBackend('cpu');
const H = 15_800; // 64-H-H-10: the H x H weight dominates, ~1 GB
const shapes = [[64, H], [H], [H, H], [H], [H, 10], [10]];
const vars = shapes.map((s) => tf.variable(tf.fill(s, 0.5)));
const ms = (t: number) => (performance.now() - t).toFixed(0);
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  const values = vars.map((v) => v.dataSync() as Float32Array);
  const dataSyncMs = ms(t);
  const total = values.reduce((a, v) => a + v.byteLength, 0);
  t = performance.now();
  const fresh = new Uint8Array(total);
  const allocMs = ms(t);
  t = performance.now();
  fresh.fill(1); // first touch of every page of the fresh buffer
  const touchMs = ms(t);
  t = performance.now();
  let off = 0;
  for (const v of values) {
    fresh.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), off);
    off += v.byteLength;
  }
  const copyWarmMs = ms(t);
  t = performance.now();
  packShard(
    'weights.bin',
    values.map((v, i) => ({ name: `w${i}`, dtype: 'float32', shape: shapes[i]!, values: v })),
  );
  const packMs = ms(t);
  console.log(
    JSON.stringify({
      round,
      bytes: total,
      dataSyncMs,
      allocMs,
      firstTouchMs: touchMs,
      copyIntoTouchedMs: copyWarmMs,
      packShardMs: packMs,
    }),
  );
}
