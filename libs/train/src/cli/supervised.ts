import { supervise, type SuperviseSummary } from '../supervisor/supervisor.js';
import { parseDurationMs, type SupervisorArgs } from './shared-options.js';

/**
 * `--supervise` (`strata train`, `strata code pretrain`): runs this very command line (same node, same script, same flags) as the child,
 * without --supervise. The first child gets the user's flags as they are (without --resume it
 * refuses a folder holding another run's checkpoints, like an unsupervised run); once a child has
 * made a step, restarts add --resume and drop --overwrite, so they continue from the newest
 * checkpoint of this run.
 */
export async function runSupervised(
  argv: SupervisorArgs,
  log: (line: string) => void,
): Promise<SuperviseSummary> {
  const script = process.argv[1];
  if (!script) throw new Error('cannot tell which script to restart');
  const args = process.argv.slice(2).filter((arg) => arg !== '--supervise' && arg !== '--json');
  const resumeArgs = args.filter((arg) => arg !== '--overwrite');
  if (!resumeArgs.includes('--resume')) resumeArgs.push('--resume');
  return supervise({
    command: process.execPath,
    args: [...process.execArgv, script, ...args],
    resumeArgs: [...process.execArgv, script, ...resumeArgs],
    heartbeatTimeoutMs: parseDurationMs(argv['heartbeat-timeout'], '--heartbeat-timeout'),
    startupTimeoutMs: parseDurationMs(argv['startup-timeout'], '--startup-timeout'),
    maxRestarts: argv['max-restarts'],
    baseBackoffMs: 1000,
    maxBackoffMs: 60_000,
    ...(argv['incident-log'] ? { incidentLog: argv['incident-log'] } : {}),
    log,
  });
}
