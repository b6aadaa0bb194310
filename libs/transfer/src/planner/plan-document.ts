/**
 * The plan as data: a versioned JSON document the gateways execute without importing the planner
 * (Skyplane's GatewayProgram idea). Per region its VM count, per hop its flow and connections, per
 * gateway (a region's VMs) what it reads, receives, forwards and writes.
 */
import { z } from 'zod';
import { UsageError } from '@strata/cli';

export const PLAN_FORMAT = 'strata.transfer-plan';
export const PLAN_VERSION = 1;

const region = z.string().regex(/^(aws|gcp|azure):\S+$/, 'a region is provider:name (aws, gcp or azure)');
const gbits = z.number().finite().nonnegative();
const connections = z.number().int().positive();

const baselineSchema = z
  .object({ path: z.array(region).min(2).max(3), throughputGbits: z.number().positive().finite(), costTotal: gbits })
  .strict();

const flowSchema = z.object({ region, flowGbits: gbits, connections }).strict();

export const planDocumentSchema = z
  .object({
    format: z.literal(PLAN_FORMAT),
    version: z.literal(PLAN_VERSION),
    /** 1 Gbit = 2^30 bits throughout, as in Skyplane's profiles. */
    units: z.literal('Gbit/s = 2^30 bits/s; USD'),
    request: z
      .object({
        src: region,
        dst: region,
        gbytes: z.number().positive().finite(),
        instanceLimit: z.number().int().positive(),
        objective: z.enum(['min-cost', 'max-throughput']),
        throughputGbits: z.number().positive().finite().nullable(),
        maxCostPerGb: z.number().positive().finite().nullable(),
      })
      .strict(),
    throughputGbits: z.number().positive().finite(),
    transferSeconds: z.number().positive().finite(),
    cost: z.object({ totalUsd: gbits, egressUsd: gbits, instanceUsd: gbits }).strict(),
    /** What the direct path and RON's best relay would do at the same instance limit. */
    baselines: z.object({ direct: baselineSchema, ron: baselineSchema }).strict(),
    regions: z.array(z.object({ region, vms: z.number().int().positive() }).strict()).min(2),
    hops: z
      .array(z.object({ src: region, dst: region, flowGbits: z.number().positive().finite(), connections, usdPerGb: gbits }).strict())
      .min(1),
    gateways: z
      .array(
        z
          .object({
            region,
            vms: z.number().int().positive(),
            /** Gbit/s read from the source store (the source region only). */
            readsGbits: gbits,
            receives: z.array(flowSchema),
            forwards: z.array(flowSchema),
            /** Gbit/s written to the destination store (the destination region only). */
            writesGbits: gbits,
          })
          .strict(),
      )
      .min(2),
  })
  .strict();

export type PlanDocument = z.infer<typeof planDocumentSchema>;

/** Validates a parsed JSON value as a plan; a wrong version or shape is one line naming it. */
export function parsePlanDocument(value: unknown, source = 'plan'): PlanDocument {
  if (typeof value === 'object' && value !== null && 'version' in value && value.version !== PLAN_VERSION) {
    throw new UsageError(
      `${source} is a transfer plan of version ${JSON.stringify(value.version)}; this Strata reads version ${PLAN_VERSION}: plan it again with strata transfer plan`,
    );
  }
  const parsed = planDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'document';
    throw new UsageError(`${source} is not a valid transfer plan: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
