import { linearChain, toTopoGraph, totalComputeCost, type TopoGraph } from '@strata/graph';
import { checkpointAllPlanner } from '../src/baselines/checkpoint-all.js';
import { checkpointLastPlanner } from '../src/baselines/checkpoint-last.js';
import { chenGreedyPlanner } from '../src/baselines/chen-greedy.js';
import { chenSqrtnPlanner } from '../src/baselines/chen-sqrtn.js';
import { revolvePlanner } from '../src/baselines/revolve.js';
import { noRematPeak } from '../src/budget.js';
import type { Planner } from '../src/plan-types.js';
import { simulate } from '../src/simulator/index.js';
import { hasSharedData } from '@strata/cli/testing';
import { loadCheckmateGraph, loadShippedGraph, PAPER_VGG16, VGG16 } from './fixtures/shared.js';

const BASELINES: [string, Planner][] = [
  ['checkpoint-all', checkpointAllPlanner],
  ['checkpoint-last', checkpointLastPlanner],
  ['chen-sqrtn', chenSqrtnPlanner],
  ['chen-greedy', chenGreedyPlanner],
  ['revolve', revolvePlanner],
];

const UNLIMITED = Number.MAX_SAFE_INTEGER;

// Checkmate's VGG16 where the shared data is present; Strata's own VGG16 export on every clone.
let checkmateVgg16: TopoGraph;
let vgg16: TopoGraph;
beforeAll(async () => {
  if (hasSharedData) checkmateVgg16 = await loadCheckmateGraph(VGG16);
  vgg16 = await loadShippedGraph(PAPER_VGG16);
});

const graphs = (): [string, TopoGraph][] => [
  ['chain n=3', toTopoGraph(linearChain(3))],
  ['chain n=8', toTopoGraph(linearChain(8))],
  ['chain n=16, cost 3, bytes 5', toTopoGraph(linearChain(16, { cost: 3, bytes: 5 }))],
  ['VGG16 (Strata export)', vgg16],
  ...(hasSharedData ? [['VGG16 (Checkmate)', checkmateVgg16] as [string, TopoGraph]] : []),
];

describe.each(BASELINES)('%s', (_name, planner) => {
  it('gives simulator-valid plans that compute every node at least once', async () => {
    for (const [, topo] of graphs()) {
      const output = await planner(topo, UNLIMITED, {});
      expect(output.plan).not.toBeNull();
      expect(output.optimal).toBe(false);
      const result = simulate(topo, output.plan!);
      expect(result.valid).toBe(true);
      expect(result.cost).toBeGreaterThanOrEqual(totalComputeCost(topo));
      expect(result.peakBytes).toBeLessThanOrEqual(noRematPeak(topo));
    }
  });

  it('answers no plan when its plan does not fit the budget', async () => {
    for (const [, topo] of graphs()) {
      const output = await planner(topo, 0, {});
      expect(output.plan).toBeNull();
      expect(output.status).toBe('over-budget');
    }
  });
});

describe('checkpoint-all', () => {
  it('recomputes nothing: overhead exactly 1 at the no-remat peak', async () => {
    for (const [, topo] of graphs()) {
      const output = await checkpointAllPlanner(topo, noRematPeak(topo), {});
      const result = simulate(topo, output.plan!);
      expect(result.cost / totalComputeCost(topo)).toBe(1);
      expect(result.peakBytes).toBe(noRematPeak(topo));
    }
  });
});

describe('checkpoint-last', () => {
  it('needs less memory than checkpoint-all and recomputes on a chain', async () => {
    const topo = toTopoGraph(linearChain(8));
    const result = simulate(topo, (await checkpointLastPlanner(topo, UNLIMITED, {})).plan!);
    expect(result.peakBytes).toBeLessThan(noRematPeak(topo));
    expect(result.cost).toBeGreaterThan(totalComputeCost(topo));
  });
});

describe('revolve on VGG16 (a chain-shaped forward pass)', () => {
  it('fits 70% of the no-remat peak with some recomputation', async () => {
    const budget = Math.floor(0.7 * noRematPeak(vgg16));
    const output = await revolvePlanner(vgg16, budget, {});
    expect(output.plan).not.toBeNull();
    const result = simulate(vgg16, output.plan!);
    expect(result.peakBytes).toBeLessThanOrEqual(budget);
    expect(result.cost).toBeGreaterThan(totalComputeCost(vgg16));
  });
});

describe('chen-sqrtn', () => {
  it('on a chain checkpoints every ⌊√n⌋-th forward node', async () => {
    const topo = toTopoGraph(linearChain(16));
    const plan = (await chenSqrtnPlanner(topo, UNLIMITED, {})).plan!;
    // Entering the loss stage (16), the retained forward values are the checkpoints 3, 7, 11 and the
    // loss's input 15 (itself a checkpoint).
    const retained = [...plan.S[16]!].flatMap((v, i) => (v === 1 && i < 16 ? [i] : []));
    expect(retained).toEqual([3, 7, 11, 15]);
  });
});

describe('chen-greedy', () => {
  it('never gets cheaper as the budget shrinks, and always fits it', async () => {
    const peak = noRematPeak(vgg16);
    let previous = 0;
    for (const percent of [100, 90, 80, 70, 65]) {
      const budget = Math.floor((peak * percent) / 100);
      const output = await chenGreedyPlanner(vgg16, budget, {});
      if (output.plan === null) break;
      const result = simulate(vgg16, output.plan);
      expect(result.peakBytes).toBeLessThanOrEqual(budget);
      expect(result.cost).toBeGreaterThanOrEqual(previous);
      previous = result.cost;
    }
    expect(previous).toBeGreaterThan(totalComputeCost(vgg16));
  });
});
