import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { S3Store } from '../../src/stores/s3/s3-store.js';
import { runStoreConformance } from './conformance.js';

runStoreConformance('s3 (s3rver)', async () => {
  const server: TestServer = await startS3Server({ buckets: ['conformance'] });
  const store = new S3Store('conformance', {
    endpoint: server.endpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  return { store, cleanup: () => server.stop() };
});
