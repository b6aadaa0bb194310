/**
 * What the transfer's progress bar shows (checked by hand in a real terminal with tmux as well):
 * every token filled from the first frame, no ETA before the rate means anything, an ETA from
 * the average rate (no jumps from one burst), and never 100% while an object is still going.
 */
import { formatDuration, progressPayload } from '../../src/cli/progress-view.js';

const MiB = 1024 * 1024;

it('formats durations as a person reads them, and -- when unknown', () => {
  expect(formatDuration(NaN)).toBe('--');
  expect(formatDuration(Infinity)).toBe('--');
  expect(formatDuration(0)).toBe('0s');
  expect(formatDuration(6.2)).toBe('7s');
  expect(formatDuration(125)).toBe('2m05s');
  expect(formatDuration(7500)).toBe('2h05m');
});

it('fills every token of the first frame, with no ETA yet', () => {
  const { value, payload } = progressPayload(
    { bytesDone: 0, bytesTotal: 100 * MiB, objectsDone: 0, objectsTotal: 3 },
    0,
  );
  expect(value).toBe(0);
  expect(payload).toEqual({
    done: '0 B',
    all: '100 MiB',
    objects: '0/3',
    rate: '0 B/s',
    remaining: '--',
  });
});

it('estimates from the average rate since the start', () => {
  const early = progressPayload(
    { bytesDone: 50 * MiB, bytesTotal: 100 * MiB, objectsDone: 0, objectsTotal: 2 },
    1_000,
  );
  expect(early.payload['remaining']).toBe('--'); // a burst in the first second says little
  const later = progressPayload(
    { bytesDone: 50 * MiB, bytesTotal: 100 * MiB, objectsDone: 1, objectsTotal: 2 },
    10_000,
  );
  expect(later.payload).toMatchObject({ rate: '5.00 MiB/s', remaining: '10s' });
});

it('stays below 100% while an object is unfinished (bytes of a retry are counted again)', () => {
  const retrying = progressPayload(
    { bytesDone: 130 * MiB, bytesTotal: 100 * MiB, objectsDone: 2, objectsTotal: 3 },
    5_000,
  );
  expect(retrying.value).toBe(100 * MiB - 1);
  expect(retrying.payload['remaining']).not.toBe('0s');
  const done = progressPayload(
    { bytesDone: 130 * MiB, bytesTotal: 100 * MiB, objectsDone: 3, objectsTotal: 3 },
    5_000,
  );
  expect(done).toMatchObject({ value: 100 * MiB, payload: { remaining: '0s' } });
});
