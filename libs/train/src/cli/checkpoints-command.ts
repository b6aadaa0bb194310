import type { CommandModule } from 'yargs';
import { FailureError, formatBytes, printJson, printLine } from '@strata/cli';
import {
  CheckpointCorruptError,
  listCheckpoints,
  loadCheckpoint,
  readManifest,
  type CheckpointState,
} from '../checkpoint/loader.js';
import { displayKey, openCheckpointLocation } from '../checkpoint/location.js';

interface LsArgs {
  uri: string;
  verify?: boolean;
  json?: boolean;
}

interface Row {
  step: number;
  folder: string;
  /**
   * complete: committed (with --verify: and every shard verifies); damaged: has a manifest but
   * cannot be used (reason says why); partial: no manifest (a write that never committed).
   */
  state: CheckpointState;
  verified: boolean;
  bytes: number | null;
  createdAt: string | null;
  loss: number | null;
  reason?: string;
}

const lsCommand: CommandModule<object, LsArgs> = {
  command: 'ls <uri>',
  describe: 'List the checkpoints under a URI, newest first, with their state',
  builder: (yargs) =>
    yargs
      .positional('uri', {
        type: 'string',
        demandOption: true,
        describe: 'The --checkpoint URI of a run',
      })
      .option('verify', { type: 'boolean', describe: 'Read every shard and check its SHA-256' }),
  handler: async (argv) => {
    const location = await openCheckpointLocation(argv.uri);
    const { store } = location;
    const rows: Row[] = [];
    try {
      for (const entry of await listCheckpoints(store, location.prefix)) {
        const folder = displayKey(location, entry.folder);
        const row: Row = {
          step: entry.step,
          folder,
          state: 'partial',
          verified: false,
          bytes: null,
          createdAt: null,
          loss: null,
        };
        rows.push(row);
        if (!entry.complete) continue;
        try {
          const manifest = argv.verify
            ? (await loadCheckpoint(store, entry.folder, folder)).manifest
            : await readManifest(store, entry.folder, folder);
          const loss = manifest.state['loss'];
          Object.assign(row, {
            state: 'complete',
            verified: argv.verify === true,
            bytes: manifest.shards.reduce((sum, shard) => sum + shard.size, 0),
            createdAt: manifest.createdAt,
            loss: typeof loss === 'number' ? loss : null,
          });
        } catch (error) {
          if (!(error instanceof CheckpointCorruptError)) throw error;
          Object.assign(row, { state: 'damaged', reason: error.reason });
        }
      }
    } finally {
      await store.close?.();
    }
    if (argv.json) printJson({ uri: argv.uri, checkpoints: rows });
    else if (rows.length === 0) printLine(`no checkpoints under ${argv.uri}`);
    else {
      for (const row of rows) {
        const size = row.bytes === null ? '-' : formatBytes(row.bytes);
        const loss = row.loss === null ? '' : `  loss ${row.loss.toPrecision(6)}`;
        const state = row.verified ? 'complete, verified' : row.state;
        printLine(
          `step ${String(row.step).padStart(8)}  ${state.padEnd(18)}  ${size.padStart(10)}  ${row.createdAt ?? ''}${loss}${row.reason ? `  ${row.reason}` : ''}`,
        );
      }
    }
    if (!rows.some((row) => row.state === 'complete')) {
      const damaged = rows.filter((row) => row.state === 'damaged').length;
      const partial = rows.filter((row) => row.state === 'partial').length;
      throw new FailureError(
        rows.length === 0
          ? `no checkpoint under ${argv.uri}`
          : `no usable checkpoint under ${argv.uri} (${damaged} damaged, ${partial} partial)`,
      );
    }
  },
};

export const checkpointsCommand: CommandModule = {
  command: 'checkpoints <command>',
  describe: 'Inspect the checkpoints of a run',
  builder: (yargs) => yargs.command(lsCommand).demandCommand(1, 'Name a checkpoints command: ls'),
  handler: () => {},
};
