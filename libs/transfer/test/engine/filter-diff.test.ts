import { createKeyFilter } from '../../src/engine/filter.js';
import { compareByMetadata, planSync } from '../../src/engine/diff.js';

describe('createKeyFilter', () => {
  it('keeps keys matching an include and no exclude', () => {
    const keep = createKeyFilter(['**/*.json', '*.txt'], ['tmp/**']);
    expect(keep('a.txt')).toBe(true);
    expect(keep('deep/dir/x.json')).toBe(true);
    expect(keep('tmp/x.json')).toBe(false);
    expect(keep('deep/a.txt')).toBe(false);
    expect(createKeyFilter()('anything/.hidden')).toBe(true);
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
