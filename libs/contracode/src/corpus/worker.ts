import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { augmentBatch } from './augment-batch.js';
import { extractFunctions } from './extract.js';
import { looksMinified } from './minified.js';
import { parseSource, syntaxErrorLocation, syntaxErrorReason } from './parse.js';
import type {
  AugmentedFunction,
  ExtractTask,
  FileExtraction,
  WorkerRequest,
  WorkerResponse,
} from './worker-protocol.js';

async function extractFile(file: ExtractTask['files'][number], task: ExtractTask): Promise<FileExtraction> {
  const empty = { functions: [], found: 0, tooShort: 0, tooLong: 0 };
  let source: string;
  try {
    source = await readFile(file.path, 'utf8');
  } catch (error) {
    return { path: file.path, outcome: 'unreadable', reason: String(error), ...empty };
  }
  if (looksMinified(source, file.path)) return { path: file.path, outcome: 'minified', ...empty };
  try {
    const ast = parseSource(source, file.path);
    return { path: file.path, outcome: 'parsed', ...extractFunctions(ast, source, task) };
  } catch (error) {
    // A syntax error, or a file nested too deeply for the parser's stack: skipped and counted.
    const where = syntaxErrorLocation(error);
    const reason = `${where ? `${where.line}:${where.column} ` : ''}${syntaxErrorReason(error)}`;
    return { path: file.path, outcome: 'unparsable', reason, ...empty };
  }
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  const { task, taskId } = request;
  const started = performance.now();
  try {
    let result: FileExtraction[] | AugmentedFunction[];
    if (task.kind === 'extract') {
      const extracted: FileExtraction[] = [];
      for (const file of task.files) extracted.push(await extractFile(file, task));
      result = extracted;
    } else {
      result = await augmentBatch(task);
    }
    return { taskId, ok: true, result, busyMs: performance.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { taskId, ok: false, error: message, busyMs: performance.now() - started };
  }
}

const port = parentPort;
if (!port) throw new Error('corpus/worker.ts runs only as a worker thread');
port.on('message', (request: WorkerRequest) => {
  void handle(request).then((response) => port.postMessage(response));
});
