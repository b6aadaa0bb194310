/**
 * The store contract, checked where training writes: each store a checkpoint location opens
 * (`openCheckpointLocation`, as `strata train --checkpoint-dir` does) runs `@strata/transfer`'s
 * conformance suite under a run's folder: a local folder, s3rver (with the project's fixes and as
 * released) and the GCS test server. What a server cannot do shows as a skipped test naming why.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  s3Environment,
  startGcsServer,
  startS3Server,
  type TestServer,
} from '@strata/test-servers';
import { openStore, type StoreFeatures } from '@strata/transfer';
import {
  PLAIN_S3RVER_GAPS,
  runStoreConformance,
  type ConformanceFixture,
} from '@strata/transfer/testing';
import { openCheckpointLocation } from '../src/checkpoint/location.js';

/** The features a URI's store declares, known before any server starts (nothing is contacted). */
async function featuresOf(uri: string): Promise<StoreFeatures> {
  const { store } = await openStore(uri);
  await store.close?.();
  return store.features;
}

/** Sets `env` for as long as the store runs (stores read it as a user's shell would set it). */
function withEnvironment(env: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** The checkpoint location of `uri`, as the trainer opens it, as a conformance fixture. */
async function checkpointFixture(
  uri: string,
  cleanup: () => Promise<void>,
): Promise<ConformanceFixture> {
  const location = await openCheckpointLocation(uri);
  return { store: location.store, prefix: location.prefix, cleanup };
}

runStoreConformance(
  'train checkpoint location: local folder',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-train-conformance-'));
    return checkpointFixture(join(dir, 'run'), () => rm(dir, { recursive: true, force: true }));
  },
  { features: await featuresOf(tmpdir()) },
);

const s3 = (plain: boolean) => async (): Promise<ConformanceFixture> => {
  const server: TestServer = await startS3Server({ buckets: ['ckpt'], plain });
  const restore = withEnvironment(s3Environment(server));
  return checkpointFixture('s3://ckpt/run', async () => {
    restore();
    await server.stop();
  });
};
const s3Features = await featuresOf('s3://ckpt/run');
runStoreConformance('train checkpoint location: s3 (s3rver with the project fixes)', s3(false), {
  features: s3Features,
});
runStoreConformance('train checkpoint location: s3 (plain s3rver)', s3(true), {
  features: s3Features,
  gaps: PLAIN_S3RVER_GAPS,
});

runStoreConformance(
  'train checkpoint location: gcs (test server)',
  async () => {
    const server: TestServer = await startGcsServer({ buckets: ['ckpt'] });
    const restore = withEnvironment({ STORAGE_EMULATOR_HOST: server.endpoint });
    return checkpointFixture('gs://ckpt/run', async () => {
      restore();
      await server.stop();
    });
  },
  { features: await featuresOf('gs://ckpt/run') },
);
