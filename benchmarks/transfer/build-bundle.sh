#!/usr/bin/env bash
# Bundles strata-transfer-main.ts (the transfer command, no umbrella) into one JS file with
# esbuild, as a release build would: no tsx compiling TypeScript at every start. Prints the path.
# The bundle lives under node_modules/.cache so its external packages resolve from the repo.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$REPO/node_modules/.cache/strata-bench/strata-transfer.mjs
"$REPO/node_modules/.bin/esbuild" "$REPO/benchmarks/transfer/strata-transfer-main.ts" \
  --bundle --platform=node --format=esm --target=node20 --outfile="$OUT" --log-level=error \
  --external:@node-rs/crc32 \
  --banner:js="import { createRequire as __strataRequire } from 'node:module'; const require = __strataRequire(import.meta.url);"
echo "$OUT"
