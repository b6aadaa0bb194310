import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildServerOptions, startChildServer, type TestServer } from '../child-server.js';

export interface S3ServerOptions extends ChildServerOptions {
  /** Buckets that exist from the start. */
  buckets?: string[];
  /**
   * s3rver 3.7.1 as released, without the fixes of s3rver-fixes.ts: what a user who installs
   * s3rver meets (continuation tokens fail on OpenSSL 3, listing checks signatures, no
   * AbortMultipartUpload). For tests that code works against an unpatched server too.
   */
  plain?: boolean;
  /** Only 'child' today: a real process, so it can be killed. */
  processMode?: 'child';
}

/** s3rver's default credentials; any signature is accepted but the SDK needs some. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 's3rver-main.ts');

/** Starts s3rver (the real S3 protocol) as a child process on 127.0.0.1. */
export function startS3Server(options: S3ServerOptions = {}): Promise<TestServer> {
  const args = (options.buckets ?? []).flatMap((name) => ['--bucket', name]);
  if (options.plain) args.push('--plain');
  return startChildServer(ENTRY, options.plain ? 's3rver-plain' : 's3rver', options, args);
}
