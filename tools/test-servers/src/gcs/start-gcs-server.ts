import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildServerOptions, startChildServer, type TestServer } from '../child-server.js';

export interface GcsServerOptions extends ChildServerOptions {
  /** Buckets that exist from the start. */
  buckets?: string[];
  processMode?: 'child';
}

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'gcs-main.ts');

/**
 * Starts the GCS JSON-API test server as a child process on 127.0.0.1. Point the SDK at it with
 * `new Storage({ apiEndpoint: server.endpoint })`: a custom endpoint sends no credentials.
 */
export function startGcsServer(options: GcsServerOptions = {}): Promise<TestServer> {
  const bucketArgs = (options.buckets ?? []).flatMap((name) => ['--bucket', name]);
  return startChildServer(ENTRY, 'gcs-test-server', options, bucketArgs);
}
