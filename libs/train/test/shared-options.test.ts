/** The flags `strata train` and `strata code pretrain` share parse to the same loop settings. */
import yargs from 'yargs';
import { UsageError } from '@strata/cli';
import {
  CHECKPOINT_OPTIONS,
  SUPERVISOR_OPTIONS,
  checkpointLoopOptions,
  parseDurationMs,
  withDefault,
} from '../src/cli/shared-options.js';

const parse = (args: string[], supervisor = SUPERVISOR_OPTIONS) =>
  yargs([]).options(CHECKPOINT_OPTIONS).options(supervisor).strict().parseSync(args);

describe('shared training flags', () => {
  it('parse to the loop options, with the shared defaults', () => {
    const argv = parse(['--checkpoint-every', '90s', '--resume', '--checkpoint-timeout', '2m']);
    expect(checkpointLoopOptions(argv)).toEqual({
      checkpointEvery: { kind: 'duration', ms: 90_000 },
      keepLast: 3,
      inFlight: 'wait',
      resume: true,
      overwrite: false,
      onCheckpointFailure: 'stop',
      checkpointTimeoutMs: 120_000,
      backend: 'auto',
    });
    expect(argv['heartbeat-timeout']).toBe('120s');
    expect(argv['startup-timeout']).toBe('10m');
    expect(checkpointLoopOptions(parse(['--metrics', 'm.jsonl'])).metricsFile).toBe('m.jsonl');
  });

  it("a command's own default replaces the shared one and says why in the help", () => {
    const startup = withDefault(SUPERVISOR_OPTIONS['startup-timeout'], '15m', 'a slow start');
    expect(startup).toEqual({
      ...SUPERVISOR_OPTIONS['startup-timeout'],
      default: '15m',
      describe:
        'With --supervise: time a child may take to its first step (not the shared 10m: a slow start)',
    });
    expect(
      parse([], { ...SUPERVISOR_OPTIONS, 'startup-timeout': startup })['startup-timeout'],
    ).toBe('15m');
  });

  it('refuses a duration or schedule it cannot read with a UsageError naming the flag', () => {
    expect(() => parseDurationMs('5d', '--heartbeat-timeout')).toThrow(
      new UsageError("--heartbeat-timeout '5d': give a duration such as 90s or 5m"),
    );
    expect(() => checkpointLoopOptions(parse(['--checkpoint-timeout', '0']))).toThrow(UsageError);
    expect(() => checkpointLoopOptions(parse(['--checkpoint-every', 'often']))).toThrow(UsageError);
  });
});
