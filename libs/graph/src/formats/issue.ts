import type { z } from 'zod';
import { GraphError } from '../errors.js';

type Path = readonly PropertyKey[];

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a finite number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && !Number.isFinite(value))
    return 'a number too large to represent';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** `node 5 ("conv1")` for a node element, `"links"[3]` for anything else in a list. */
function describeElement(list: string, index: number, element: unknown): string {
  if (list === 'nodes' && element !== null && typeof element === 'object') {
    const { id, name } = element as Record<string, unknown>;
    if (typeof id === 'number' || typeof id === 'string') {
      return typeof name === 'string' && name !== String(id)
        ? `node ${id} (${JSON.stringify(name)})`
        : `node ${id}`;
    }
    if (typeof name === 'number') return `node ${name}`;
  }
  return `"${list}"[${index}]`;
}

/** Where in the document a path points: the owning node or list element, and the field. */
function locate(root: unknown, path: Path): { owner: string | undefined; field: string } {
  const [first, second, ...rest] = path;
  if (typeof first === 'string' && typeof second === 'number') {
    const owner = describeElement(first, second, valueAt(root, [first, second]));
    return { owner, field: rest.map(String).join('.') };
  }
  return { owner: undefined, field: path.map(String).join('.') };
}

/**
 * One zod issue as one line that names the file, the node (or list element), the field and the fix:
 * `vgg.json: node 5 ("conv1") field "cost_cpu" is "abc", not a finite number: write it as a number`.
 */
export function issueToError(issue: z.core.$ZodIssue, root: unknown, source: string): GraphError {
  const { owner, field } = locate(root, issue.path);
  const value = valueAt(root, issue.path);
  const subject =
    owner === undefined ? `field "${field}"` : field === '' ? owner : `${owner} field "${field}"`;
  const at = `${source}: ${subject}`;
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
    if (value === undefined) return new GraphError(`${at} is missing: it must be ${expected}`);
    return new GraphError(
      `${at} is ${describeValue(value)}, not ${expected}: write it as ${expected}`,
    );
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
    return new GraphError(`${at} is ${describeValue(value)}: it must be one of ${allowed}`);
  }
  return new GraphError(`${at}: ${issue.message.replace(/\s*\n\s*/g, ' ')}`);
}

/** Parses `raw` with `schema`, throwing the first problem as a one-line GraphError. */
export function parseWith<T>(schema: z.ZodType<T>, raw: unknown, source: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (first === undefined) throw new GraphError(`${source}: does not match the graph schema`);
  throw issueToError(first, raw, source);
}
