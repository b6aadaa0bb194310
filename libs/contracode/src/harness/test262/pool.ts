import { fork, type ChildProcess } from 'node:child_process';
import type { SettingOutcome, Test262Job, Test262Message } from './protocol.js';

export interface JobResult {
  baseline: { passed: boolean; detail: string };
  outcomes: SettingOutcome[];
}

const CHILD_ENTRY = new URL('./child-entry.mjs', import.meta.url);

interface Slot {
  child: ChildProcess;
  busy: boolean;
}

/**
 * Child processes that each run one test job at a time. A job that outlives its time limit (a
 * transform stuck in a loop, a run the `vm` limit could not stop) or whose child dies costs that
 * child, which is replaced: settings it did not finish are tool errors, a baseline it did not
 * finish is a failed baseline, and the runner goes on.
 */
export class Test262Pool {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(
    size: number,
    private readonly jobTimeoutMs: number,
  ) {
    for (let index = 0; index < size; index += 1) this.slots.push({ child: this.spawn(), busy: false });
  }

  private spawn(): ChildProcess {
    // A fixed heap per child: a test that allocates without bound dies alone.
    return fork(CHILD_ENTRY, [], { execArgv: ['--max-old-space-size=1024'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const free = this.slots.find((slot) => !slot.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  async run(job: Test262Job): Promise<JobResult> {
    const slot = await this.acquire();
    const child = slot.child;
    const result: JobResult = { baseline: { passed: false, detail: 'not run' }, outcomes: [] };
    let sawBaseline = false;
    const ended = await new Promise<string | null>((resolve) => {
      const onMessage = (message: Test262Message): void => {
        if (message.id !== job.id) return;
        if (message.kind === 'baseline') {
          sawBaseline = true;
          result.baseline = { passed: message.passed, detail: message.detail };
        } else if (message.kind === 'setting') {
          result.outcomes.push(message.outcome);
        } else {
          finish(null);
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => finish(`child exited (${signal ?? code})`);
      const timer = setTimeout(() => finish(`no answer within ${this.jobTimeoutMs / 1000} s`), this.jobTimeoutMs);
      const finish = (problem: string | null): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(problem);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(job);
    });
    if (ended !== null) {
      child.kill('SIGKILL');
      slot.child = this.spawn();
      if (!sawBaseline) result.baseline = { passed: false, detail: ended };
      else {
        const done = new Set(result.outcomes.map((outcome) => outcome.setting));
        for (const setting of job.settings) {
          if (!done.has(setting.label)) result.outcomes.push({ setting: setting.label, verdict: 'tool-error', changed: false, detail: ended });
        }
      }
    }
    this.release(slot);
    return result;
  }

  close(): void {
    for (const slot of this.slots) slot.child.kill();
  }
}
