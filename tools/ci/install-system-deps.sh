#!/usr/bin/env bash
# System packages the tests and benchmarks use, from Debian. Idempotent; quiet when present.
set -euo pipefail
need=()
command -v git >/dev/null || need+=(git)
# The job-queue tests (libs/queue) start real Redis servers, on loopback and in network namespaces.
command -v redis-server >/dev/null || need+=(redis-server)
command -v ip >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "missing system packages: ${need[*]} (install them, or run as root)" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
