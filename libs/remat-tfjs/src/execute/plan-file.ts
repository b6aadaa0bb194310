import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '@strata/cli';
import type { Plan } from '@strata/remat';

/** The fields of `strata remat plan --json` the executor relies on; the rest pass through. */
const planFileSchema = z
  .object({
    solver: z.string(),
    feasible: z.boolean(),
    status: z.string(),
    budgetBytes: z.number(),
    noRematPeakBytes: z.number(),
    peakBytes: z.number().nullable(),
    overhead: z.number().nullable(),
    order: z.array(z.number().int()),
    stages: z
      .object({ R: z.array(z.array(z.number().int())), S: z.array(z.array(z.number().int())) })
      .nullable(),
  })
  .passthrough();

/** Reads a plan file; unreadable or not a plan → one-line UsageError. */
export async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--plan ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new UsageError(`--plan ${path}: not JSON; give the output of 'strata remat plan --json'`);
  }
  const parsed = planFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `--plan ${path}: not a plan from 'strata remat plan --json' (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
    );
  }
  return parsed.data as unknown as Plan;
}
