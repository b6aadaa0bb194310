/**
 * The writer's worker thread: owns its own connection to the store and runs `commitCheckpoint`
 * for each snapshot the training thread transfers (zero-copy) to it. Training JavaScript and
 * TF.js kernels never hold up the write, and the write never holds up a step.
 *
 *   in:  { type: 'commit', id, snapshot }     out: { type: 'event', event } ... { type: 'done', id, error? }
 */
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '@strata/transfer';
import {
  commitCheckpoint,
  describe,
  type CheckpointSnapshot,
  type CommitOptions,
} from './commit.js';
import { writerEventLine } from './event-lines.js';
import { asPrefix } from './format.js';

export interface WorkerSetup {
  entry: string;
  uri: string;
  echoToStderr: boolean;
  options: CommitOptions;
}

export type ToWorker =
  { type: 'commit'; id: number; snapshot: CheckpointSnapshot } | { type: 'close' };

const setup = workerData as WorkerSetup;
const port = parentPort!;
const opened = await openStore(setup.uri);
const prefix = asPrefix(opened.key);
let queue = Promise.resolve();

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    queue = queue.then(async () => {
      await opened.store.close?.();
      port.postMessage({ type: 'closed' }); // the main thread terminates us: sockets may linger
    });
    return;
  }
  const { id, snapshot } = message;
  queue = queue.then(() =>
    commitCheckpoint(opened.store, prefix, snapshot, setup.options, (event) => {
      const line = writerEventLine(event);
      // fd 2 directly: a worker's process.stderr is relayed through the (busy) main thread.
      if (setup.echoToStderr && !line.warning) writeSync(2, `${line.text}\n`);
      port.postMessage({ type: 'event', event });
    }).then(
      () => port.postMessage({ type: 'done', id }),
      (error: unknown) => port.postMessage({ type: 'done', id, error: describe(error) }),
    ),
  );
});
port.postMessage({ type: 'ready' });
