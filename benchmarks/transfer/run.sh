#!/usr/bin/env bash
# Strata vs rclone vs aws-cli against one s3rver on this machine; see results.md.
# Usage: benchmarks/transfer/run.sh [runs=3]   (installs rclone, awscli, bc and time from Debian when missing)
# SWEEP=0 skips the defaults sweep, CEILING=0 the curl ceiling runs; BENCH_OUT picks the output dir;
# CASES="down-1g up-small" runs only those comparison cases (default: all).
# BIG_MIB (default 1024) and SMALL_FILES (default 1000) size the data: a quick end-to-end check is
#   BIG_MIB=24 SMALL_FILES=20 SWEEP=0 BENCH_OUT=/tmp/bench-check bash benchmarks/transfer/run.sh 1
# MP_PART_SIZE/MP_CONCURRENCY: the multipart ceiling's layout (default: Strata's, 64 MiB x 16).
# Writes raw timings to $OUT/timings.tsv (one line per run) and the machine to $OUT/machine.txt.
# Every timed run starts after `sync` (settle): no tool pays for the writeback of the run before it;
# and no tree of many files is deleted while timings run (see wait_for_old_inodes).
set -euo pipefail
# The peers come from Debian's packages; install them when missing (root, as on CI machines).
missing=()
command -v rclone >/dev/null || missing+=(rclone)
[ -x /usr/bin/aws ] || missing+=(awscli)
command -v bc >/dev/null || missing+=(bc)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
RUNS=${1:-3}
BIG_MIB=${BIG_MIB:-1024}
SMALL_FILES=${SMALL_FILES:-1000}
MP_PART_SIZE=${MP_PART_SIZE:-$((64 * 1024 * 1024))}   # engine/options.ts partSize
MP_CONCURRENCY=${MP_CONCURRENCY:-16}                   # engine/options.ts concurrency
export BIG_MIB SMALL_FILES   # summarize.mjs computes MB/s from them
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/strata-transfer-bench}
OUT=${BENCH_OUT:-$REPO/benchmarks/transfer/out}
AWS=/usr/bin/aws           # Debian's awscli, not a pyenv shim
# Strata is timed as built (esbuild bundle of the lean entry, see build-bundle.sh); the same entry
# through tsx and the umbrella binary are timed at start-up only.
STRATA="node $("$REPO/benchmarks/transfer/build-bundle.sh") transfer"
STRATA_TSX="node $REPO/benchmarks/transfer/strata-transfer.mjs transfer"
STRATA_FULL="node $REPO/apps/strata/bin/strata.mjs transfer"
# ext4 skips inodes freed in the last 60 s (300 s while their table block is dirty) when it
# allocates new ones (recently_deleted: ~30% of the server's CPU in a profile of 1000 small PUTs
# made right after an rm -rf of 1000 files), so a tree deleted just before a timed run taxes every
# file the next tool creates. Nothing with many files is deleted between timed runs: each run
# writes to its own directory (kept; the next run of this script deletes them), and an old work
# directory is deleted here, followed by a wait until its inodes are no longer "recent".
if [ -e "$WORK" ]; then rm -rf "$WORK"; sync; DELETED_AT=$(date +%s); else DELETED_AT=0; fi
mkdir -p "$WORK/data/small" "$WORK/runs" "$OUT"
TSV="$OUT/timings.tsv"; : > "$TSV"

# --- machine -------------------------------------------------------------------------------------
{
  date -u +"%Y-%m-%dT%H:%M:%SZ"; uname -a; nproc; free -m | sed -n 1,2p
  grep -m1 'model name' /proc/cpuinfo || true
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  node --version; rclone version | sed -n 1p; $AWS --version   # sed, not head: head exits early and rclone dies of SIGPIPE, which set -o pipefail turns into the end of the script
} > "$OUT/machine.txt" 2>&1

# --- data ----------------------------------------------------------------------------------------
source "$REPO/benchmarks/transfer/bench-setup.sh"
make_bench_data

# --- server --------------------------------------------------------------------------------------
start_bench_server
echo "s3rver at $EP"

export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true NODE_NO_WARNINGS=1
export RCLONE_CONFIG_S3_TYPE=s3 RCLONE_CONFIG_S3_PROVIDER=Other RCLONE_CONFIG_S3_ENDPOINT="$EP" \
  RCLONE_CONFIG_S3_ACCESS_KEY_ID=S3RVER RCLONE_CONFIG_S3_SECRET_ACCESS_KEY=S3RVER RCLONE_CONFIG_S3_REGION=us-east-1

