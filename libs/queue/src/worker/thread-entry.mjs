// Worker threads do not inherit the TypeScript loader of the thread that starts them (the strata
// binary runs through tsx), so each thread registers tsx itself before loading the handler runner.
import { register } from 'tsx/esm/api';

register();
await import('./job-thread.ts');
