/**
 * A pretrained encoder back from its checkpoint: the newest complete checkpoint under a URI, its
 * tokenizer and encoder settings from the task state, the query encoder's weights.
 */
import { UsageError } from '@strata/cli';
import { openStore } from '@strata/transfer';
import { loadLatestCheckpoint } from '@strata/train';
import { buildCodeEncoder, type CodeEncoder } from '../models/index.js';
import { UnigramTokenizer } from '../tokenizer/index.js';
import type { PretrainState } from './task.js';
import { restoreWeights } from './task.js';

export interface LoadedEncoder {
  step: number;
  model: string;
  encoder: CodeEncoder;
  tokenizer: UnigramTokenizer;
}

export async function loadPretrainedEncoder(
  uri: string,
  warn: (line: string) => void,
): Promise<LoadedEncoder> {
  const { store, key } = await openStore(uri);
  let checkpoint;
  try {
    checkpoint = await loadLatestCheckpoint(
      store,
      key === '' || key.endsWith('/') ? key : `${key}/`,
      warn,
    );
  } finally {
    await store.close?.();
  }
  if (!checkpoint) {
    throw new UsageError(
      `no complete checkpoint under ${uri}: give the --checkpoint URI of a 'strata code pretrain' run`,
    );
  }
  const run = checkpoint.manifest.state['run'] as { model?: unknown } | undefined;
  const model = typeof run?.model === 'string' ? run.model : '';
  const task = checkpoint.manifest.state['task'] as PretrainState | undefined;
  if (!model.startsWith('contracode-') || !task?.encoder || !task.tokenizer) {
    throw new UsageError(
      `the checkpoint under ${uri} holds ${model || 'an unknown model'}, not a ContraCode encoder: give the --checkpoint URI of a 'strata code pretrain' run`,
    );
  }
  const tokenizer = UnigramTokenizer.fromJSON(task.tokenizer);
  const encoder = buildCodeEncoder(task.encoder, 0, 'query');
  try {
    restoreWeights(
      encoder,
      { tensors: checkpoint.tensors, state: task as unknown as Record<string, unknown> },
      'query',
    );
  } catch (error) {
    encoder.dispose();
    throw error;
  }
  return { step: checkpoint.step, model, encoder, tokenizer };
}
