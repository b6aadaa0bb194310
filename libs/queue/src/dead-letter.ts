import type { Redis } from 'ioredis';
import { z } from 'zod';

/** A job that failed all its attempts: what it was, why it failed, when. */
export const deadLetterSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  attempts: z.number(),
  reason: z.string(),
  failedAt: z.string(),
  worker: z.string(),
  job: z.unknown(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

/** The Redis list of dead letters for a queue: newest first, inspectable with `LRANGE KEY 0 -1`. */
export function deadLetterKey(prefix: string, queueName: string): string {
  return `${prefix}:${queueName}:dead-letter`;
}

/** Dead letters kept; older ones are trimmed so a job failing every day cannot fill Redis. */
const MAX_DEAD_LETTERS = 10_000;

export async function pushDeadLetter(redis: Redis, key: string, letter: DeadLetter): Promise<void> {
  await redis.multi().lpush(key, JSON.stringify(letter)).ltrim(key, 0, MAX_DEAD_LETTERS - 1).exec();
}

export async function readDeadLetters(redis: Redis, key: string, limit = 100): Promise<DeadLetter[]> {
  const items = await redis.lrange(key, 0, limit - 1);
  return items.map((item) => deadLetterSchema.parse(JSON.parse(item)));
}
