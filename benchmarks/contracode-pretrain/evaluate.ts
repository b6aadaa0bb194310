/**
 * Top-1 retrieval on held-out packages: for each test-split function, is its own transformed
 * variant the nearest among the variants of `--pool` functions (its own and pool − 1 others)?
 * For each run: the newest checkpoint's query encoder, and the same encoder at random init.
 *
 *   npx tsx benchmarks/contracode-pretrain/evaluate.ts --corpus DIR --pool 1001 --pools 1
 *     [--backend wasm|cpu] [--split test|train] RUN_DIR...
 *
 * `--split train` asks the same question of the functions the runs trained on: far above the test
 * split's number, it says the encoder learned its training pairs rather than the transforms.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendChoice } from '@strata/train';
import {
  buildCodeEncoder,
  loadPretrainedEncoder,
  readCorpusManifest,
  readSplit,
  retrievalAccuracy,
} from '@strata/contracode';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpus: { type: 'string' },
    pool: { type: 'string', default: '1001' },
    pools: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
    // Embedding only (no gradients): wasm is many times faster than cpu here.
    backend: { type: 'string', default: 'wasm' },
    split: { type: 'string', default: 'test' },
  },
});
if (!values.corpus) throw new Error('--corpus DIR');
if (values.split !== 'test' && values.split !== 'train') throw new Error('--split test|train');
const backend = values.backend as BackendChoice;
await initBackend(backend, (line) => process.stderr.write(`${line}\n`));
const manifest = await readCorpusManifest(values.corpus);
const split = values.split;
const functions = await readSplit(values.corpus, manifest, split);
const options = {
  pool: Number(values.pool),
  seed: Number(values.seed),
  maxPools: Number(values.pools),
};
for (const run of positionals) {
  const loaded = await loadPretrainedEncoder(run, (line) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const trained = retrievalAccuracy(loaded.encoder, loaded.tokenizer, functions, options);
  const random = buildCodeEncoder(loaded.encoder.config, 1, 'random');
  const untrained = retrievalAccuracy(random, loaded.tokenizer, functions, options);
  process.stdout.write(
    `${JSON.stringify({ run, split, model: loaded.model, step: loaded.step, trained, randomInit: untrained, seconds: (performance.now() - started) / 1000 })}\n`,
  );
  loaded.encoder.dispose();
  random.dispose();
  tf.disposeVariables();
}
