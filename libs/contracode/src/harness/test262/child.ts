import { augment } from '../../transforms/augment.js';
import type { SettingOutcome, Test262Job, Test262Message, Verdict } from './protocol.js';
import { runTest262Script } from './run-script.js';

const NOT_APPLICABLE = /input is JavaScript: no types to strip/;
const REFUSAL = /^(unsafe input|refused):/;

/** Sorts augment's skip reasons: valid input the tools could not handle is a tool error. */
export function verdictOfSkips(reasons: readonly string[], applied: number): Verdict | null {
  if (reasons.some((reason) => !NOT_APPLICABLE.test(reason) && !REFUSAL.test(reason))) return 'tool-error';
  if (applied > 0) return null;
  return reasons.some((reason) => REFUSAL.test(reason)) ? 'refused' : 'not-applicable';
}

async function runSetting(job: Test262Job, setting: Test262Job['settings'][number]): Promise<SettingOutcome> {
  const base = { setting: setting.label };
  let result;
  try {
    result = await augment(job.script, { transforms: setting.transforms, seed: setting.seed, language: 'js' });
  } catch (error) {
    return { ...base, verdict: 'tool-error', changed: false, detail: `augment threw: ${error instanceof Error ? error.message : String(error)}` };
  }
  const reasons = (result.skipped ?? []).map((skip) => `${skip.reason}`);
  const labelled = (result.skipped ?? []).map((skip) => `${skip.transform}: ${skip.reason}`);
  const skipVerdict = verdictOfSkips(reasons, result.applied.length);
  if (skipVerdict) {
    return { ...base, verdict: skipVerdict, changed: result.changed, detail: labelled.join('; '), ...(skipVerdict === 'tool-error' ? { code: result.code } : {}) };
  }
  if (!result.changed) return { ...base, verdict: 'pass', changed: false };
  const run = runTest262Script(job.harness, result.code, { strict: job.strict, async: job.async, timeoutMs: job.runTimeoutMs });
  return run.passed
    ? { ...base, verdict: 'pass', changed: true }
    : { ...base, verdict: 'fail', changed: true, detail: run.detail, code: result.code };
}

function send(message: Test262Message): Promise<void> {
  return new Promise((resolve, reject) => process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

async function handle(job: Test262Job): Promise<void> {
  const baseline = runTest262Script(job.harness, job.script, { strict: job.strict, async: job.async, timeoutMs: job.runTimeoutMs });
  await send({ id: job.id, kind: 'baseline', passed: baseline.passed, detail: baseline.detail });
  if (baseline.passed) {
    for (const setting of job.settings) await send({ id: job.id, kind: 'setting', outcome: await runSetting(job, setting) });
  }
  await send({ id: job.id, kind: 'done' });
}

// Tests reject promises on purpose; a rejection nobody handles inside a test's realm is its business.
process.on('unhandledRejection', () => {});

// One job at a time: the parent sends the next only after `done`.
process.on('message', (job: Test262Job) => {
  handle(job).catch((error: unknown) => {
    process.stderr.write(`test262 child: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
