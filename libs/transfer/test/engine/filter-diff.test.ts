import { createKeyFilter } from '../../src/engine/filter.js';
import { compareByMetadata, planSync } from '../../src/engine/diff.js';

describe('createKeyFilter (rclone filtering semantics)', () => {
  it('matches a pattern without a leading / at the end of the key, whole path elements only', () => {
    const keep = createKeyFilter([], ['*.txt']);
    expect(keep('a.txt')).toBe(false);
    expect(keep('deep/dir/a.txt')).toBe(false);
    expect(keep('a.txt.bak')).toBe(true);
    const element = createKeyFilter([], ['file.jpg']);
    expect(element('directory/file.jpg')).toBe(false);
    expect(element('directory/afile.jpg')).toBe(true);
    expect(createKeyFilter([], ['b/c'])('a/b/c')).toBe(false);
  });

  it('anchors a pattern starting with / at the root; * stays in one element, ** crosses', () => {
    const anchored = createKeyFilter([], ['/file.jpg']);
    expect(anchored('file.jpg')).toBe(false);
    expect(anchored('directory/file.jpg')).toBe(true);
    const star = createKeyFilter([], ['/dir/*']);
    expect(star('dir/a')).toBe(false);
    expect(star('dir/sub/a')).toBe(true);
    expect(createKeyFilter([], ['/dir/**'])('dir/sub/a')).toBe(false);
    expect(createKeyFilter([], ['logs/'])('x/logs/2026/a.log')).toBe(false);
  });

  it('an include excludes everything no include matches; includes are tried before excludes', () => {
    const only = createKeyFilter(['*.json']);
    expect(only('x.json')).toBe(true);
    expect(only('deep/x.json')).toBe(true);
    expect(only('x.txt')).toBe(false);
    const both = createKeyFilter(['*.json'], ['tmp/**']);
    expect(both('tmp/x.json')).toBe(true); // first match wins, as rclone
    expect(both('tmp/x.txt')).toBe(false);
    expect(createKeyFilter()('anything/.hidden')).toBe(true);
  });

  it('--filter rules apply in order after includes and excludes', () => {
    const keep = createKeyFilter([], [], ['+ keep/*.log', '- *.log']);
    expect(keep('keep/a.log')).toBe(true);
    expect(keep('other/a.log')).toBe(false);
    expect(keep('a.txt')).toBe(true);
  });

  it('refuses an empty pattern or a malformed --filter rule', () => {
    expect(() => createKeyFilter([''])).toThrow(/--include needs a pattern/);
    expect(() => createKeyFilter([], ['  '])).toThrow(/--exclude needs a pattern/);
    expect(() => createKeyFilter([], [], ['*.log'])).toThrow(/'\+ PATTERN'/);
  });
});

describe('sync diff', () => {
  const md5a = '0cc175b9c0f1b6a831c399e269772661';
  const md5b = '92eb5ffee6ae2fec3ad71c777531578f';

  it('compares size first, then any checksum both sides know', () => {
    expect(
      compareByMetadata({ key: 'k', size: 1, md5: md5a }, { key: 'k', size: 2, md5: md5a }),
    ).toBe('different');
    expect(
      compareByMetadata({ key: 'k', size: 1, md5: md5a }, { key: 'k', size: 1, etag: `"${md5a}"` }),
    ).toBe('same');
    expect(
      compareByMetadata({ key: 'k', size: 1, md5: md5a }, { key: 'k', size: 1, etag: md5b }),
    ).toBe('different');
    expect(
      compareByMetadata(
        { key: 'k', size: 1, crc32c: 'AAAA' },
        { key: 'k', size: 1, crc32c: 'AAAA' },
      ),
    ).toBe('same');
    expect(
      compareByMetadata({ key: 'k', size: 1, etag: '18f-1' }, { key: 'k', size: 1, etag: '18f-1' }),
    ).toBe('unknown');
    expect(
      compareByMetadata(
        { key: 'k', size: 1, etag: `${md5a}-2` },
        { key: 'k', size: 1, etag: `${md5a}-2` },
      ),
    ).toBe('same');
  });

  it('plans copies, skips, checksum checks and deletions', () => {
    const plan = planSync(
      [
        { key: 'new', size: 1 },
        { key: 'same', size: 1, md5: md5a },
        { key: 'changed', size: 1, md5: md5a },
        { key: 'unknown', size: 1 },
      ],
      [
        { key: 'same', size: 1, md5: md5a },
        { key: 'changed', size: 1, md5: md5b },
        { key: 'unknown', size: 1 },
        { key: 'extra', size: 5 },
      ],
      { delete: true },
    );
    expect(plan.copy.map((o) => o.key)).toEqual(['new', 'changed']);
    expect(plan.skip.map((o) => o.key)).toEqual(['same']);
    expect(plan.verify.map((o) => o.source.key)).toEqual(['unknown']);
    expect(plan.delete.map((o) => o.key)).toEqual(['extra']);
    expect(planSync([], [{ key: 'extra', size: 5 }], { delete: false }).delete).toEqual([]);
  });
});
