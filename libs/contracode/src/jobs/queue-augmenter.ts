import type { JobClient } from '@strata/queue';
import type { AugmentedFunction, AugmentTask } from '../corpus/worker-protocol.js';
import { CORPUS_AUGMENT_JOB } from './corpus-jobs.js';

/** buildCorpus's `augmenter` over a job queue: each batch is one job, run by any worker. */
export function queueAugmenter(client: JobClient): (task: AugmentTask) => Promise<AugmentedFunction[]> {
  return async (task) => {
    const result = await client.run(CORPUS_AUGMENT_JOB, Buffer.from(JSON.stringify(task), 'utf8'), {});
    return JSON.parse(result.toString('utf8')) as AugmentedFunction[];
  };
}
