import type { CommandModule } from 'yargs';
import { printJson, printLine } from '@strata/cli';
import {
  BACKEND_OPTION,
  MODEL_OPTION,
  SEED_OPTION,
  openModel,
  parseBatch,
  type ModelArgs,
} from './shared.js';

interface GraphArgs extends ModelArgs {
  batch: number;
  profile?: boolean;
  out: string;
}

export const graphCommand: CommandModule<object, GraphArgs> = {
  command: 'graph',
  describe:
    "Export a model's training graph (forward, loss, backward per layer) for remat plan and sweep",
  builder: (yargs) =>
    yargs
      .option('model', MODEL_OPTION)
      .option('batch', {
        type: 'number',
        demandOption: true,
        describe: 'Batch size the bytes are for',
      })
      .option('profile', {
        type: 'boolean',
        default: false,
        describe:
          'Cost nodes by timing them on the backend (median of 5 runs after a warm-up); default: FLOP estimates',
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'Graph file to write (Strata JSON)',
      })
      .option('backend', BACKEND_OPTION)
      .option('seed', SEED_OPTION)
      .example(
        '$0 remat graph --model builtin:unet --batch 8 --out unet.json',
        'Export the U-Net at batch 8',
      ),
  handler: async (argv) => {
    const batch = parseBatch(argv.batch);
    const { backend, model } = await openModel(argv);
    const tf = await import('@tensorflow/tfjs-core');
    const { importTrainingGraph } = await import('../import/training-graph.js');
    const { profileNodeCosts } = await import('../import/profile.js');
    const { toMappedGraphJson } = await import('../import/mapping.js');
    const { writeFileAtomic } = await import('@strata/transfer');
    let costs;
    if (argv.profile) {
      const sample = model.makeBatch(batch, argv.seed);
      try {
        costs = profileNodeCosts(model.model, model.loss, sample);
      } finally {
        tf.dispose([sample.xs, sample.ys]);
      }
    }
    const imported = importTrainingGraph(model.model, {
      batch,
      label: model.label,
      costs,
      backend,
    });
    await writeFileAtomic(argv.out, toMappedGraphJson(imported));
    const summary = {
      out: argv.out,
      model: model.label,
      batch,
      nodes: imported.graph.nodes.length,
      edges: imported.graph.edges.length,
      costSource: imported.mapping.costSource,
      backend,
    };
    if (argv.json) printJson(summary);
    else
      printLine(
        `wrote ${argv.out}: ${model.label} at batch ${batch}, ${summary.nodes} nodes, ${summary.edges} edges, costs ${argv.profile ? `profiled on ${backend}` : 'from FLOP estimates'}`,
      );
  },
};
