// The job handlers `strata worker` runs for this library (kind → handler); see @strata/queue.
import type { JobHandler } from '@strata/queue';
import { runSweepPointJob, SWEEP_POINT_JOB } from './sweep-jobs.js';

export { SWEEP_POINT_JOB } from './sweep-jobs.js';

export const jobHandlers: Record<string, JobHandler> = {
  [SWEEP_POINT_JOB]: runSweepPointJob,
};
