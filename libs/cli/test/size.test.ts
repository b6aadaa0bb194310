import { formatBytes, parseSize, UsageError } from '../src/index.js';

describe('parseSize', () => {
  it.each([
    ['1234', 1234],
    ['12GB', 12e9],
    ['512MiB', 512 * 1024 ** 2],
    ['1.5 TB', 1.5e12],
    ['2k', 2048],
    ['0', 0],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'GB', '12 parsecs', '-5MB', '1e999'])('rejects %j with a usage error', (text) => {
    expect(() => parseSize(text, 'budget')).toThrow(UsageError);
  });

  it('names the flag and the fix in one line', () => {
    expect(() => parseSize('12 parsecs', '--budget')).toThrow(/--budget '12 parsecs' has an unknown unit/);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB');
  });
});
