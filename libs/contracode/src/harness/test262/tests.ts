import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import yaml from 'js-yaml';

/** What a test is about, for the report: renaming may legitimately touch names and source text. */
export type Test262Category = 'behaviour' | 'function-name' | 'source-text';

export interface Test262Test {
  /** Path below the sample's `test/` folder, with forward slashes, e.g. `language/statements/for/S12.6.3_A1.js`. */
  path: string;
  source: string;
  includes: string[];
  flags: string[];
  features: string[];
  negative: boolean;
  category: Test262Category;
}

interface Frontmatter {
  includes?: unknown;
  flags?: unknown;
  features?: unknown;
  negative?: unknown;
}

const FRONTMATTER = /\/\*---([\s\S]*?)---\*\//;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** The YAML frontmatter of a test (`/*--- … ---*\/`); a test without one has no includes or flags. */
export function readFrontmatter(source: string): Pick<Test262Test, 'includes' | 'flags' | 'features' | 'negative'> {
  const match = FRONTMATTER.exec(source);
  const data = (match ? yaml.load(match[1] as string) : null) as Frontmatter | null;
  return {
    includes: stringList(data?.includes),
    flags: stringList(data?.flags),
    features: stringList(data?.features),
    negative: data?.negative != null,
  };
}

/** Tests of `.name` and of function source text are reported in their own columns. */
export function categoryOf(path: string, source: string, includes: readonly string[]): Test262Category {
  const body = source.replace(FRONTMATTER, '');
  if (includes.includes('nativeFunctionMatcher.js') || path.includes('Function/prototype/toString/') || /\bassertToStringOrNativeFunction\b/.test(body))
    return 'source-text';
  if (/fn-name|(^|[/-])name([-./]|$)/.test(path) || /\.name\b|['"]name['"]/.test(body)) return 'function-name';
  return 'behaviour';
}

/** Why a test cannot be run as a classic script here (negative, module or raw tests), or null. */
export function notRunnableReason(test: Test262Test): string | null {
  if (test.negative) return 'negative test (expects an error)';
  if (test.flags.includes('module')) return 'module test';
  if (test.flags.includes('raw')) return 'raw test';
  return null;
}

async function listTests(directory: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (entry.isFile() && entry.name.endsWith('.js') && !entry.name.includes('_FIXTURE')) found.push(full);
    }
  };
  await visit(directory);
  return found.sort();
}

/**
 * Every test of a test262 checkout or sample (`ROOT/test/**\/*.js`, `_FIXTURE` files excluded),
 * sorted by path so runs and parts are reproducible.
 */
export async function loadTest262(root: string): Promise<Test262Test[]> {
  const testRoot = join(root, 'test');
  const files = await listTests(testRoot);
  return Promise.all(
    files.map(async (file) => {
      const source = await readFile(file, 'utf8');
      const path = relative(testRoot, file).split(sep).join('/');
      const front = readFrontmatter(source);
      return { path, source, ...front, category: categoryOf(path, source, front.includes) };
    }),
  );
}

/**
 * The harness a test runs after, as one script: assert.js and sta.js, doneprintHandle.js for async
 * tests, then each file the test includes. Read once per file name.
 */
export class HarnessFiles {
  private readonly cache = new Map<string, Promise<string>>();
  constructor(private readonly root: string) {}

  private read(name: string): Promise<string> {
    let text = this.cache.get(name);
    if (!text) {
      text = readFile(join(this.root, 'harness', name), 'utf8');
      this.cache.set(name, text);
    }
    return text;
  }

  async for(test: Test262Test): Promise<string> {
    const names = ['assert.js', 'sta.js', ...(test.flags.includes('async') ? ['doneprintHandle.js'] : []), ...test.includes];
    const texts = await Promise.all([...new Set(names)].map((name) => this.read(name)));
    return texts.join('\n');
  }
}

/** The test as the transforms see and the engine runs it: `"use strict";` first for onlyStrict tests. */
export function testScript(test: Test262Test): string {
  return test.flags.includes('onlyStrict') ? `"use strict";\n${test.source}` : test.source;
}
