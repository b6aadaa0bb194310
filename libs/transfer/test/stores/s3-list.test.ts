/**
 * Listing goes over signed HTTP and parses the XML itself (stores/s3/s3-list.ts): the same pages
 * must come back as through the SDK's own ListObjectsV2Command against the same s3rver, for keys
 * an XML parser could bend (numbers with leading zeros, leading/trailing spaces, entities,
 * unicode) and with pagination and a delimiter. The credential provider is checked on the
 * variables the SDK's chain reads first.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { Readable } from 'node:stream';
import { s3CredentialProvider } from '../../src/stores/s3/s3-credentials.js';
import { parseListResponse } from '../../src/stores/s3/s3-list.js';
import { S3Store } from '../../src/stores/s3/s3-store.js';

const KEYS = [
  'l/007',
  'l/1e3',
  'l/ lead and trail ',
  'l/a&b<c>"d\'e.txt',
  'l/ü/ñ é.bin',
  'l/deep/x/y.txt',
  'l/true',
];

let server: TestServer;
let store: S3Store;
let sdk: S3Client;

beforeAll(async () => {
  server = await startS3Server({ buckets: ['listing'] });
  store = new S3Store('listing', { endpoint: server.endpoint, credentials: S3RVER_CREDENTIALS });
  sdk = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  for (const [index, key] of KEYS.entries())
    await store.write(key, Readable.from([Buffer.alloc(index + 1, index)]));
}, 60_000);

afterAll(async () => {
  sdk.destroy();
  await store.close();
  await server.stop();
});

async function sdkPage(prefix: string, delimiter?: string, maxKeys?: number, token?: string) {
  const output = await sdk.send(
    new ListObjectsV2Command({
      Bucket: 'listing',
      Prefix: prefix,
      Delimiter: delimiter,
      MaxKeys: maxKeys,
      ContinuationToken: token,
    }),
  );
  return {
    objects: (output.Contents ?? []).map((entry) => [
      entry.Key,
      entry.Size,
      entry.ETag?.replace(/"/g, ''),
      entry.LastModified?.getTime(),
    ]),
    prefixes: (output.CommonPrefixes ?? []).map((entry) => entry.Prefix),
    next: output.IsTruncated ? output.NextContinuationToken : undefined,
  };
}

it('lists every key exactly as the SDK does, with and without a delimiter', async () => {
  for (const delimiter of [undefined, '/']) {
    const page = await store.listPage('l/', delimiter ? { delimiter } : {});
    const expected = await sdkPage('l/', delimiter);
    expect(page.objects.map((o) => [o.key, o.size, o.etag, o.lastModified?.getTime()])).toEqual(
      expected.objects,
    );
    expect(page.prefixes).toEqual(expected.prefixes);
    expect(page.nextPageToken).toBeUndefined();
  }
  const all = (await store.listPage('l/')).objects.map((o) => o.key);
  expect([...all].sort()).toEqual([...KEYS].sort());
});

it('pages like the SDK: two keys a page until the last', async () => {
  const ours: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await store.listPage('l/', {
      pageSize: 2,
      ...(token ? { pageToken: token } : {}),
    });
    ours.push(...page.objects.map((o) => o.key));
    token = page.nextPageToken;
    pages += 1;
  } while (token !== undefined && pages < 20);
  expect(pages).toBe(Math.ceil(KEYS.length / 2));
  expect([...ours].sort()).toEqual([...KEYS].sort());
});

it('parses one entry as a list and refuses a document that is not a listing', () => {
  const one = parseListResponse(
    '<?xml version="1.0"?><ListBucketResult><IsTruncated>false</IsTruncated>' +
      '<Contents><Key>0012</Key><Size>3</Size><ETag>&quot;abc&quot;</ETag></Contents>' +
      '<CommonPrefixes><Prefix> p/</Prefix></CommonPrefixes></ListBucketResult>',
  );
  expect(one.Contents).toEqual([{ Key: '0012', Size: 3, ETag: '"abc"' }]);
  expect(one.CommonPrefixes).toEqual([{ Prefix: ' p/' }]);
  expect(one.IsTruncated).toBe(false);
  const escaped = parseListResponse(
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      '<Contents><Key>a&amp;b&lt;c&#13;d&#x1F600;</Key><Size>1</Size></Contents>' +
      '<IsTruncated>true</IsTruncated><NextContinuationToken>t&amp;1</NextContinuationToken>' +
      '</ListBucketResult>',
  );
  expect(escaped.Contents?.[0]?.Key).toBe('a&b<c\rd\u{1F600}');
  expect(escaped.IsTruncated).toBe(true);
  expect(escaped.NextContinuationToken).toBe('t&1');
  expect(() => parseListResponse('<Error><Code>X</Code></Error>')).toThrow(/unexpected list/);
});

describe('credential provider', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('takes static keys and a session token from the environment', async () => {
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'SECRET',
      AWS_SESSION_TOKEN: 'TOKEN',
    });
    delete process.env['AWS_PROFILE'];
    expect(await s3CredentialProvider()()).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 'SECRET',
      sessionToken: 'TOKEN',
    });
  });

  it('skips the environment for AWS_PROFILE, as the SDK chain does (profile from the shared files)', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/strata-creds-`);
    try {
      await writeFile(
        `${dir}/credentials`,
        '[other]\naws_access_key_id = FROMFILE\naws_secret_access_key = FILESECRET\n',
      );
      await writeFile(`${dir}/config`, '');
      Object.assign(process.env, {
        AWS_ACCESS_KEY_ID: 'ENVKEY',
        AWS_SECRET_ACCESS_KEY: 'ENVSECRET',
        AWS_PROFILE: 'other',
        AWS_SHARED_CREDENTIALS_FILE: `${dir}/credentials`,
        AWS_CONFIG_FILE: `${dir}/config`,
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      const credentials = await s3CredentialProvider()();
      expect(credentials.accessKeyId).toBe('FROMFILE');
      expect(credentials.secretAccessKey).toBe('FILESECRET');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses given credentials as they are', async () => {
    expect(await s3CredentialProvider(S3RVER_CREDENTIALS)()).toEqual(S3RVER_CREDENTIALS);
  });
});
