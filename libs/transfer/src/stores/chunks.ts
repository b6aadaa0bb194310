/**
 * Cuts a stream into buffers of exactly `size` bytes (the last may be shorter). Used where a
 * backend must hold a whole part before sending it: memory stays at one part, and a source that
 * fails midway has not yet sent a partial request.
 */
export async function* fixedSizeChunks(
  source: AsyncIterable<Uint8Array | string>,
  size: number,
): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let chunk =
      typeof piece === 'string'
        ? Buffer.from(piece)
        : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (pendingBytes + chunk.length >= size) {
      const take = size - pendingBytes;
      pending.push(chunk.subarray(0, take));
      yield Buffer.concat(pending, size);
      chunk = chunk.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (chunk.length > 0) {
      pending.push(chunk);
      pendingBytes += chunk.length;
    }
  }
  yield Buffer.concat(pending, pendingBytes);
}
