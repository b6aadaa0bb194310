import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { augment as augmentType, TransformName } from '../transforms/index.js';
import { extractFunctions } from './extract.js';
import { looksMinified } from './minified.js';
import { languageOf, parseSource, syntaxErrorLocation, syntaxErrorReason } from './parse.js';
import { fromProgram, toProgram } from './program-form.js';
import type {
  AugmentedFunction,
  AugmentItem,
  AugmentTask,
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

// Loaded on the first augmentation task: a build without variants never pays for terser and prettier.
let transforms: Promise<{ augment: typeof augmentType }> | undefined;

async function augmentItem(item: AugmentItem, task: AugmentTask): Promise<AugmentedFunction> {
  transforms ??= import('../transforms/index.js');
  const { augment } = await transforms;
  const result: AugmentedFunction = { id: item.id, variants: [], unchanged: 0, failed: 0, skipped: [], failures: [] };
  const program = toProgram(item.kind, item.source, item.name);
  const deadCodeSnippets = task.deadCodeSnippets.filter((snippet) => snippet !== program);
  for (const seed of item.seeds) {
    try {
      const output = await augment(program, {
        transforms: task.transforms as TransformName[] | 'all',
        seed,
        language: languageOf(item.filename),
        filename: item.filename,
        deadCodeSnippets,
      });
      for (const skip of output.skipped ?? []) {
        // One input problem is reported once per transform; count it once, without its position.
        const reason = skip.reason.replace(/\s*\(\d+:\d+\)\s*$/, '');
        if (!result.skipped.includes(reason)) result.skipped.push(reason);
      }
      const variant = output.changed ? fromProgram(item.kind, output.code, item.filename, item.name) : item.source;
      if (variant === undefined) {
        result.failed += 1;
        result.failures.push('the function could not be found in the transformed program');
      } else if (variant === item.source || result.variants.includes(variant)) {
        result.unchanged += 1;
      } else {
        result.variants.push(variant);
      }
    } catch (error) {
      result.failed += 1;
      result.failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  return result;
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
      const augmented: AugmentedFunction[] = [];
      for (const item of task.items) augmented.push(await augmentItem(item, task));
      result = augmented;
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
