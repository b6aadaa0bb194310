// The job handlers `strata worker` runs for this library (kind → handler); see @strata/queue.
import type { JobHandler } from '@strata/queue';
import { CORPUS_AUGMENT_JOB, runCorpusAugmentJob } from './corpus-jobs.js';

export { CORPUS_AUGMENT_JOB } from './corpus-jobs.js';

export const jobHandlers: Record<string, JobHandler> = {
  [CORPUS_AUGMENT_JOB]: runCorpusAugmentJob,
};
