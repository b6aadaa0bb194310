/**
 * The supervisor (Unicron / Transom style self-healing, one machine): runs the trainer as a child
 * process, watches its heartbeat (an IPC message per step), and restarts it with `--resume` when
 * it crashes (non-zero exit, signal) or hangs (no heartbeat within the timeout: it is killed).
 * Restarts back off exponentially; the backoff returns to its base once a child has made progress.
 * Every incident is one JSON line in the incident log. When the restart budget is spent, or the
 * child exits 2 (bad input: restarting cannot fix it), the supervisor gives up.
 */
import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { FailureError, UsageError } from '@strata/cli';

export interface SuperviseOptions {
  /** Executable and arguments of the trainer child (it must send {type:'heartbeat', step} over IPC). */
  command: string;
  args: string[];
  /**
   * Arguments of a restart once some child has reported a step (default: `args`). Until then a
   * restart repeats the first launch: a child killed while still deleting what `--overwrite`
   * replaces must not resume from what is left of it.
   */
  resumeArgs?: string[];
  heartbeatTimeoutMs: number;
  /** Until its first heartbeat a child may take this long (loading TF.js and the data is slow). */
  startupTimeoutMs: number;
  maxRestarts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  incidentLog?: string;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The child's output: onto the supervisor's stderr (default) or discarded. */
  output?: 'inherit' | 'ignore';
  /** Each child's pid as it starts (for tests and for the log). */
  onChild?: (pid: number) => void;
}

export type IncidentCause = 'exit' | 'signal' | 'heartbeat-timeout';

export interface Incident {
  time: string;
  cause: IncidentCause;
  exitCode: number | null;
  signal: string | null;
  /** The last step the child reported, null when it never reported one. */
  lastStep: number | null;
  /** Restarts so far, this one included (0 when the supervisor gave up instead). */
  restart: number;
  backoffMs: number;
  action: 'restart' | 'give-up';
}

export interface SuperviseSummary {
  restarts: number;
  incidents: Incident[];
  lastStep: number | null;
}

interface ChildOutcome {
  exitCode: number | null;
  signal: string | null;
  hung: boolean;
  lastStep: number | null;
}

export const HEARTBEAT = 'heartbeat';

export async function supervise(options: SuperviseOptions): Promise<SuperviseSummary> {
  const incidents: Incident[] = [];
  let restarts = 0;
  let backoffExponent = 0;
  let lastStep: number | null = null;
  for (;;) {
    const outcome = await runChild(options, lastStep);
    const progressed =
      outcome.lastStep !== null && (lastStep === null || outcome.lastStep > lastStep);
    if (outcome.lastStep !== null) lastStep = outcome.lastStep;
    if (!outcome.hung && outcome.exitCode === 0) return { restarts, incidents, lastStep };

    const cause: IncidentCause = outcome.hung
      ? 'heartbeat-timeout'
      : outcome.signal
        ? 'signal'
        : 'exit';
    if (progressed) backoffExponent = 0;
    const giveUp = restarts >= options.maxRestarts || (!outcome.hung && outcome.exitCode === 2);
    const backoffMs = giveUp
      ? 0
      : Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** backoffExponent);
    const incident: Incident = {
      time: new Date().toISOString(),
      cause,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      lastStep,
      restart: giveUp ? 0 : restarts + 1,
      backoffMs,
      action: giveUp ? 'give-up' : 'restart',
    };
    incidents.push(incident);
    if (options.incidentLog) await appendFile(options.incidentLog, `${JSON.stringify(incident)}\n`);
    const what =
      cause === 'heartbeat-timeout'
        ? `no heartbeat for ${options.heartbeatTimeoutMs} ms (killed)`
        : cause === 'signal'
          ? `killed by ${outcome.signal}`
          : `exited with code ${outcome.exitCode}`;
    if (giveUp) {
      if (!outcome.hung && outcome.exitCode === 2) {
        throw new UsageError(
          `the trainer refused its input (exit 2) at step ${lastStep ?? 'none'}; fix the command line, restarting cannot`,
        );
      }
      throw new FailureError(
        `the trainer failed ${restarts + 1} times (last: ${what}); restart budget of ${options.maxRestarts} spent`,
      );
    }
    options.log(
      `supervisor: trainer ${what} at step ${lastStep ?? 'none'}; restart ${restarts + 1} of ${options.maxRestarts} in ${backoffMs} ms`,
    );
    await new Promise((resolve) => setTimeout(resolve, backoffMs));
    restarts += 1;
    backoffExponent += 1;
  }
}

function runChild(options: SuperviseOptions, knownStep: number | null): Promise<ChildOutcome> {
  const args = knownStep === null ? options.args : (options.resumeArgs ?? options.args);
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, args, {
      // The child's stdout goes to our stderr: stdout belongs to the supervisor's own result.
      stdio:
        options.output === 'ignore'
          ? ['ignore', 'ignore', 'ignore', 'ipc']
          : ['ignore', 2, 2, 'ipc'],
      env: options.env ?? process.env,
    });
    let lastStep = knownStep;
    let lastBeat = performance.now();
    let beaten = false;
    let hung = false;
    child.on('message', (message: unknown) => {
      const beat = message as { type?: string; step?: number };
      if (beat?.type !== HEARTBEAT) return;
      lastBeat = performance.now();
      beaten = true;
      if (typeof beat.step === 'number') lastStep = beat.step;
    });
    const watchdog = setInterval(
      () => {
        const limit = beaten ? options.heartbeatTimeoutMs : options.startupTimeoutMs;
        if (performance.now() - lastBeat > limit && !hung) {
          hung = true;
          child.kill('SIGKILL');
        }
      },
      Math.max(10, Math.min(1000, options.heartbeatTimeoutMs / 10)),
    );
    child.once('spawn', () => options.onChild?.(child.pid ?? -1));
    child.once('error', (error) => {
      clearInterval(watchdog);
      reject(new FailureError(`cannot start the trainer (${options.command}): ${error.message}`));
    });
    child.once('exit', (exitCode, signal) => {
      clearInterval(watchdog);
      resolve({ exitCode, signal, hung, lastStep });
    });
  });
}