# time_run <case> <tool> <run> <command...>: wall seconds to the TSV
time_run() {
  local case=$1 tool=$2 run=$3; shift 3
  local start end
  start=$(date +%s.%N)
  if ! "$@" > "$WORK/last.out" 2> "$WORK/last.err"; then
    echo "FAILED: $case $tool $run: $(tail -3 "$WORK/last.err")" >&2
    printf '%s\t%s\t%s\tNaN\n' "$case" "$tool" "$run" >> "$TSV"; return 0
  fi
  end=$(date +%s.%N)
  printf '%s\t%s\t%s\t%s\n' "$case" "$tool" "$run" "$(echo "$end - $start" | bc)" | tee -a "$TSV"
  # Strata's own --json summary times the transfer alone (no process start): kept as tool "strata-engine".
  if [ "$tool" = strata ] && grep -q '"seconds"' "$WORK/last.out"; then
    printf '%s\t%s\t%s\t%s\n' "$case" strata-engine "$run" "$(node -e 'const s=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(s.seconds)' "$WORK/last.out")" >> "$TSV"
  fi
}
# The comparison times the product as users run it: the umbrella `strata` binary (its own bundle,
# rebuilt when a source changes; built once here before any timing). The lean bundle is timed at
# start-up only.
$STRATA_FULL --help > /dev/null
strata() { AWS_ENDPOINT_URL="$EP" $STRATA_FULL "$@" --state-dir "$WORK/state"; }
rcl() { env -u AWS_CA_BUNDLE rclone "$@"; }   # rclone 1.60 refuses to start with AWS_CA_BUNDLE set
awsc() { env -u AWS_CA_BUNDLE $AWS --endpoint-url "$EP" "$@"; }

# settle: flush the previous run's dirty pages before the next timed run, so no tool pays for the
# writeback (or the `discard` of a deleted file) of the one before it
settle() { sync; }
# wait_for_old_inodes: until the work directory deleted at the start is 65 s in the past
wait_for_old_inodes() {
  local left=$(( DELETED_AT + 65 - $(date +%s) ))
  if [ "$left" -gt 0 ]; then echo "waiting ${left}s for the deleted work directory's inodes to age"; sleep "$left"; fi
}

# --- the server's own ceiling: raw HTTP with curl, no SDK, no checksums (CEILING=0 skips) ------
for f in $(ls "$WORK/data/small"); do   # keys with @RUN@ replaced per run: no object is overwritten
  printf 'upload-file = "%s"\nurl = "%s"\noutput = "/dev/null"\n' "$WORK/data/small/$f" "$EP/bench/ceiling/@RUN@/small/$f" >> "$WORK/ceiling-up-small.cfg"
  printf 'url = "%s"\noutput = "/dev/null"\n' "$EP/bench/ceiling/@RUN@/small/$f" >> "$WORK/ceiling-down-small.cfg"
done
wait_for_old_inodes
for r in $(seq 1 "$RUNS"); do
  [ "${CEILING:-1}" = 1 ] || break
  settle; time_run ceiling-up-1g curl "$r" curl -sf -o /dev/null -T "$WORK/data/big.bin" "$EP/bench/ceiling/big.bin"
  # the same bytes as one multipart upload made with curl, Strata's part size and parts in flight
  # (create..complete, timed by the script itself: splitting the file into parts is not timed)
  settle
  if mp=$("$REPO/benchmarks/transfer/ceiling-multipart.sh" "$EP" "bench/ceiling/mp-$r.bin" "$WORK/data/big.bin" \
      "$MP_PART_SIZE" "$MP_CONCURRENCY" "$WORK/parts" 2> "$WORK/last.err"); then
    printf '%s\t%s\t%s\t%s\n' ceiling-up-1g-multipart curl "$r" "$mp" | tee -a "$TSV"
  else
    echo "FAILED: ceiling-up-1g-multipart curl $r: $(tail -3 "$WORK/last.err")" >&2
    printf '%s\t%s\t%s\tNaN\n' ceiling-up-1g-multipart curl "$r" >> "$TSV"
  fi
  settle; time_run ceiling-down-1g curl "$r" curl -sf -o /dev/null "$EP/bench/ceiling/big.bin"
  # 1000 small PUTs, then GETs: one curl process, 32 requests at a time over kept-alive connections
  # (--parallel; one curl per object would time process start-ups, not the server)
  sed "s/@RUN@/$r/" "$WORK/ceiling-up-small.cfg" > "$WORK/ceiling-up-small-$r.cfg"
  sed "s/@RUN@/$r/" "$WORK/ceiling-down-small.cfg" > "$WORK/ceiling-down-small-$r.cfg"
  settle; time_run ceiling-up-small curl "$r" curl -sf -Z --parallel-max 32 -K "$WORK/ceiling-up-small-$r.cfg"
  settle; time_run ceiling-down-small curl "$r" curl -sf -Z --parallel-max 32 -K "$WORK/ceiling-down-small-$r.cfg"
done

# the objects every download reads (uploaded once, by Strata)
strata cp "$WORK/data/big.bin" s3://bench/seed/big.bin --json > /dev/null
strata cp -r "$WORK/data/small" s3://bench/seed/small/ --json > /dev/null

