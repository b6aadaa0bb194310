import type { CommandModule } from 'yargs';
import { FailureError, formatBytes, printJson, printLine } from '@strata/cli';
import { openStore } from '@strata/transfer';
import { asPrefix } from '../checkpoint/format.js';
import {
  CheckpointCorruptError,
  listCheckpoints,
  loadCheckpoint,
  readManifest,
} from '../checkpoint/loader.js';

interface LsArgs {
  uri: string;
  verify?: boolean;
  json?: boolean;
}

interface Row {
  step: number;
  status: 'complete' | 'incomplete' | 'verified' | 'corrupt';
  bytes: number | null;
  createdAt: string | null;
  loss: number | null;
  problem?: string;
}

const lsCommand: CommandModule<object, LsArgs> = {
  command: 'ls <uri>',
  describe: 'List the checkpoints under a URI, newest first',
  builder: (yargs) =>
    yargs
      .positional('uri', {
        type: 'string',
        demandOption: true,
        describe: 'The --checkpoint URI of a run',
      })
      .option('verify', { type: 'boolean', describe: 'Read every shard and check its SHA-256' }),
  handler: async (argv) => {
    const { store, key } = await openStore(argv.uri);
    const rows: Row[] = [];
    try {
      for (const entry of await listCheckpoints(store, asPrefix(key))) {
        if (!entry.complete) {
          rows.push({
            step: entry.step,
            status: 'incomplete',
            bytes: null,
            createdAt: null,
            loss: null,
          });
          continue;
        }
        try {
          const manifest = argv.verify
            ? (await loadCheckpoint(store, entry.folder)).manifest
            : await readManifest(store, entry.folder);
          const loss = manifest.state['loss'];
          rows.push({
            step: entry.step,
            status: argv.verify ? 'verified' : 'complete',
            bytes: manifest.shards.reduce((sum, shard) => sum + shard.size, 0),
            createdAt: manifest.createdAt,
            loss: typeof loss === 'number' ? loss : null,
          });
        } catch (error) {
          if (!(error instanceof CheckpointCorruptError)) throw error;
          rows.push({
            step: entry.step,
            status: 'corrupt',
            bytes: null,
            createdAt: null,
            loss: null,
            problem: error.message,
          });
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
        printLine(
          `step ${String(row.step).padStart(8)}  ${row.status.padEnd(10)}  ${size.padStart(10)}  ${row.createdAt ?? ''}${loss}${row.problem ? `  ${row.problem}` : ''}`,
        );
      }
    }
    if (rows.some((row) => row.status === 'corrupt')) {
      throw new FailureError(
        `some checkpoints under ${argv.uri} do not verify (listed above as corrupt)`,
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
