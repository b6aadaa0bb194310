/** The loss curve of a pretraining run as SVG (vega-lite, rendered headless). */
import { readFile } from 'node:fs/promises';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '@strata/remat';

export interface LossPoint {
  step: number;
  loss: number;
  term: string;
}

/** Every step's loss terms from a metrics JSONL file (all lives of a resumed run). */
export async function readLossPoints(metricsFile: string): Promise<LossPoint[]> {
  const byStep = new Map<number, LossPoint[]>();
  for (const line of (await readFile(metricsFile, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const step = row['step'];
    if (typeof step !== 'number') continue;
    // A resumed run repeats the steps after its checkpoint: the last life's values count.
    byStep.set(step, lossTerms(step, row));
  }
  return [...byStep.keys()].sort((a, b) => a - b).flatMap((step) => byStep.get(step)!);
}

export function lossTerms(step: number, row: Record<string, unknown>): LossPoint[] {
  const points: LossPoint[] = [];
  for (const term of ['loss', 'moco', 'mlm']) {
    const value = row[term];
    if (typeof value === 'number' && Number.isFinite(value))
      points.push({ step, loss: value, term });
  }
  return points;
}

export async function lossCurveSvg(points: LossPoint[], title: string): Promise<string> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 560,
    height: 300,
    data: { values: points },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'Step' },
      y: { field: 'loss', type: 'quantitative', title: 'Loss', scale: { zero: false } },
      color: { field: 'term', type: 'nominal', title: 'Term' },
    },
  };
  return renderSvg(spec);
}
