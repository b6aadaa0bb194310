import { createHash } from 'node:crypto';
import { z } from 'zod';

export const JOB_FORMAT = 'strata.job';
/** The job document's schema version. A worker runs only jobs of its own version. */
export const JOB_VERSION = 1;


/**
 * One unit of fan-out work, as data: what to compute (`kind`, `params`), where its input is and
 * where its result goes (object-store URIs every host can reach).
 */
export const jobSchema = z.object({
  format: z.literal(JOB_FORMAT),
  version: z.number().int(),
  /** Which handler runs it, e.g. `corpus.augment`. */
  kind: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/),
  /** URI of the input object. */
  input: z.string().min(1),
  /** URI the result is written to; derived from the rest of the job (see jobId). */
  output: z.string().min(1),
  params: z.json(),
});

export type JobDocument = z.infer<typeof jobSchema>;
export type JobParams = z.infer<ReturnType<typeof z.json>>;

/** The job's identity: a hash of everything that determines its result (not its output URI). */
export function jobId(job: Pick<JobDocument, 'kind' | 'version' | 'input' | 'params'>): string {
  const digest = createHash('sha256')
    .update(canonicalJson([job.kind, job.version, job.input, job.params]))
    .digest('hex')
    .slice(0, 40);
  return `${job.kind}-${digest}`;
}

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** A job this worker cannot read: another schema version (or not a Strata job at all). */
export class IncompatibleJobError extends Error {}

/** Validates a job taken off the queue. Throws IncompatibleJobError for another version, ZodError-based Error otherwise. */
export function readJob(data: unknown): JobDocument {
  const head = z.object({ format: z.string(), version: z.unknown() }).safeParse(data);
  if (head.success && head.data.format === JOB_FORMAT && head.data.version !== JOB_VERSION) {
    throw new IncompatibleJobError(
      `job has schema version ${String(head.data.version)}, this worker reads version ${JOB_VERSION}: run a Strata of the producer's version on this host`,
    );
  }
  const parsed = jobSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not a Strata job: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
