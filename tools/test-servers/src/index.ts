export type { TestServer, ChildServerOptions } from './child-server.js';
export { startS3Server, S3RVER_CREDENTIALS, type S3ServerOptions } from './s3/start-s3-server.js';
export { s3Environment, useS3Environment } from './s3/s3-environment.js';
export { startGcsServer, type GcsServerOptions } from './gcs/start-gcs-server.js';
export { STATS_PATH as GCS_STATS_PATH, CORRUPT_PATH } from './child-server.js';
