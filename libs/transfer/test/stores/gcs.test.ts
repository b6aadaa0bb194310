import { startGcsServer, type TestServer } from '@strata/test-servers';
import { runStoreConformance } from '@strata/transfer/testing';
import { GcsStore } from '../../src/stores/gcs/gcs-store.js';

runStoreConformance(
  'gcs (test server, real SDK)',
  async () => {
    const server: TestServer = await startGcsServer({ buckets: ['conformance'] });
    const store = new GcsStore('conformance', { apiEndpoint: server.endpoint });
    return { store, cleanup: () => server.stop() };
  },
  // Built without contacting anything: the features are the class's.
  { features: new GcsStore('conformance', { apiEndpoint: 'http://127.0.0.1:9' }).features },
);
