import { PassThrough, type Readable } from 'node:stream';

/**
 * The same bytes, but an error in the middle of the stream (a connection reset while reading)
 * arrives classified, like errors from the backend's calls: callers decide by class. (Not
 * `pipeline`: it would destroy the output with the raw error first.)
 */
export function classifiedStream(
  source: Readable,
  classify: (error: unknown) => unknown,
): Readable {
  const output = new PassThrough();
  source.on('error', (error: unknown) => {
    const classified = classify(error);
    output.destroy(classified as Error);
  });
  // A reader that stops early must not leave the connection open.
  output.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  source.pipe(output);
  return output;
}
