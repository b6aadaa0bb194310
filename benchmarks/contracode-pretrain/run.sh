#!/usr/bin/env bash
# ContraCode pretraining benchmark: corpus from node_modules packages, four pretraining runs
# (BiLSTM and Transformer, MoCo and masked-LM), top-1 retrieval on held-out packages, and training
# throughput on cpu and wasm. Writes under $OUT (default /tmp/contracode-pretrain-bench).
#   bash benchmarks/contracode-pretrain/run.sh corpus|corpus4|train|train4|evaluate|throughput
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/contracode-pretrain-bench}
STEPS=${STEPS:-3000}
mkdir -p "$OUT"
SMALL=(--batch-size 16 --width 32 --sequence-length 48 --seed 1)
# MoCo for a short run: a key encoder that moves (results.md says why) and a queue of 256.
MOCO=(--momentum 0.99 --queue-size 256)
machine() { { date -u; nproc; free -h; uptime; } > "$OUT/machine-$1.txt"; }
# pretrain NAME CORPUS ENCODER OBJECTIVE LEARNING_RATE [STEPS]: one run to STEPS (default $STEPS),
# resuming where it stopped.
pretrain() {
  local extra=(); [ "$4" = moco ] && extra=("${MOCO[@]}")
  npx strata code pretrain --corpus "$2" --encoder "$3" --objective "$4" --checkpoint "$OUT/$1" \
    --steps "${6:-$STEPS}" "${SMALL[@]}" --learning-rate "$5" "${extra[@]}" --backend wasm \
    --checkpoint-every 50 --keep-last 100 --metrics "$OUT/$1.jsonl" --resume > "$OUT/$1.log" 2>&1
}

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
  corpus4)
    # The same tree, split and seed with 4 variants per function: the training split of the
    # 4-variant runs. A variant's seed depends on the corpus seed, the function and the variant's
    # index only, so the splits and each function's first variant are those of $OUT/corpus, which
    # stays the held-out evaluation set (its pools do not change with the variant count).
    machine corpus4
    npx strata code corpus build --from "$OUT/nm" --out "$OUT/corpus4" --variants 4 --split 60/0/40 --workers 2 --seed 1
    ;;
  train)
    # The first four runs (results.md's first table): learning rate 0.001, the 1-variant corpus.
    machine train
    for e in bilstm transformer; do for o in moco mlm; do
      pretrain "$e-$o" "$OUT/corpus" $e $o 0.001 &
    done; done
    wait
    ;;
  train4)
    # results.md's second table: the 4-variant corpus (run.sh corpus4), each run to the step it was
    # evaluated at: the BiLSTM at learning rate 0.0003, the Transformer at 0.001, two at a time (a run
    # takes one core); then the BiLSTM's MoCo rerun at 0.0003 on the 1-variant corpus.
    machine train4
    pretrain x4-bilstm-moco "$OUT/corpus4" bilstm moco 0.0003 3000 &
    pretrain x4-bilstm-mlm "$OUT/corpus4" bilstm mlm 0.0003 2000 &
    wait
    pretrain x4-transformer-moco "$OUT/corpus4" transformer moco 0.001 2000 &
    pretrain x4-transformer-mlm "$OUT/corpus4" transformer mlm 0.001 1050 &
    wait
    pretrain bilstm-moco-lr3e4 "$OUT/corpus" bilstm moco 0.0003 4000
    ;;
  evaluate)
    # STEP=N compares every run at the same step (its checkpoint must exist: every 50 steps are kept);
    # RUNS="a b" picks the runs, SPLIT=train asks the question of the training functions instead.
    machine evaluate
    runs=()
    for r in ${RUNS:-bilstm-moco bilstm-mlm transformer-moco transformer-mlm}; do
      if [ -n "${STEP:-}" ]; then
        c=$(printf 'ckpt-%012d' "$STEP"); rm -rf "$OUT/eval/$r-$STEP"; mkdir -p "$OUT/eval/$r-$STEP"
        cp -r "$OUT/$r/$c" "$OUT/eval/$r-$STEP/"; runs+=("$OUT/eval/$r-$STEP")
      else runs+=("$OUT/$r"); fi
    done
    npx tsx benchmarks/contracode-pretrain/evaluate.ts --corpus "$OUT/corpus" --pool 1001 --pools 3 \
      --split "${SPLIT:-test}" "${runs[@]}" | tee -a "$OUT/retrieval.jsonl"
    ;;
  throughput)
    # Sequences per second of the training runs' settings (SMALL, MoCo as trained) from the metrics
    # timestamps of steps 2..N (step 1 includes warm-up). TP_STEPS (default 12) steps per run.
    machine throughput
    TP_STEPS=${TP_STEPS:-12}
    for b in cpu wasm; do for e in bilstm transformer; do
      rm -rf "$OUT/tp-$b-$e" "$OUT/tp-$b-$e.jsonl"
      npx strata code pretrain --corpus "$OUT/corpus" --encoder $e --objective moco --checkpoint "$OUT/tp-$b-$e" \
        --steps "$TP_STEPS" "${SMALL[@]}" --learning-rate 0.001 "${MOCO[@]}" --backend $b --checkpoint-every 1000 --metrics "$OUT/tp-$b-$e.jsonl" \
        > "$OUT/tp-$b-$e.log" 2>&1 || echo "$b $e failed: $(grep '^strata:' "$OUT/tp-$b-$e.log" | tail -1)"
      node -e '
        const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
        const t = rows.map((r) => Date.parse(r.time));
        const s = (t[t.length - 1] - t[0]) / 1000;
        console.log(JSON.stringify({ run: process.argv[2], steps: rows.length - 1, seconds: s, seqPerSecond: (16 * (rows.length - 1)) / s }));
      ' "$OUT/tp-$b-$e.jsonl" "$b-$e" | tee -a "$OUT/throughput.jsonl" || true
    done; done
    ;;
  *) echo "usage: run.sh corpus|corpus4|train|train4|evaluate|throughput" >&2; exit 2 ;;
esac
