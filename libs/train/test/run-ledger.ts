/**
 * What a trainer run reported about its checkpoints, checked against what the store holds: no run
 * may report a checkpoint that is not there. Every committed step the run did not delete must be
 * complete and verify; a run that exited 0 must hold every step of its `kept:` list, its last
 * step among them.
 */
import { openStore } from '@strata/transfer';
import { asPrefix } from '../src/checkpoint/format.js';
import { listCheckpoints, loadCheckpoint } from '../src/checkpoint/loader.js';
import type { ChildRun } from './child-trainer.js';

export interface RunLedger {
  committed: number[];
  deleted: number[];
  /** Steps committed and not deleted afterwards, in the order of the log. */
  standing: number[];
  /** From the final line (`kept: 20, 30, 40`), when the run printed it. */
  kept: number[] | undefined;
}

export function ledgerOf(run: Pick<ChildRun, 'lines' | 'out'>): RunLedger {
  const steps = (pattern: RegExp): number[] =>
    run.lines.flatMap((line) => {
      const match = pattern.exec(line);
      return match ? [Number(match[1])] : [];
    });
  const standing = new Set<number>();
  for (const line of run.lines) {
    const committed = /^checkpoint: committed step (\d+)/.exec(line);
    const deleted = /^checkpoint: deleted step (\d+)/.exec(line);
    if (committed) standing.add(Number(committed[1]));
    if (deleted) standing.delete(Number(deleted[1]));
  }
  const keptLine = run.out.map((line) => /kept: ([\d, ]+)/.exec(line)).find(Boolean);
  return {
    committed: steps(/^checkpoint: committed step (\d+)/),
    deleted: steps(/^checkpoint: deleted step (\d+)/),
    standing: [...standing],
    kept: keptLine ? keptLine[1]!.split(',').map((step) => Number(step.trim())) : undefined,
  };
}

/** Steps of the complete checkpoints that verify under `uri`, newest first. */
export async function verifiedSteps(uri: string): Promise<number[]> {
  const { store, key } = await openStore(uri);
  try {
    const verified: number[] = [];
    for (const entry of await listCheckpoints(store, asPrefix(key))) {
      if (!entry.complete) continue;
      const ok = await loadCheckpoint(store, entry.folder).then(
        () => true,
        () => false,
      );
      if (ok) verified.push(entry.step);
    }
    return verified;
  } finally {
    await store.close?.();
  }
}

/** Fails (with what differs) unless the store holds what the run reported. */
export async function expectStoreHoldsReported(
  run: Pick<ChildRun, 'lines' | 'out'>,
  uri: string,
  exitCode: number | null,
): Promise<void> {
  const ledger = ledgerOf(run);
  const stored = await verifiedSteps(uri);
  const missing = ledger.standing.filter((step) => !stored.includes(step));
  expect({ uri, missing, stored }).toEqual({ uri, missing: [], stored });
  // A run that exits 0 having trained prints what it kept ("nothing to train" keeps nothing new).
  if (exitCode === 0 && run.out.some((line) => line.startsWith('trained steps'))) {
    expect({ uri, kept: ledger.kept }).toEqual({ uri, kept: expect.any(Array) });
    expect({ uri, missingKept: ledger.kept!.filter((step) => !stored.includes(step)) }).toEqual({
      uri,
      missingKept: [],
    });
  }
}
