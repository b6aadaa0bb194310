// Worker threads do not inherit the TypeScript loader of the thread that starts them (the strata
// binary and the benchmark run through tsx; jest through swc), so each worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
