#!/usr/bin/env bash
# Old engine against new, side by side: both bundled the same way (build-bundle.sh), one s3rver,
# the same data, every case run by both engines in turn (the order flips every round, so a load
# change hits both alike), ROUNDS rounds. See results.md ("Engine before/after").
# Usage: benchmarks/transfer/compare-engines.sh [OLD_REV=580bed9] [ROUNDS=2]
# BIG_MIB (default 1024) and SMALL_FILES (default 1000) size the data; BENCH_OUT the output dir;
# CASES="down-small up-small" runs only those cases (default: all).
# Writes $OUT/timings.tsv (case, engine, round, wall s, engine s) and $OUT/machine.txt, then prints
# the table (summarize-engines.mjs).
set -euo pipefail
OLD_REV=${1:-580bed9}
ROUNDS=${2:-2}
BIG_MIB=${BIG_MIB:-1024}
SMALL_FILES=${SMALL_FILES:-1000}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/strata-engine-compare}
OUT=${BENCH_OUT:-$REPO/benchmarks/transfer/out-engines}
OLD_TREE=$WORK/old-tree

rm -rf "$WORK"; mkdir -p "$WORK/data/small" "$WORK/runs" "$OUT" "$OLD_TREE"
TSV="$OUT/timings.tsv"; : > "$TSV"
{
  date -u +"%Y-%m-%dT%H:%M:%SZ"; nproc; free -h | sed -n 1,2p
  echo "uptime at start: $(uptime)"; node --version
  echo "old: $(git -C "$REPO" log -1 --format='%h %s' "$OLD_REV" | cut -c1-100)"
  echo "new: $(git -C "$REPO" log -1 --format='%h %s' HEAD | cut -c1-100) (+ uncommitted: $(git -C "$REPO" status --porcelain | wc -l) files)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

# --- the two engines, bundled alike --------------------------------------------------------------
# The old commit's sources, with this checkout's installed packages except the workspace links,
# which point into the old tree (they are relative links: copied as they are).
git -C "$REPO" archive "$OLD_REV" | tar -x -C "$OLD_TREE"
mkdir -p "$OLD_TREE/node_modules"
for entry in "$REPO"/node_modules/* "$REPO"/node_modules/.bin; do
  name=$(basename "$entry")
  [ "$name" = "@strata" ] || [ "$name" = ".cache" ] || ln -s "$entry" "$OLD_TREE/node_modules/$name"
done
cp -a "$REPO/node_modules/@strata" "$OLD_TREE/node_modules/@strata"
# Both bundles under this checkout's node_modules, so their external packages resolve alike.
OLD_BUNDLE=$("$REPO/benchmarks/transfer/build-bundle.sh" "$OLD_TREE" "$REPO/node_modules/.cache/strata-bench-old")
NEW_BUNDLE=$("$REPO/benchmarks/transfer/build-bundle.sh" "$REPO" "$REPO/node_modules/.cache/strata-bench-new")

want() { [ -z "${CASES:-}" ] || [[ " $CASES " == *" $1 "* ]]; }
# no 1 GiB case wanted: a 1 MiB stand-in (the seed upload still runs)
want up-1g || want down-1g || want local-1g || BIG_MIB=1

# --- data and server -----------------------------------------------------------------------------
source "$REPO/benchmarks/transfer/bench-setup.sh"
make_bench_data
start_bench_server
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1 AWS_ENDPOINT_URL="$EP"
export AWS_EC2_METADATA_DISABLED=true NODE_NO_WARNINGS=1

engine() { # engine <old|new> ARGS...
  local bundle=$OLD_BUNDLE; [ "$1" = new ] && bundle=$NEW_BUNDLE
  shift; node "$bundle" transfer "$@" --state-dir "$WORK/state" --json
}
# time_run <case> <engine> <round> ARGS...: wall seconds and the engine's own (--json "seconds")
time_run() {
  local case=$1 which=$2 round=$3; shift 3
  sync
  local start end
  start=$(date +%s.%N)
  if ! engine "$which" "$@" > "$WORK/last.out" 2> "$WORK/last.err"; then
    echo "FAILED: $case $which $round: $(tail -3 "$WORK/last.err")" >&2
    printf '%s\t%s\t%s\tNaN\tNaN\n' "$case" "$which" "$round" >> "$TSV"; return 0
  fi
  end=$(date +%s.%N)
  local own; own=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).seconds)' "$WORK/last.out")
  printf '%s\t%s\t%s\t%s\t%s\n' "$case" "$which" "$round" "$(echo "$end - $start" | bc)" "$own" | tee -a "$TSV"
}

# the objects every download reads (uploaded once, by the new engine)
engine new cp "$WORK/data/big.bin" s3://bench/seed/big.bin > /dev/null
engine new cp -r "$WORK/data/small" s3://bench/seed/small/ > /dev/null

for round in $(seq 1 "$ROUNDS"); do
  order="old new"; [ $((round % 2)) = 0 ] && order="new old"
  echo "round $round ($order), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
  want up-1g && for which in $order; do time_run up-1g "$which" "$round" cp "$WORK/data/big.bin" "s3://bench/$which/$round/big.bin"; done
  want down-1g && for which in $order; do rm -f "$WORK/down-big.bin"
    time_run down-1g "$which" "$round" cp s3://bench/seed/big.bin "$WORK/down-big.bin"; done
  rm -f "$WORK/down-big.bin"
  want up-small && for which in $order; do time_run up-small "$which" "$round" cp -r "$WORK/data/small" "s3://bench/$which/$round/small/"; done
  want down-small && for which in $order; do time_run down-small "$which" "$round" cp -r s3://bench/seed/small/ "$WORK/runs/down-small-$which-$round/"; done
  want local-1g && for which in $order; do rm -f "$WORK/ll-big.bin"
    time_run local-1g "$which" "$round" cp "$WORK/data/big.bin" "$WORK/ll-big.bin"; done
  rm -f "$WORK/ll-big.bin"
  want local-small && for which in $order; do time_run local-small "$which" "$round" cp -r "$WORK/data/small" "$WORK/runs/ll-$which-$round/"; done
  want sync-noop && for which in $order; do time_run sync-noop "$which" "$round" sync "$WORK/data/small" "s3://bench/seed/small/"; done
  true
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
node "$REPO/benchmarks/transfer/summarize-engines.mjs" "$TSV" | tee "$OUT/summary.md"
