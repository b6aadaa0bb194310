#!/usr/bin/env bash
# Bundles strata-transfer-main.ts (the transfer command, no umbrella) into one JS file with
# esbuild, as a release build would: no tsx compiling TypeScript at every start. Prints the path.
# The bundle lives under node_modules/.cache so its external packages resolve from the repo.
# Split into chunks: what a command imports lazily (the S3 and GCS stores and their SDKs) is
# parsed only when used; one 4.5 MB file cost ~0.06 s of CPU more per start (local→local cp).
# Usage: build-bundle.sh [REPO [OUT_DIR]]: another checkout's engine (compare-engines.sh bundles an
# older commit with the same flags); default this repo, into node_modules/.cache/strata-bench.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../.." && pwd)
REPO=${1:-$HERE}
DIR=${2:-$REPO/node_modules/.cache/strata-bench}
OUT=$DIR/strata-transfer.mjs
# No rm -rf of $DIR first: a run in progress may still be loading chunks from it (names are
# content hashes, so stale chunks are only unused files).
"$HERE/node_modules/.bin/esbuild" "$REPO/benchmarks/transfer/strata-transfer-main.ts" \
  --bundle --platform=node --format=esm --target=node20 --log-level=error \
  --splitting --outdir="$DIR" --entry-names=strata-transfer --out-extension:.js=.mjs \
  --external:@node-rs/crc32 \
  --banner:js="import { createRequire as __strataRequire } from 'node:module'; const require = __strataRequire(import.meta.url);"
echo "$OUT"
