/**
 * The plain-HTTP S3 data path signs its own requests; s3rver does not check V4 signatures, so the
 * signature is checked here against the AWS SDK's own signer (@smithy/signature-v4) for the same
 * request, including keys that need encoding and temporary credentials.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import { signV4, uriEncode } from '../../src/stores/s3/s3-http.js';

/** The hash constructor the SDK's signer takes (what @smithy/hash-node does with node:crypto). */
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', bytes(this.secret));
  }
}

const now = new Date('2026-11-24T03:04:05.678Z');

async function sdkAuthorization(
  method: string,
  host: string,
  path: string,
  query: Record<string, string>,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 's3',
    region: 'eu-west-3',
    credentials,
    sha256: Sha256,
    uriEscapePath: false, // S3: the path is encoded once, by the caller
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method,
      protocol: 'https:',
      hostname: host,
      path,
      query,
      headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { signingDate: now },
  );
  return signed.headers as Record<string, string>;
}

describe('S3 SigV4 signing (plain HTTP data path)', () => {
  const cases: { method: string; key: string; query: Record<string, string> }[] = [
    { method: 'GET', key: 'dir/file.bin', query: {} },
    {
      method: 'PUT',
      key: "odd name (1)!*'~/ü+=&.bin",
      query: { partNumber: '7', uploadId: 'a/b+c=' },
    },
    { method: 'HEAD', key: 'k', query: {} },
  ];
  for (const { method, key, query } of cases) {
    it(`matches the SDK's signer for ${method} ${key}`, async () => {
      const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' };
      const host = 'bucket.s3.eu-west-3.amazonaws.com';
      const path = `/${uriEncode(key, true)}`;
      const encodedQuery = Object.entries(query)
        .map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`)
        .sort()
        .join('&');
      const ours = signV4(
        { method, path, query: encodedQuery, host, region: 'eu-west-3', credentials },
        now,
      );
      const sdk = await sdkAuthorization(method, host, path, query, credentials);
      expect(ours['authorization']).toBe(sdk['authorization']);
      expect(ours['x-amz-date']).toBe(sdk['x-amz-date']);
    });
  }

  it('signs the session token of temporary credentials', async () => {
    const credentials = {
      accessKeyId: 'ASIA1',
      secretAccessKey: 'secret',
      sessionToken: 'tok/en=',
    };
    const host = 's3.eu-west-3.amazonaws.com';
    const ours = signV4(
      { method: 'GET', path: '/bucket/k', query: '', host, region: 'eu-west-3', credentials },
      now,
    );
    const sdk = await sdkAuthorization('GET', host, '/bucket/k', {}, credentials);
    expect(ours['authorization']).toBe(sdk['authorization']);
    expect(ours['x-amz-security-token']).toBe('tok/en=');
  });
});

describe('uriEncode', () => {
  it('leaves an empty value empty (the bucket root is listed with prefix "", not "/")', () => {
    expect(uriEncode('', false)).toBe('');
    expect(uriEncode('', true)).toBe('');
    expect(uriEncode('a/b c', false)).toBe('a%2Fb%20c');
    expect(uriEncode('a/b c', true)).toBe('a/b%20c');
  });
});
