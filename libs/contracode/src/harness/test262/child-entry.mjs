// The child is TypeScript and a forked process does not inherit its parent's loader (tsx for the
// script, swc under jest), so it registers tsx itself, as the corpus workers do.
import { register } from 'tsx/esm/api';

register();
await import('./child.ts');