# --- defaults sweep (one run each): part size x concurrency, small-object concurrency ----------
if [ "${SWEEP:-1}" = 1 ]; then
  for pc in 16MiB:16 64MiB:8 64MiB:16; do ps=${pc%:*}; c=${pc#*:}
    time_run "sweep-up-1g-ps$ps-c$c" strata 1 strata cp "$WORK/data/big.bin" "s3://bench/sweep/$ps-$c.bin" --part-size $ps --concurrency $c --json
  done
  for so in 8 32 64; do
    time_run "sweep-up-small-so$so" strata 1 strata cp -r "$WORK/data/small" "s3://bench/sweep/small-$so/" --small-objects $so --json
  done
  for pc in 16MiB:16 64MiB:16 64MiB:4; do ps=${pc%:*}; c=${pc#*:}; rm -f "$WORK/sweep-big.bin"; settle
    time_run "sweep-down-1g-ps$ps-c$c" strata 1 strata cp s3://bench/seed/big.bin "$WORK/sweep-big.bin" --part-size $ps --concurrency $c --json
  done
  for so in 16 64; do settle
    time_run "sweep-down-small-so$so" strata 1 strata cp -r s3://bench/seed/small/ "$WORK/runs/sweep-small-$so/" --small-objects $so --json
  done
  rm -f "$WORK/sweep-big.bin"
fi

# the umbrella binary's start-up, for the record (imports every lib's command module)
for r in $(seq 1 "$RUNS"); do
  time_run startup strata-full "$r" $STRATA_FULL --help
  time_run startup strata-tsx "$r" $STRATA_TSX --help
  time_run startup strata "$r" $STRATA --help
done
want() { [ -z "${CASES:-}" ] || [[ " $CASES " == *" $1 "* ]]; }

# --- the comparison: 3 runs each, tools interleaved so load changes hit all of them alike -------
for r in $(seq 1 "$RUNS"); do
  if want up-1g; then
  settle; time_run up-1g strata "$r" strata cp "$WORK/data/big.bin" "s3://bench/strata/$r/big.bin" --json
  settle; time_run up-1g rclone "$r" rcl copyto "$WORK/data/big.bin" "s3:bench/rclone/$r/big.bin"
  settle; time_run up-1g aws "$r" awsc s3 cp --only-show-errors "$WORK/data/big.bin" "s3://bench/aws/$r/big.bin"
  fi

  want down-1g && for tool in strata rclone aws; do rm -rf "$WORK/down"; mkdir -p "$WORK/down"; settle   # one file: one inode
    case $tool in
      strata) time_run down-1g strata "$r" strata cp s3://bench/seed/big.bin "$WORK/down/big.bin" --json ;;
      rclone) time_run down-1g rclone "$r" rcl copyto s3:bench/seed/big.bin "$WORK/down/big.bin" ;;
      aws) time_run down-1g aws "$r" awsc s3 cp --only-show-errors s3://bench/seed/big.bin "$WORK/down/big.bin" ;;
    esac
  done

  if want up-small; then
  settle; time_run up-small strata "$r" strata cp -r "$WORK/data/small" "s3://bench/strata/$r/small/" --json
  settle; time_run up-small rclone "$r" rcl copy "$WORK/data/small" "s3:bench/rclone/$r/small"
  settle; time_run up-small aws "$r" awsc s3 cp --only-show-errors --recursive "$WORK/data/small" "s3://bench/aws/$r/small/"
  fi

  want down-small && for tool in strata rclone aws; do d="$WORK/runs/down-small-$tool-$r"; mkdir -p "$d"; settle
    case $tool in
      strata) time_run down-small strata "$r" strata cp -r s3://bench/seed/small/ "$d/" --json ;;
      rclone) time_run down-small rclone "$r" rcl copy s3:bench/seed/small "$d" ;;
      aws) time_run down-small aws "$r" awsc s3 cp --only-show-errors --recursive s3://bench/seed/small/ "$d/" ;;
    esac
  done

  # local → local against cp -r (page cache warm for both)
  want local || continue
  settle; time_run local-1g cp "$r" cp "$WORK/data/big.bin" "$WORK/ll-big.bin"
  rm -f "$WORK/ll-big.bin"; settle; time_run local-1g strata "$r" strata cp "$WORK/data/big.bin" "$WORK/ll-big.bin" --json
  rm -f "$WORK/ll-big.bin"; settle; time_run local-1g rclone "$r" rcl copyto "$WORK/data/big.bin" "$WORK/ll-big.bin"
  rm -f "$WORK/ll-big.bin"
  settle; time_run local-small cp "$r" cp -r "$WORK/data/small" "$WORK/runs/ll-cp-$r"
  settle; time_run local-small strata "$r" strata cp -r "$WORK/data/small" "$WORK/runs/ll-strata-$r" --json
  settle; time_run local-small rclone "$r" rcl copy "$WORK/data/small" "$WORK/runs/ll-rclone-$r"
done

# peak RSS of one Strata 1 GiB upload (streaming: far below the 1 GiB file)
want up-1g && /usr/bin/time -v -o "$OUT/strata-up-1g-time.txt" env AWS_ENDPOINT_URL="$EP" $STRATA_FULL cp "$WORK/data/big.bin" s3://bench/rss/big.bin --state-dir "$WORK/state" --json > /dev/null || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
node "$REPO/benchmarks/transfer/summarize.mjs" "$TSV" > "$OUT/summary.md"
cat "$OUT/summary.md"
