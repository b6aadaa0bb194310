// A compiled (esbuild) bundle of the CLI for fast start-up. Through tsx every module of a run
// goes through loader hooks on another thread: `strata transfer cp` of 1000 small files spent
// ~1.5 s of its ~1.8 s wall starting up that way (benchmarks/transfer/local-notes.md). The bundle
// is rebuilt whenever any of its input files changed (size or mtime), so it is never stale; a
// rebuild takes ~0.4 s, less than one tsx start. Anything unexpected → undefined: run through tsx.
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const APP = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(APP, '../..');
const DIST = join(APP, 'dist');
const CURRENT = join(DIST, 'current.json');

// Verb groups that may run bundled. A group runs bundled only if nothing its command module
// reaches reads `import.meta` (a worker or file located next to its module would point into
// dist/); checked on every build against esbuild's import graph (`safe` in current.json).
const BUNDLE_CANDIDATES = ['transfer', 'remat'];

/** The command line's verb group, or undefined for `strata`, `strata --help` and the like. */
function groupOf(args) {
  return args.find((arg) => !arg.startsWith('-'));
}

function fresh(current) {
  for (const [path, [mtimeMs, size]] of Object.entries(current.inputs)) {
    const info = statSync(join(REPO, path), { throwIfNoEntry: false });
    if (!info || info.mtimeMs !== mtimeMs || info.size !== size) return false;
  }
  return true;
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  const id = randomBytes(6).toString('hex');
  const out = join(DIST, `build-${id}`);
  const result = await esbuild({
    entryPoints: [join(APP, 'src/cli.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: out,
    metafile: true,
    // The metafile's paths are relative to this directory: the repo, wherever strata runs from.
    absWorkingDir: REPO,
    logLevel: 'silent',
    plugins: [
      {
        // Workspace packages (TypeScript sources) are bundled; npm packages load from node_modules.
        name: 'external-npm-packages',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@strata/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  // Freshness covers the bundled sources, the package.json files that resolved them (exports
  // maps) and this build script (its options).
  const files = new Set([relative(REPO, fileURLToPath(import.meta.url))]);
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = relative(REPO, resolve(REPO, input));
    files.add(path);
    const project = /^(apps|libs|tools)\/[^/]+\//.exec(path);
    if (project) files.add(`${project[0]}package.json`);
  }
  const safe = BUNDLE_CANDIDATES.filter((group) =>
    noImportMeta(result.metafile.inputs, `libs/${group}/src/cli/index.ts`),
  );
  const inputs = {};
  for (const path of files) {
    const info = statSync(join(REPO, path));
    inputs[path] = [info.mtimeMs, info.size];
  }
  // Written last and renamed into place: a concurrent run sees the old bundle or the new one.
  const temp = join(DIST, `.current-${id}.json`);
  writeFileSync(temp, JSON.stringify({ dir: `build-${id}`, inputs, safe }));
  renameSync(temp, CURRENT);
  pruneOldBuilds(`build-${id}`);
  return { dir: `build-${id}`, inputs, safe };
}

// import.meta.resolve('<package>/...') goes through node_modules, so it resolves the same from dist/.
const PACKAGE_RESOLVE = /import\.meta\.resolve\('[^./'][^']*'\)/g;

/** True when no module reachable from `entry` (esbuild's metafile import graph) reads import.meta. */
function noImportMeta(graph, entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    const path = stack.pop();
    if (seen.has(path) || !graph[path]) continue;
    seen.add(path);
    const source = readFileSync(join(REPO, path), 'utf8').replace(PACKAGE_RESOLVE, '');
    if (source.includes('import.meta')) return false;
    for (const imported of graph[path].imports) stack.push(imported.path);
  }
  return seen.has(entry);
}

/** Builds older than a day: no run still loads chunks from them. */
function pruneOldBuilds(keep) {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(DIST)) {
    if (!name.startsWith('build-') || name === keep) continue;
    const path = join(DIST, name);
    if (statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** The URL of the compiled CLI module for this command line, or undefined to use tsx. */
export async function compiledEntry(args) {
  if (process.env.STRATA_NO_BUNDLE) return undefined;
  const group = groupOf(args);
  if (group !== undefined && !BUNDLE_CANDIDATES.includes(group)) return undefined;
  try {
    mkdirSync(DIST, { recursive: true });
    let current;
    try {
      current = JSON.parse(readFileSync(CURRENT, 'utf8'));
    } catch {
      current = undefined;
    }
    if (!current || !Array.isArray(current.safe) || !fresh(current)) current = await build();
    if (group !== undefined && !current.safe.includes(group)) return undefined;
    return pathToFileURL(join(DIST, current.dir, 'cli.js')).href;
  } catch {
    return undefined; // no esbuild, read-only checkout, a build error: tsx still works
  }
}
