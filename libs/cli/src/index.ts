export { UsageError, FailureError, EXIT_FAILURE, EXIT_USAGE, exitCodeOf, oneLineMessage } from './errors.js';
export { parseSize, formatBytes } from './size.js';
export { printJson, printLine, createLogger, type GlobalOptions, type Logger } from './output.js';
export { createProgress, type Progress } from './progress.js';
export { notYetBuilt } from './not-yet-built.js';
export { mulberry32 } from './random.js';
