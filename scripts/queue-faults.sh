#!/usr/bin/env bash
# Queue measurements on loopback with a fresh broker (bash scripts/broker.sh): throughput of 1 and 2 workers, a worker
# killed with SIGKILL in the middle of a run, the broker restarted in the middle of a run, and a corrupt photo among
# the others. Every run submits with `enqueue`, reads with `worker` processes and gathers with `collect`, then checks
# that each job id has exactly one result. Stops the workers and the broker at the end.
#
#   bash scripts/queue-faults.sh [scenes folder, default ../shared/datasets/scenes] [jobs of the fault runs, default 1000] [jobs of each throughput run, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
scenes=$(realpath "${1:-../shared/datasets/scenes}")
jobs=${2:-1000}
tp_jobs=${3:-$jobs}
svc=Plates.Service/bin/Release/net10.0/Plates.Service
work=$(mktemp -d)
workers=()
bash scripts/install-deps.sh
dotnet build Plates.Service -c Release -nologo -v quiet >/dev/null
bash scripts/broker.sh stop >/dev/null
bash scripts/broker.sh start
cleanup() {
  for w in "${workers[@]}"; do kill "$w" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash scripts/broker.sh stop >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Starts $1 worker processes reading $2 jobs at once each, and waits until every one consumes.
start_workers() {
  workers=()
  for i in $(seq 1 "$1"); do
    $svc worker --concurrency "$2" >"$work/worker-$i.log" 2>&1 &
    workers+=($!)
  done
  for i in $(seq 1 "$1"); do
    until grep -q "Consuming" "$work/worker-$i.log"; do sleep 0.2; done
  done
}
stop_workers() {
  for w in "${workers[@]}"; do kill -TERM "$w" 2>/dev/null || true; done
  for w in "${workers[@]}"; do wait "$w" 2>/dev/null || true; done
  workers=()
}
# Results published so far: those waiting in the results queue and those collect holds unacknowledged.
results_so_far() { bash scripts/broker.sh queues | awk '$1 == "plates.results" {print $2 + $3}'; }
wait_for_half() { until [ "$(results_so_far)" -ge $(( $1 / 2 )) ]; do sleep 1; done; }
# Checks the collected file: one line per job id of the run, none missing.
check() {
  local file=$1 run=$2 expected=$3
  local lines unique
  lines=$(wc -l <"$file")
  unique=$(grep -o "\"jobId\":\"$run-[0-9]*\"" "$file" | sort -u | wc -l)
  echo "  check: $lines line(s), $unique distinct job id(s) of run $run, $expected expected: $([ "$unique" -eq "$expected" ] && [ "$lines" -eq "$expected" ] && echo OK || echo MISMATCH)"
}

[ "$tp_jobs" -gt 0 ] && echo "== throughput: $tp_jobs photos (bytes in the messages), time from the first enqueue to the last result collected"
for setup in "1 1" "1 2" "2 1" "2 2"; do
  [ "$tp_jobs" -gt 0 ] || break
  set -- $setup
  start_workers "$1" "$2"
  run="tp$1x$2"
  start=$(date +%s.%N)
  $svc collect --out "$work/$run.jsonl" --expect "$tp_jobs" --idle 60 >"$work/collect.out" &
  collector=$!
  $svc enqueue "$scenes" --count "$tp_jobs" --run-id "$run" >/dev/null
  wait $collector
  end=$(date +%s.%N)
  stop_workers
  echo "  $1 worker(s) x $2 at once: $(awk -v s="$start" -v e="$end" -v n="$tp_jobs" 'BEGIN {printf "%.1f s, %.1f photos/s", e - s, n / (e - s)}'); $(cat "$work/collect.out")"
  check "$work/$run.jsonl" "$run" "$tp_jobs"
done

echo "== kill -9 of one of two workers in the middle of $jobs photos"
start_workers 2 1
run=kill
$svc collect --out "$work/$run.jsonl" --expect "$jobs" --idle 60 >"$work/collect.out" &
collector=$!
$svc enqueue "$scenes" --count "$jobs" --run-id "$run" >/dev/null
wait_for_half "$jobs"
kill -KILL "${workers[0]}"
echo "  killed worker pid ${workers[0]} with $(results_so_far) of $jobs results published"
wait $collector
stop_workers
echo "  $(cat "$work/collect.out")"
check "$work/$run.jsonl" "$run" "$jobs"

echo "== broker restarted in the middle of $jobs photos"
start_workers 2 1
run=restart
$svc enqueue "$scenes" --count "$jobs" --run-id "$run" >/dev/null
wait_for_half "$jobs"
echo "  restarting the broker with $(results_so_far) of $jobs results published"
bash scripts/broker.sh restart >/dev/null
echo "  broker back (queues kept); queues now (name, ready, unacknowledged): $(bash scripts/broker.sh queues | tr '\t\n' ' ;')"
$svc collect --out "$work/$run.jsonl" --expect "$jobs" --idle 60 >"$work/collect.out"
echo "  reconnections logged by the workers: $(cat "$work"/worker-*.log | grep -ci 'recover\|reconnect\|connection.*lost' || true)"
stop_workers
echo "  $(cat "$work/collect.out")"
check "$work/$run.jsonl" "$run" "$jobs"

echo "== a corrupt photo among the scenes"
mkdir -p "$work/mixed"
ln -s "$scenes"/*.jpg "$scenes"/*.JPG "$work/mixed/"
head -c 400 "$(ls "$scenes"/*.jpg | head -1)" >"$work/mixed/broken.jpg"
total=$(ls "$work/mixed" | wc -l)
start_workers 1 2
run=corrupt
$svc enqueue "$work/mixed" --run-id "$run" >/dev/null
$svc collect --out "$work/$run.jsonl" --dead "$work/$run.dead.jsonl" --expect "$total" --idle 60 >"$work/collect.out"
stop_workers
echo "  $(cat "$work/collect.out")"
echo "  dead letter: $(cat "$work/$run.dead.jsonl")"
check "$work/$run.jsonl" "$run" $((total - 1))
