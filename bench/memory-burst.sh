#!/usr/bin/env bash
# The server's resident memory (VmRSS) before and after a burst of large and hostile requests, and again after a
# pause: issue 10 asks that it return towards its baseline rather than grow without bound. A figure to read, never
# a timed assertion. Usage: bench/memory-burst.sh [rounds]   (SQLite in a temp folder; the Debug build is enough)
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
dll=src/Open311.Server/bin/Debug/net10.0/Open311.Server.dll
[ -f "$dll" ] || dotnet build -c Debug >/dev/null
work=$(mktemp -d); port=$((20000 + RANDOM % 30000))
export Open311__Storage__Engine=sqlite Open311__Storage__ConnectionString="Data Source=$work/open311.db"
export Open311__RateLimits__AnonymousPerMinute=1000000 Open311__RateLimits__KeyPerMinute=1000000
key=$(dotnet "$dll" keys create --name memory-burst | tail -n 1)
dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; tail -5 "$work/server.log" >&2; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$pid/status"; }
base="http://127.0.0.1:$port/open311/v2"
big=$(head -c 20000000 /dev/zero | tr '\0' 'a')  # a 20 MB field
printf 'description=%s' "$big" >"$work/big.form"
ids=$(seq -s, 1 5000)
for i in $(seq 1 50); do curl -s "$base/requests.json" >/dev/null; done  # warm
echo "after warm-up: $(rss)"
for r in $(seq 1 "$rounds"); do
    for i in $(seq 1 20); do
        curl -s -o /dev/null "$base/requests.xml?service_request_id=$ids"
        curl -s -o /dev/null -X POST -H "Authorization: Bearer $key" --data-binary @"$work/big.form" \
            -H 'Content-Type: application/x-www-form-urlencoded' "$base/requests.json"
        curl -s -o /dev/null -X POST -H "Authorization: Bearer $key" -H 'Transfer-Encoding: chunked' --data-binary @"$work/big.form" \
            -H 'Content-Type: application/x-www-form-urlencoded' "$base/requests.json"
        curl -s -o /dev/null "$base/requests.json?q=pot%00hole&description=%ED%A0%80"
        curl -s -o /dev/null -X POST -H "Authorization: Bearer $key" --data "api_key=$key&service_code=PWPOTHOL&lat=30.26&long=-97.74&description=pothole%20$r-$i&attribute%5BPOTHSIZE%5D=large" "$base/requests.json"
    done
    echo "after burst $r: $(rss)"
done
sleep 10
echo "10 s later: $(rss)"
