import { UsageError } from '@strata/cli';
import { linearChain, toTopoGraph } from '@strata/graph';
import { noRematPeak, parseBudget } from '../src/budget.js';
import { loadShippedGraph, PAPER_VGG16 } from './fixtures/shared.js';

describe('parseBudget', () => {
  it('reads bytes, sizes and percentages of the no-remat peak', () => {
    expect(parseBudget('1234', 1000)).toBe(1234);
    expect(parseBudget('12GB', 1000)).toBe(12e9);
    expect(parseBudget('512MiB', 1000)).toBe(512 * 1024 ** 2);
    expect(parseBudget('70%', 1000)).toBe(700);
    expect(parseBudget('100%', 123_456_789)).toBe(123_456_789);
    expect(parseBudget('33.5%', 1000)).toBe(335);
    // Rounds down: never more than the percentage allows.
    expect(parseBudget('50%', 3)).toBe(1);
    expect(parseBudget(2048.9, 1000)).toBe(2048);
    expect(parseBudget('0', 1000)).toBe(0);
  });

  it.each(['abc', '-5', '', '%', '70%%', '12XB', 'seventy%', '1e400'])(
    'rejects %p with a UsageError',
    (text) => {
      expect(() => parseBudget(text, 1000)).toThrow(UsageError);
    },
  );

  it('rejects negative and non-finite numbers', () => {
    expect(() => parseBudget(-1, 1000)).toThrow(UsageError);
    expect(() => parseBudget(Number.NaN, 1000)).toThrow(UsageError);
    expect(() => parseBudget(Number.POSITIVE_INFINITY, 1000)).toThrow(UsageError);
  });
});

describe('noRematPeak', () => {
  it('on unit linear chains is n + 2: all forward values, the loss and the first gradient', () => {
    for (const n of [1, 2, 5, 16]) expect(noRematPeak(toTopoGraph(linearChain(n)))).toBe(n + 2);
  });

  it('on VGG16 is at least the largest single activation and at most all outputs together', async () => {
    const topo = await loadShippedGraph(PAPER_VGG16);
    const peak = noRematPeak(topo);
    const all = topo.outputBytes.reduce((a, b) => a + b, 0);
    expect(peak).toBeGreaterThanOrEqual(Math.max(...topo.outputBytes));
    expect(peak).toBeLessThanOrEqual(all);
  });
});
