#!/usr/bin/env bash
# ContraCode pretraining benchmark: corpus from node_modules packages, four pretraining runs
# (BiLSTM and Transformer, MoCo and masked-LM), top-1 retrieval on held-out packages, and training
# throughput on cpu and wasm. Writes under $OUT (default /tmp/contracode-pretrain-bench).
#   bash benchmarks/contracode-pretrain/run.sh corpus|train|evaluate|throughput
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/contracode-pretrain-bench}
STEPS=${STEPS:-3000}
mkdir -p "$OUT"
SMALL=(--batch-size 16 --width 32 --sequence-length 48 --learning-rate 0.001 --seed 1)
# MoCo for a short run: a key encoder that moves (results.md says why) and a queue of 256.
MOCO=(--momentum 0.99 --queue-size 256)
machine() { { date -u; nproc; free -h; uptime; } > "$OUT/machine-$1.txt"; }

case "${1:-}" in
  corpus)
    # The packages listed in results.md, linked into one directory; 60/0/40 so the held-out split has
    # more than 1,001 functions with a variant.
    mkdir -p "$OUT/nm"
    for p in $(cat benchmarks/contracode-pretrain/packages.txt); do
      [ -d "node_modules/$p" ] && ln -sfn "$PWD/node_modules/$p" "$OUT/nm/$p"
    done
    machine corpus
    npx strata code corpus build --from "$OUT/nm" --out "$OUT/corpus" --variants 1 --split 60/0/40 --workers 2 --seed 1
    ;;
  train)
    machine train
    for e in bilstm transformer; do for o in moco mlm; do
      extra=(); [ $o = moco ] && extra=("${MOCO[@]}")
      npx strata code pretrain --corpus "$OUT/corpus" --encoder $e --objective $o --checkpoint "$OUT/$e-$o" \
        --steps "$STEPS" "${SMALL[@]}" "${extra[@]}" --backend wasm --checkpoint-every 50 --keep-last 100 \
        --metrics "$OUT/$e-$o.jsonl" --resume > "$OUT/$e-$o.log" 2>&1 &
    done; done
    wait
    ;;
  evaluate)
    # STEP=N compares every run at the same step (its checkpoint must exist: every 50 steps are kept).
    machine evaluate
    runs=()
    for r in bilstm-moco bilstm-mlm transformer-moco transformer-mlm; do
      if [ -n "${STEP:-}" ]; then
        c=$(printf 'ckpt-%012d' "$STEP"); rm -rf "$OUT/eval/$r-$STEP"; mkdir -p "$OUT/eval/$r-$STEP"
        cp -r "$OUT/$r/$c" "$OUT/eval/$r-$STEP/"; runs+=("$OUT/eval/$r-$STEP")
      else runs+=("$OUT/$r"); fi
    done
    npx tsx benchmarks/contracode-pretrain/evaluate.ts --corpus "$OUT/corpus" --pool 1001 --pools 3 \
      "${runs[@]}" | tee "$OUT/retrieval.jsonl"
    ;;
  throughput)
    # Sequences per second of the training runs' settings (SMALL, MoCo as trained) from the metrics
    # timestamps of steps 2..N (step 1 includes warm-up). TP_STEPS (default 12) steps per run.
    machine throughput
    TP_STEPS=${TP_STEPS:-12}
    for b in cpu wasm; do for e in bilstm transformer; do
      rm -rf "$OUT/tp-$b-$e" "$OUT/tp-$b-$e.jsonl"
      npx strata code pretrain --corpus "$OUT/corpus" --encoder $e --objective moco --checkpoint "$OUT/tp-$b-$e" \
        --steps "$TP_STEPS" "${SMALL[@]}" "${MOCO[@]}" --backend $b --checkpoint-every 1000 --metrics "$OUT/tp-$b-$e.jsonl" \
        > "$OUT/tp-$b-$e.log" 2>&1 || echo "$b $e failed: $(grep '^strata:' "$OUT/tp-$b-$e.log" | tail -1)"
      node -e '
        const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
        const t = rows.map((r) => Date.parse(r.time));
        const s = (t[t.length - 1] - t[0]) / 1000;
        console.log(JSON.stringify({ run: process.argv[2], steps: rows.length - 1, seconds: s, seqPerSecond: (16 * (rows.length - 1)) / s }));
      ' "$OUT/tp-$b-$e.jsonl" "$b-$e" | tee -a "$OUT/throughput.jsonl" || true
    done; done
    ;;
  *) echo "usage: run.sh corpus|train|evaluate|throughput" >&2; exit 2 ;;
esac
