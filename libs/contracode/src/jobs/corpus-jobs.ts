import { augmentBatch } from '../corpus/augment-batch.js';
import type { AugmentTask } from '../corpus/worker-protocol.js';

/** The queued job that augments one batch of a corpus build's functions. */
export const CORPUS_AUGMENT_JOB = 'corpus.augment';

/** Input: the batch's AugmentTask as JSON; result: its AugmentedFunction[] as JSON. */
export async function runCorpusAugmentJob(input: Uint8Array): Promise<Uint8Array> {
  const task = JSON.parse(Buffer.from(input).toString('utf8')) as AugmentTask;
  if (task?.kind !== 'augment' || !Array.isArray(task.items)) throw new Error('corpus.augment input is not an augmentation batch');
  return Buffer.from(JSON.stringify(await augmentBatch(task)), 'utf8');
}
