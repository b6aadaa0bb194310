export { workerCommand } from './worker-command.js';
export { runWorker, type WorkerOptions, type WorkerSummary } from '../worker/run-worker.js';
