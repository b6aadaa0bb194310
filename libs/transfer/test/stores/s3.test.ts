import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { PLAIN_S3RVER_GAPS, runStoreConformance } from '@strata/transfer/testing';
import { S3Store } from '../../src/stores/s3/s3-store.js';

// Built without contacting anything: the features are the class's.
const features = new S3Store('conformance', { endpoint: 'http://127.0.0.1:9' }).features;

const s3rver = (plain: boolean) => async () => {
  const server: TestServer = await startS3Server({ buckets: ['conformance'], plain });
  const store = new S3Store('conformance', {
    endpoint: server.endpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  return { store, cleanup: () => server.stop() };
};

runStoreConformance('s3 (s3rver with the project fixes)', s3rver(false), { features });

// s3rver as released: what it cannot do is listed as skipped, with the reason.
runStoreConformance('s3 (plain s3rver)', s3rver(true), { features, gaps: PLAIN_S3RVER_GAPS });
