/**
 * The engine trusts the store contract (stores/types.ts): it checks capability slots and
 * features, never a store's class or its URI's scheme, so a new backend (the gateway route) needs
 * no special case in the engine. This reads the engine's sources and fails on any such test.
 * Likewise URIs and openStore know the backends only from their descriptors (stores/backends.ts),
 * so a new backend is its own folder and one line there.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@strata/cli';
import { BACKENDS } from '../../src/stores/backends.js';
import type { StoreDescriptor } from '../../src/stores/descriptor.js';
import { bucketUris } from '../../src/stores/uri-forms.js';
import { formatStoreUri, parseStoreUri } from '../../src/stores/uri.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const ENGINE = join(SRC, 'engine');

/** Source lines that are not comments (comments may name schemes and backends). */
async function codeLines(file: string): Promise<[number, string][]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((line, index): [number, string][] =>
    /^\s*(\/\*|\*|\/\/)/.test(line) ? [] : [[index + 1, line]],
  );
}

const FORBIDDEN: [RegExp, string][] = [
  [/instanceof\s+(Local|S3|Gcs)Store\b/, "tests a store's class"],
  [
    /\bimport\s+(?!type\b)[^;]*\b(LocalStore|S3Store|GcsStore)\b[^;]*from/,
    "imports a store's class",
  ],
  [/\.uri\.(startsWith|endsWith|includes|match)\(/, "tests a store's URI"],
  [/['"`](file|s3|gs):/, 'names a URI scheme'],
  [/typeof\s+\w+\.(putBuffer|readChunks)\s*===\s*'function'/, 'duck-types a store'],
  [/from\s+'(\.\.\/)+stores\/(local|s3|gcs)\//, "imports a backend's internals"],
];

it('the engine never tests a store class or a URI scheme', async () => {
  const problems: string[] = [];
  const sources = (await readdir(ENGINE, { recursive: true })).filter((file) =>
    file.endsWith('.ts'),
  );
  expect(sources).toContain('routes/multipart.ts'); // the route executors are read too
  for (const name of sources) {
    for (const [number, line] of await codeLines(join(ENGINE, name))) {
      for (const [pattern, what] of FORBIDDEN)
        if (pattern.test(line)) problems.push(`engine/${name}:${number} ${what}: ${line.trim()}`);
    }
  }
  expect(problems).toEqual([]);
});

it('catches what it is meant to catch', () => {
  const hits = (line: string) => FORBIDDEN.some(([pattern]) => pattern.test(line));
  expect(hits('  if (source instanceof LocalStore) {')).toBe(true);
  expect(hits("import { LocalStore } from '../stores/local/local-store.js';")).toBe(true);
  expect(hits("const local = store.uri.startsWith('file:');")).toBe(true);
  expect(hits("if (typeof store.putBuffer === 'function')")).toBe(true);
  expect(hits("import { localEtag } from '../../stores/local/walk.js';")).toBe(true);
  expect(hits("import type { ObjectStore } from '../../stores/types.js';")).toBe(false);
  expect(hits("import type { LocalFiles } from '../stores/types.js';")).toBe(false);
  expect(hits('  if (source.localFiles && destination.putBuffer)')).toBe(false);
});

describe('store URIs come from the registered descriptors', () => {
  it("every descriptor's scheme parses, formats back, and is named by the unknown-scheme message", () => {
    let unknown = '';
    try {
      parseStoreUri('nope://x');
    } catch (error) {
      unknown = (error as Error).message;
    }
    expect(unknown.split('\n')).toHaveLength(1);
    for (const backend of BACKENDS) {
      const example = `${backend.uri.prefix(backend.scheme)}${backend.uri.placeholder}`;
      const parsed = parseStoreUri(example);
      expect(parsed.scheme).toBe(backend.scheme);
      expect(formatStoreUri(parsed.scheme, parsed.bucket, parsed.key)).toBe(example);
      expect(unknown).toContain(example);
    }
    expect(
      BACKENDS.filter((backend) => backend.uri.parsePath).map((backend) => backend.scheme),
    ).toEqual(['file']);
  });

  it('a backend listed in backends.ts alone is parsed, named in usage errors and its typos caught', () => {
    const mem: StoreDescriptor = {
      scheme: 'mem',
      uri: bucketUris,
      optionsKey: 'local',
      optionsSchema: () => Promise.reject(new Error('not used')),
      create: () => Promise.reject(new Error('not used')),
    };
    (BACKENDS as StoreDescriptor[]).push(mem);
    try {
      expect(parseStoreUri('mem://bucket/a/b')).toEqual({
        scheme: 'mem',
        bucket: 'bucket',
        key: 'a/b',
      });
      expect(() => parseStoreUri('ftp://x/y')).toThrow(
        /: use s3:\/\/bucket\/key, gs:\/\/bucket\/key, file:\/\/\/abs\/path, mem:\/\/bucket\/key or a plain path$/,
      );
      expect(() => parseStoreUri('mem:bucket/x')).toThrow(UsageError);
      expect(() => parseStoreUri('mem:bucket/x')).toThrow(/mistyped URI: write mem:\/\/bucket\/x/);
    } finally {
      (BACKENDS as StoreDescriptor[]).pop();
    }
    expect(() => parseStoreUri('mem://bucket/a')).toThrow(/unknown scheme 'mem:\/\/'/);
  });

  it('uri.ts and openStore name no scheme and import no backend', async () => {
    const backends = (await readdir(join(SRC, 'stores'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(backends).toEqual(expect.arrayContaining(['local', 's3', 'gcs']));
    const schemes = BACKENDS.map((backend) => backend.scheme).join('|');
    const forbidden: [RegExp, string][] = [
      [new RegExp(`['"\`](${schemes}|gcs):`), 'names a URI scheme'],
      [new RegExp(`from\\s+'\\./(${backends.join('|')})/`), 'imports a backend'],
    ];
    const problems: string[] = [];
    for (const name of ['uri.ts', 'registry.ts']) {
      for (const [number, line] of await codeLines(join(SRC, 'stores', name))) {
        for (const [pattern, what] of forbidden)
          if (pattern.test(line)) problems.push(`stores/${name}:${number} ${what}: ${line.trim()}`);
      }
    }
    expect(problems).toEqual([]);
    // The patterns catch what they are meant to catch.
    const hits = (line: string) => forbidden.map(([pattern]) => pattern.test(line));
    expect(hits("const SUPPORTED = 's3://bucket/key';")).toEqual([true, false]);
    expect(hits("import { s3Descriptor } from './s3/descriptor.js';")).toEqual([false, true]);
    expect(hits("import { BACKENDS } from './backends.js';")).toEqual([false, false]);
  });
});
