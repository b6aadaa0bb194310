import fc from 'fast-check';
import { choosePartSize, planObject, type PartLimits } from '../../src/engine/chunks.js';

const MiB = 1024 * 1024;
const s3Limits: PartLimits = {
  multipart: true,
  maxParts: 10_000,
  minPartSize: 5 * MiB,
  maxPartSize: 5 * 1024 * MiB,
};
const sizing = { multipartThreshold: 64 * MiB, partSize: 16 * MiB };

describe('planObject', () => {
  it('sends objects below the threshold whole', () => {
    const plan = planObject(
      { sourceKey: 'a', destinationKey: 'b', size: 64 * MiB - 1 },
      sizing,
      s3Limits,
    );
    expect(plan.multipart).toBe(false);
    expect(plan.chunks).toEqual([
      expect.objectContaining({
        offset: 0,
        length: 64 * MiB - 1,
        partNumber: 0,
        state: 'registered',
      }),
    ]);
  });

  it('never goes multipart when the destination cannot', () => {
    const plan = planObject({ sourceKey: 'a', destinationKey: 'b', size: 1024 * MiB }, sizing, {
      ...s3Limits,
      multipart: false,
    });
    expect(plan.chunks).toHaveLength(1);
  });

  it('splits large objects into contiguous numbered parts that cover every byte once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 64 * MiB, max: 5 * 1024 * 1024 * MiB }), (size) => {
        const plan = planObject({ sourceKey: 's', destinationKey: 'd', size }, sizing, s3Limits);
        expect(plan.multipart).toBe(true);
        expect(plan.chunks.length).toBeLessThanOrEqual(s3Limits.maxParts);
        // Plain checks in the loop (expect per chunk is slow for 10,000 chunks).
        let offset = 0;
        const last = plan.chunks.length - 1;
        const contiguous = plan.chunks.every((chunk, index) => {
          const ok =
            chunk.partNumber === index + 1 &&
            chunk.offset === offset &&
            chunk.length > 0 &&
            (index === last || chunk.length === plan.partSize);
          offset += chunk.length;
          return ok;
        });
        expect(contiguous).toBe(true);
        expect(offset).toBe(size);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses objects larger than maxParts x maxPartSize', () => {
    const size = s3Limits.maxParts * s3Limits.maxPartSize + 1;
    expect(() =>
      planObject({ sourceKey: 's', destinationKey: 'd', size }, sizing, s3Limits),
    ).toThrow('exceed');
  });

  it('raises the part size to whole MiB when the object would need too many parts', () => {
    expect(choosePartSize(1024 * 1024 * MiB, sizing, s3Limits)).toBe(105 * MiB);
    expect(choosePartSize(10 * MiB, { ...sizing, partSize: MiB }, s3Limits)).toBe(5 * MiB);
  });
});
