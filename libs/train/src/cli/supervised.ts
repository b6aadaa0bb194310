import type { Logger } from '@strata/cli';
import { supervise, type SuperviseSummary } from '../supervisor/supervisor.js';
import { parseDurationMs, type RunArgs } from './run-command.js';

/**
 * `--supervise`: re-runs this very command line (same node, same script, same flags) as the child,
 * without --supervise and with --resume, so a restart continues from the newest checkpoint.
 */
export async function runSupervised(argv: RunArgs, logger: Logger): Promise<SuperviseSummary> {
  const script = process.argv[1];
  if (!script) throw new Error('cannot tell which script to restart');
  const args = process.argv.slice(2).filter((arg) => arg !== '--supervise' && arg !== '--json');
  if (!args.includes('--resume')) args.push('--resume');
  return supervise({
    command: process.execPath,
    args: [...process.execArgv, script, ...args],
    heartbeatTimeoutMs: parseDurationMs(argv['heartbeat-timeout'], '--heartbeat-timeout'),
    startupTimeoutMs: parseDurationMs(argv['startup-timeout'], '--startup-timeout'),
    maxRestarts: argv['max-restarts'],
    baseBackoffMs: 1000,
    maxBackoffMs: 60_000,
    ...(argv['incident-log'] ? { incidentLog: argv['incident-log'] } : {}),
    log: (line) => logger.info(line),
  });
}
