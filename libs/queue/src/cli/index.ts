export { workerCommand } from './worker-command.js';
