import { parentPort } from 'node:worker_threads';
import type { JobHandlerModule } from '../handler.js';
import type { ThreadRequest, ThreadResponse } from './thread-protocol.js';

const modules = new Map<string, Promise<JobHandlerModule>>();

async function run(request: ThreadRequest): Promise<ThreadResponse> {
  try {
    let loaded = modules.get(request.specifier);
    if (!loaded) {
      loaded = import(request.specifier) as Promise<JobHandlerModule>;
      modules.set(request.specifier, loaded);
    }
    const handler = (await loaded).jobHandlers?.[request.kind];
    if (!handler) throw new Error(`${request.specifier} has no handler for job kind '${request.kind}'`);
    return { ok: true, output: await handler(request.input, request.params) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const port = parentPort;
if (!port) throw new Error('job-thread.ts runs only as a worker thread');
port.on('message', (request: ThreadRequest) => {
  void run(request).then((response) => port.postMessage(response));
});
