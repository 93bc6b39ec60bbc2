#!/usr/bin/env bash
# Load on loopback: starts the service (Release) on 127.0.0.1:5080, posts the scene photos with wrk at concurrency
# 1, 2, 8 and 32 (20 s each, after a warm-up of 256 requests), then at least 10,000 requests at concurrency 8 (in 60-s
# runs) while sampling the process's resident memory every second; prints one RESULT line per run, the memory samples,
# the server's own counts and its 5xx answers. Stops the service at the end. Levels "none" skips to the memory run.
#
# The memory run starts after a warm-up of its own (default 3000 requests at concurrency 8, not sampled): the pools of
# prediction engines, Kestrel's buffers and the GC's heaps grow to what the load needs first, and the run then shows
# whether memory keeps growing beyond that.
#
#   bash scripts/service-load.sh [scenes folder] [seconds per level, default 20] [requests of the memory run, default 10000] [levels, default "1 2 8 32"] [warm-up requests of the memory run, default 3000]
set -euo pipefail
cd "$(dirname "$0")/.."
scenes=$(realpath "${1:-../shared/datasets/scenes}")
seconds=${2:-20}
requests=${3:-10000}
levels=${4:-1 2 8 32}
warmup=${5:-3000}
url=http://127.0.0.1:5080
command -v wrk >/dev/null || { echo "Installing wrk ..." >&2; apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
bash scripts/install-deps.sh
dotnet build Plates.Service -c Release -nologo -v quiet >/dev/null

# As the Dockerfile runs it: two malloc arenas (README, "Service", memory). MALLOC_ARENA_MAX= (empty) for glibc's default.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-2}
[ -n "$MALLOC_ARENA_MAX" ] || unset MALLOC_ARENA_MAX
log=$(mktemp)
Plates.Service/bin/Release/net10.0/Plates.Service --urls "$url" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 60); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "$url/readyz" >/dev/null || { echo "error: the service did not become ready:" >&2; cat "$log" >&2; exit 1; }
echo "service pid $pid ready: $(curl -s "$url/readyz")"

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
script=scripts/load/post-scenes.lua
# Warm-up: the first recognitions JIT-compile the stages (about 0.8 s for the first photo).
wrk -t2 -c2 -d15s --timeout 10s -s $script "$url" -- "$scenes" >/dev/null
for c in $levels; do
  [ "$c" = none ] && continue
  t=$(( c < 2 ? 1 : 2 ))
  echo "concurrency $c: $(wrk -t$t -c$c -d${seconds}s --timeout 10s -s $script "$url" -- "$scenes" | grep RESULT)"
done

# run_until N NAME: 60-s wrk runs at concurrency 8 until N requests are answered; sets $answered.
run_until() {
  answered=0
  while [ "$answered" -lt "$1" ]; do
    line=$(wrk -t2 -c8 -d60s --timeout 10s -s $script "$url" -- "$scenes" | grep RESULT)
    answered=$(( answered + $(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line") ))
    echo "$2, $answered requests so far (resident $(rss) MB): $line"
  done
}
# No memory run asked for: the levels only.
[ "$requests" -gt 0 ] || warmup=0
run_until "$warmup" "memory run warm-up"

samples=$(mktemp)
( while kill -0 $pid 2>/dev/null; do echo "$(date +%s) $(rss)" >>"$samples"; sleep 1; done ) &
sampler=$!
before=$(rss)
run_until "$requests" "memory run"
done_requests=$answered
after=$(rss)
kill $sampler 2>/dev/null || true
n=$(wc -l <"$samples")
echo "resident memory (MB) over $done_requests requests: before $before, after $after; during: min $(sort -k2 -n "$samples" | head -1 | cut -d' ' -f2), max $(sort -k2 -n "$samples" | tail -1 | cut -d' ' -f2), by quarter $(awk -v n="$n" 'NR==1 || NR==int(n/4) || NR==int(n/2) || NR==int(3*n/4) || NR==n {printf "%s ", $2}' "$samples")"
rm -f "$samples"
echo "server counts: $(curl -s "$url/metrics" | grep -E '^plates_service_requests_total' | sed -E 's/.*outcome="([a-z_]+)".*\} ([0-9]+).*/\1=\2/' | tr '\n' ' ')"
# By route and status: the readiness probe answers 503 while the models load (the wait loop above asks it), by design.
echo "5xx answered by the server, by route and status:"
curl -s "$url/metrics" | grep -E '^http_server_request_duration_seconds_count.*http_response_status_code="5' \
  | sed -E 's/.*http_response_status_code="([0-9]+)".*http_route="([^"]*)".*\} ([0-9]+).*/  \2 \1: \3/' || true
grep -iE 'fail|exception' "$log" | head -20 | sed 's/^/  service log: /' || true
