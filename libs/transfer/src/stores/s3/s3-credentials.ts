/**
 * The credentials for S3: given ones, else the standard AWS provider chain
 * (@aws-sdk/credential-provider-node: env, SSO, shared config/credentials files and profiles,
 * credential_process, web identity, ECS/IMDS), the chain the SDK client itself uses. The chain
 * module (~0.8 MB, ~0.05 s of CPU to load) is imported only when the environment does not
 * already hold static keys: the chain's first step reads exactly those variables, and skips
 * them when AWS_PROFILE is set, as here.
 */
import type { S3Credentials } from './s3-http.js';

interface Expiring extends S3Credentials {
  expiration?: Date;
}

export type CredentialProvider = () => Promise<Expiring>;

/** Refresh this long before credentials expire (the SDK's own memoization uses 5 minutes). */
const REFRESH_BEFORE_MS = 5 * 60 * 1000;

/** Static keys from the environment, when the chain would take them (no AWS_PROFILE). */
function fromEnvironment(): Expiring | undefined {
  const env = process.env;
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey || env['AWS_PROFILE']) return undefined;
  const credentials: Expiring = { accessKeyId, secretAccessKey };
  const token = env['AWS_SESSION_TOKEN'];
  if (token) credentials.sessionToken = token;
  const expiry = env['AWS_CREDENTIAL_EXPIRATION'];
  if (expiry) credentials.expiration = new Date(expiry);
  return credentials;
}

/** One provider per store, memoized and refreshed before expiry; a failure is not cached. */
export function s3CredentialProvider(given?: S3Credentials): CredentialProvider {
  if (given) {
    const fixed = Promise.resolve({ ...given });
    return () => fixed;
  }
  let current: Promise<Expiring> | undefined;
  return () => {
    if (current) {
      const cached = current;
      return cached.then((credentials) =>
        credentials.expiration === undefined ||
        credentials.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS
          ? credentials
          : ((current = undefined), fresh()),
      );
    }
    return fresh();
  };

  function fresh(): Promise<Expiring> {
    const environment = fromEnvironment();
    const attempt: Promise<Expiring> = environment
      ? Promise.resolve(environment)
      : import('@aws-sdk/credential-provider-node').then((module) =>
          commonJsExports(module).defaultProvider()(),
        );
    current = attempt;
    attempt.catch(() => {
      if (current === attempt) current = undefined;
    });
    return attempt;
  }
}

/**
 * The exports of a CommonJS package loaded with import(): Node exposes them as named exports, but
 * an ESM bundle with code splitting (benchmarks/transfer/build-bundle.sh) hands the package over
 * as its default export only ("sdk.S3Client is not a constructor").
 */
export function commonJsExports<T extends object>(module: T): T {
  const fallback = (module as { default?: T }).default;
  return Object.keys(module).length <= 1 && fallback !== undefined ? fallback : module;
}
