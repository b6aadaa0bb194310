import type { TestServer } from '../child-server.js';
import { S3RVER_CREDENTIALS } from './start-s3-server.js';

/** The AWS environment that points the standard credential chain and endpoint at `server`. */
export function s3Environment(server: TestServer): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/**
 * Sets s3Environment(server) in this process (worker threads and stores opened from a URI read it
 * there) and returns the function that puts the previous values back.
 */
export function useS3Environment(server: TestServer): () => void {
  const values = s3Environment(server);
  const saved = Object.keys(values).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
