import type { augment as augmentType, TransformName } from '../transforms/index.js';
import { languageOf } from './parse.js';
import { fromProgram, toProgram } from './program-form.js';
import type { AugmentedFunction, AugmentItem, AugmentTask } from './worker-protocol.js';

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

/**
 * The variants of a batch of functions: the CPU-heavy half of a corpus build, run in the build's
 * worker threads or, as a queued job, on any host. Deterministic: seeds travel with the items.
 */
export async function augmentBatch(task: AugmentTask): Promise<AugmentedFunction[]> {
  const augmented: AugmentedFunction[] = [];
  for (const item of task.items) augmented.push(await augmentItem(item, task));
  return augmented;
}
