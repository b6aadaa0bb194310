#!/usr/bin/env node
// `strata transfer` without the umbrella: the umbrella binary imports every lib's command module
// at start (several seconds here), which would swamp small transfers. Same command module, same
// flags, same exit codes (strata-transfer-main.ts), run from TypeScript through tsx; run.sh times
// the esbuild bundle of the same file (build-bundle.sh) and records both start-ups.
import { register } from 'tsx/esm/api';

register();
await import('./strata-transfer-main.ts');
