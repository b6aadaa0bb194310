# Sourced by run.sh and compare-engines.sh: the benchmark data (1 × BIG_MIB MiB, SMALL_FILES ×
# 100 KiB of random bytes under $WORK/data) and the S3 test server (s3rver with the project's fixes)
# on loopback; sets SERVER_PID and EP, and stops the server when the script exits.
# Needs REPO, WORK, BIG_MIB and SMALL_FILES.
make_bench_data() {
  head -c $((BIG_MIB * 1024 * 1024)) /dev/urandom > "$WORK/data/big.bin"
  for i in $(seq -w 0 $((SMALL_FILES - 1))); do head -c 102400 /dev/urandom > "$WORK/data/small/f$i.bin"; done
}

start_bench_server() {
  node --import tsx "$REPO/benchmarks/transfer/s3-server.mts" "$WORK/s3" > "$WORK/server.out" 2> "$WORK/server.err" &
  SERVER_PID=$!
  trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do [ -s "$WORK/server.out" ] && break; sleep 0.5; done
  EP=$(head -1 "$WORK/server.out")
}
