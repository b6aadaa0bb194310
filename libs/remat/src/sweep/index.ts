export { expandBudgets } from './budget-list.js';
export { runSweep, planSweepPoint, type SweepOptions, type SweepResult, type SweepRow } from './run-sweep.js';
export { renderSvg, sweepChartSpec, sweepCsv, sweepMarkdown } from './report.js';
export { writeSweepReport, type SweepFiles } from './write-report.js';
