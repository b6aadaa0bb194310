import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreConformance } from '@strata/transfer/testing';
import { LocalStore } from '../../src/stores/local/local-store.js';

const features = new LocalStore(tmpdir()).features;

runStoreConformance(
  'local',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-local-store-'));
    return { store: new LocalStore(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
  },
  { features },
);

runStoreConformance(
  'local, fsync on',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-local-store-fsync-'));
    return {
      store: new LocalStore(dir, { fsync: true }),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
  { features },
);
