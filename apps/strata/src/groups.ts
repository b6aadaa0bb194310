import type { Argv, CommandModule } from 'yargs';
import { notYetBuilt } from '@strata/cli';

/**
 * Every verb group, in the order --help lists them. Each group's command module is imported only
 * when that group runs: the libraries pull in heavy SDKs (AWS, GCS, Babel, TF.js), and loading all
 * of them made every invocation, even `strata remat plan`, pay seconds of start-up for the others.
 */
export interface CommandGroup {
  readonly name: string;
  readonly describe: string;
  load(): Promise<CommandModule>;
}

export const commandGroups: readonly CommandGroup[] = [
  {
    name: 'remat',
    describe: 'Plan which activations to keep and which to recompute (Checkmate)',
    // The planners' verbs and the TF.js executor's (graph, run, max-batch) share the group; the
    // executor's modules load TF.js only in their handlers, so `remat plan` starts as fast as before.
    load: async () => {
      const [{ rematCommand }, { rematTfjsCommands }] = await Promise.all([
        import('@strata/remat/cli'),
        import('@strata/remat-tfjs/cli'),
      ]);
      return withSubcommands(rematCommand, rematTfjsCommands);
    },
  },
  {
    name: 'transfer',
    describe: 'Copy and sync between object stores (S3, GCS, local files)',
    load: async () => (await import('@strata/transfer/cli')).transferCommand,
  },
  {
    name: 'code',
    describe: 'Code transformations and corpora (ContraCode)',
    load: async () => (await import('@strata/contracode/cli')).codeCommand,
  },
  {
    name: 'train',
    describe: 'Train with asynchronous checkpoints, resume and a supervisor',
    load: async () => (await import('@strata/train/cli')).trainCommand,
  },
  {
    name: 'worker',
    describe: 'Run queued jobs from producers on any host (a Redis job queue)',
    load: async () =>
      (await import('@strata/queue/cli')).workerCommand({
        // Job kind → the module that handles it, imported in the worker's job threads when needed.
        'corpus.augment': '@strata/contracode/jobs',
        'remat.sweep-point': '@strata/remat/jobs',
      }) as CommandModule,
  },
  {
    name: 'pipeline',
    describe: 'Fetch data, plan memory, train (not built yet)',
    load: async () =>
      notYetBuilt('pipeline', 'Fetch data, plan memory, train', 'the pipeline issue'),
  },
];

/** `group` with more subcommands registered after its own (for verbs another library provides). */
function withSubcommands(group: CommandModule, extra: readonly CommandModule[]): CommandModule {
  return {
    ...group,
    builder: (yargs) => {
      const own = typeof group.builder === 'function' ? group.builder(yargs) : yargs;
      return extra.reduce((built, command) => built.command(command), own as Argv);
    },
  };
}

/** The command modules for a command line: the group it names, fully loaded; the others as a name and a line for --help. */
export async function commandsFor(args: readonly string[]): Promise<CommandModule[]> {
  const first = args.find((arg) => !arg.startsWith('-'));
  return Promise.all(
    commandGroups.map(async (group) =>
      group.name === first
        ? group.load()
        : ({
            command: `${group.name} <command>`,
            describe: group.describe,
            handler: () => {},
          } as CommandModule),
    ),
  );
}
