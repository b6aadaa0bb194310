import { startGcsServer, type TestServer } from '@strata/test-servers';
import { GcsStore } from '../../src/stores/gcs/gcs-store.js';
import { runStoreConformance } from './conformance.js';

runStoreConformance('gcs (test server, real SDK)', async () => {
  const server: TestServer = await startGcsServer({ buckets: ['conformance'] });
  const store = new GcsStore('conformance', { apiEndpoint: server.endpoint });
  return { store, cleanup: () => server.stop() };
});
