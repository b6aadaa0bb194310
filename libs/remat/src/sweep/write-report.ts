import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSvg, sweepChartSpec, sweepCsv, sweepMarkdown } from './report.js';
import type { SweepResult } from './run-sweep.js';

export interface SweepFiles {
  csv: string;
  markdown: string;
  spec: string;
  svg: string;
}

/** Writes sweep.csv, sweep.md, sweep.vl.json and sweep.svg into `dir`; each file appears whole or not at all. */
export async function writeSweepReport(dir: string, result: SweepResult): Promise<SweepFiles> {
  const spec = sweepChartSpec(result);
  const contents: [keyof SweepFiles, string, string][] = [
    ['csv', 'sweep.csv', sweepCsv(result)],
    ['markdown', 'sweep.md', sweepMarkdown(result)],
    ['spec', 'sweep.vl.json', `${JSON.stringify(spec, null, 2)}\n`],
    ['svg', 'sweep.svg', await renderSvg(spec)],
  ];
  await mkdir(dir, { recursive: true });
  const files: Partial<SweepFiles> = {};
  for (const [key, name, text] of contents) {
    const path = join(dir, name);
    await writeFile(`${path}.tmp`, text);
    await rename(`${path}.tmp`, path);
    files[key] = path;
  }
  return files as SweepFiles;
}
