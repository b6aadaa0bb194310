import { UsageError } from '@strata/cli';
import { IncompatibleJobError, JOB_FORMAT, JOB_VERSION, jobId, parseQueueUrl, readJob } from '../src/index.js';

describe('queue URL', () => {
  it('reads host, port and database', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380/2')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, tls: false });
    expect(parseQueueUrl('redis://queue.internal')).toMatchObject({ host: 'queue.internal', port: 6379, db: 0 });
  });

  it.each([
    ['redis://:6379', /names no host/],
    ['redis:///', /names no host/],
    ['http://host:6379', /not a redis:\/\/ URL/],
    ['host:6379', /not a redis:\/\/ URL/],
    ['redis://host:6379/x', /not a whole number/],
  ])('%s is bad input with one line', (url, message) => {
    expect(() => parseQueueUrl(url)).toThrow(UsageError);
    expect(() => parseQueueUrl(url)).toThrow(message);
  });
});

describe('job documents', () => {
  const job = { format: JOB_FORMAT, version: JOB_VERSION, kind: 'corpus.augment', input: 'file:///in', output: 'file:///out', params: { b: 1, a: [2] } };

  it('a job of this version reads back as written', () => {
    expect(readJob(job)).toEqual(job);
  });

  it('a job of another schema version is refused, naming both versions', () => {
    expect(() => readJob({ ...job, version: JOB_VERSION + 1 })).toThrow(IncompatibleJobError);
    expect(() => readJob({ ...job, version: JOB_VERSION + 1 })).toThrow(`version ${JOB_VERSION + 1}, this worker reads version ${JOB_VERSION}`);
  });

  it('a malformed job says which field is wrong', () => {
    expect(() => readJob({ ...job, kind: 'Bad Kind' })).toThrow(/kind/);
  });

  it('the job id depends on what the job computes, not on key order', () => {
    const same = jobId({ ...job, params: { a: [2], b: 1 } });
    expect(jobId(job)).toBe(same);
    expect(jobId({ ...job, params: { a: [3], b: 1 } })).not.toBe(same);
    expect(jobId({ ...job, version: 2 })).not.toBe(same);
  });
});
