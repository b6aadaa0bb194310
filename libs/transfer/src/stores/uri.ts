/**
 * Store URIs as users write them, read by the registered backends' descriptors (`backends.ts`):
 * each names its scheme and its URI form (`uri-forms.ts`), so a new backend adds nothing here.
 */
import { UsageError } from '@strata/cli';
import { BACKENDS } from './backends.js';
import type { StoreDescriptor } from './descriptor.js';
import type { StoreLocation } from './uri-forms.js';

/** A registered backend's URI scheme (`s3`, `gs`, `file`, …). */
export type StoreScheme = string;

/** A URI as users write it, split into where the store is and which key inside it. */
export interface ParsedStoreUri extends StoreLocation {
  scheme: StoreScheme;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;

function backendFor(scheme: string): StoreDescriptor | undefined {
  return BACKENDS.find((backend) => backend.scheme === scheme);
}

/** The backend that takes plain paths (the local filesystem). */
function pathBackend(): StoreDescriptor | undefined {
  return BACKENDS.find((backend) => backend.uri.parsePath !== undefined);
}

/** `s3://bucket/key, gs://bucket/key, file:///abs/path or a plain path`, from the registry. */
function supported(): string {
  const forms = BACKENDS.map(
    (backend) => `${backend.uri.prefix(backend.scheme)}${backend.uri.placeholder}`,
  );
  if (pathBackend()) forms.push('a plain path');
  return forms.length > 1
    ? `${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`
    : (forms[0] ?? '');
}

/**
 * Pure parse of a registered scheme's URIs (`s3://bucket/key`, `gs://bucket/key`,
 * `file:///abs/path`) and plain paths (resolved against `cwd`). A trailing '/' survives in the
 * key: it marks a prefix.
 */
export function parseStoreUri(uri: string, cwd: string = process.cwd()): ParsedStoreUri {
  if (uri.trim() === '') throw new UsageError(`empty location: use ${supported()}`);
  const match = SCHEME.exec(uri);
  if (!match) {
    assertNotMistypedUri(uri);
    const local = pathBackend();
    if (!local?.uri.parsePath) throw new UsageError(`'${uri}' has no scheme: use ${supported()}`);
    return { scheme: local.scheme, ...local.uri.parsePath(uri, cwd) };
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const backend = backendFor(scheme);
  if (!backend)
    throw new UsageError(`unknown scheme '${scheme}://' in '${uri}': use ${supported()}`);
  return { scheme, ...backend.uri.parse(uri, scheme, uri.slice(match[0].length)) };
}

// Web URLs are not stores, but `https:host/x` is still a mistyped URI rather than a file name.
const WEB_SCHEMES = ['http', 'https'];

/** Each name a user means as a scheme when a path starts with it and a colon, and the scheme meant. */
function uriLikeNames(): Map<string, string> {
  const names = new Map(WEB_SCHEMES.map((scheme) => [scheme, scheme]));
  for (const backend of BACKENDS) {
    names.set(backend.scheme, backend.scheme);
    for (const alias of backend.alsoWrittenAs ?? []) names.set(alias, backend.scheme);
  }
  return names;
}

/**
 * `s3:/bucket/x` or `gs:bucket/x` is a mistyped URI, not a local file named `s3:`: writing it
 * locally would "succeed" where the user meant a bucket. A file whose name really starts so is
 * written `./s3:...`.
 */
function assertNotMistypedUri(uri: string): void {
  const colon = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?!\/\/)/.exec(uri);
  const meant = colon ? uriLikeNames().get((colon[1] ?? '').toLowerCase()) : undefined;
  if (!colon || meant === undefined) return;
  const prefix = backendFor(meant)?.uri.prefix(meant) ?? `${meant}://`;
  const rest = uri.slice(colon[0].length).replace(/^\/+/, '');
  throw new UsageError(
    `'${uri}' looks like a mistyped URI: write ${prefix}${rest} (or ./${uri} for a local file of that name)`,
  );
}

/** The URI of a key in a parsed store, as a user would write it. */
export function formatStoreUri(scheme: StoreScheme, bucket: string, key: string): string {
  const backend = backendFor(scheme);
  if (!backend) throw new UsageError(`unknown scheme '${scheme}://': use ${supported()}`);
  return backend.uri.format(scheme, bucket, key);
}
