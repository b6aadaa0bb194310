/**
 * The engine trusts the store contract (stores/types.ts): it checks capability slots and
 * features, never a store's class or its URI's scheme, so a new backend (the gateway route) needs
 * no special case in the engine. This reads the engine's sources and fails on any such test.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'engine');

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
    const lines = (await readFile(join(ENGINE, name), 'utf8')).split('\n');
    lines.forEach((line, index) => {
      if (/^\s*(\/\*|\*|\/\/)/.test(line)) return; // comments may name them
      for (const [pattern, what] of FORBIDDEN)
        if (pattern.test(line))
          problems.push(`engine/${name}:${index + 1} ${what}: ${line.trim()}`);
    });
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
