// An empty job for the queue-overhead benchmark: its result is its input.
export const jobHandlers = {
  'bench.noop': (input: Uint8Array): Uint8Array => input,
};
