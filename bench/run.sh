#!/usr/bin/env bash
# The benchmark, in one command: builds in Release, seeds a store (or reuses the one in bench/.cache),
# starts the server and the limit, drives both with wrk scenario by scenario, runs the micro-benchmarks,
# and rewrites the numbers in bench/RESULTS.md.
#
#   bench/run.sh [--engine sqlite|postgres] [--requests N] [--duration S] [--connections C] [--seed N] [--no-micro]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command="bench/run.sh $*"

engine=sqlite; micro=true; pass=()
while [ $# -gt 0 ]; do
    case "$1" in
        --engine) engine=$2; pass+=("$1" "$2"); shift 2 ;;
        --no-micro) micro=false; shift ;;
        *) pass+=("$1"); shift ;;
    esac
done

say() { echo "run.sh: $*" >&2; }

if ! command -v wrk >/dev/null; then
    say "installing wrk"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
fi

# Numbers taken while test suites run beside them say little: wait (ten minutes at most) for a quiet machine.
busy() { pgrep -f "dotnet test|testhost" >/dev/null || awk '{ exit !($1 >= 1.0) }' /proc/loadavg; }
for _ in $(seq 1 ${BENCH_WAIT_ROUNDS:-60}); do
    busy || break
    say "waiting for a quiet machine: no test run, a load average under 1 (now $(cut -d' ' -f1-3 /proc/loadavg))"
    sleep 10
done

say "building in Release"
for project in src/Open311.Server bench/Limit bench/Load bench/Micro; do
    dotnet build "$project" -c Release -v quiet -nologo >/dev/null
done

if [ "$engine" = postgres ]; then
    source bench/postgres.sh
    start_bench_postgres
    trap stop_bench_postgres EXIT
fi

dotnet bench/Load/bin/Release/net10.0/Open311.Bench.Load.dll --root "$root" --command "$command" "${pass[@]}"

if $micro; then
    say "micro-benchmarks"
    dotnet bench/Micro/bin/Release/net10.0/Open311.Bench.Micro.dll --root "$root"
fi
say "done: bench/RESULTS.md"
