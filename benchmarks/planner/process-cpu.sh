#!/usr/bin/env bash
# Wall and CPU time (user + sys) of whole `strata transfer plan --json` processes on HiGHS, start-up
# included. On a loaded machine the wall time mostly measures the wait for a core; CPU time is what
# the process itself spends (close to its wall time on an idle machine: the planner runs on one thread).
#   bash benchmarks/planner/process-cpu.sh > benchmarks/planner/out/process-cpu.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "# $(nproc) cores; $(uptime)"
TIMEFORMAT='%R %U %S'
run() {
  local t
  t=$( { time node apps/strata/bin/strata.mjs transfer plan "$@" --json > /dev/null; } 2>&1 )
  read -r wall user sys <<< "$t"
  echo "$* | wall ${wall} s | cpu $(echo "$user + $sys" | bc) s"
}
node apps/strata/bin/strata.mjs transfer --help > /dev/null # the bundle is built once, outside the timings
run --src aws:us-east-1 --dst aws:us-west-2 --throughput 5 --instance-limit 2
run --src gcp:us-central1-a --dst aws:us-east-1 --throughput 10 --instance-limit 4
run --src azure:westus --dst aws:us-west-1 --throughput 7.5 --instance-limit 1
run --src aws:eu-west-1 --dst gcp:asia-northeast1-a --throughput 20 --instance-limit 4
run --src azure:koreacentral --dst gcp:northamerica-northeast2-a --throughput 15 --instance-limit 2
run --src gcp:europe-north1-a --dst gcp:us-west4-a --throughput 20 --instance-limit 4
run --src gcp:europe-north1-a --dst gcp:us-west4-a --throughput 20 --instance-limit 1
echo "# $(uptime)"
