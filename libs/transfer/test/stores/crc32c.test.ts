import { randomBytes } from 'node:crypto';
import { CRC32C } from '@google-cloud/storage';
import { Crc32c, crc32cBase64 } from '../../src/stores/crc32c.js';

describe('Crc32c', () => {
  it('matches the RFC 3720 check value', () => {
    expect(Buffer.from(crc32cBase64(Buffer.from('123456789')), 'base64').readUInt32BE()).toBe(
      0xe3069283,
    );
    expect(crc32cBase64(Buffer.alloc(0))).toBe('AAAAAA==');
  });

  it('agrees with the GCS SDK when fed in uneven pieces', () => {
    const data = randomBytes(300_001);
    const ours = new Crc32c();
    const sdk = new CRC32C();
    for (let at = 0; at < data.length; at += 7_777) {
      ours.update(data.subarray(at, at + 7_777));
    }
    sdk.update(data);
    expect(ours.toString()).toBe(sdk.toString());
    expect(ours.validate(sdk.toString())).toBe(true);
  });
});
