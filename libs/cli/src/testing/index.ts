// Test helpers for every library's tests (`@strata/cli/testing`): never imported by sources.
export * from './shared-data.js';
export { runCommand, type RunCommandOptions } from './run-command.js';
