#!/usr/bin/env bash
# Issue 26, item 3: the review's decompression burst. A PNG of some 140 KB declaring 7000 x 7000 pixels is posted
# 8 times at once, then 4 posts of 5 such photos; the server's peak resident memory (VmHWM) is read before and after,
# and the home page is fetched every 50 ms meanwhile (its slowest and median answer). Figures to read, never a timed
# assertion. Usage: bench/photo-burst.sh [rounds]   (SQLite in a temp folder; the Debug build is enough)
# Extra settings pass through the environment, e.g. Open311__Photos__MaxPixels=50000000 for the old limit;
# OPEN311_DLL names another build of the server.
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
dll=${OPEN311_DLL:-src/Open311.Server/bin/Debug/net10.0/Open311.Server.dll}
[ -f "$dll" ] || dotnet build -c Debug >/dev/null
work=$(mktemp -d); port=$((20000 + RANDOM % 30000))
export Open311__Storage__Engine=sqlite Open311__Storage__ConnectionString="Data Source=$work/open311.db"
export Open311__RateLimits__AnonymousPerMinute=1000000 Open311__RateLimits__KeyPerMinute=1000000
key=$(dotnet "$dll" keys create --name photo-burst | tail -n 1)
dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
pid=$!
watcher=
trap 'kill $pid $watcher 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
python3 - "$work/bomb.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
w = h = 7000
z = zlib.compressobj(9); row = bytes(1 + 3 * w); idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
PY
echo "bomb: $(stat -c %s "$work/bomb.png") bytes, 7000 x 7000 pixels"
mem() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$pid/status"; echo; }
base="http://127.0.0.1:$port"
post() { curl -s -o /dev/null -w '%{http_code} ' -H "Authorization: Bearer $key" -F service_code=PWPOTHOL -F lat=30.2672 -F long=-97.7431 \
    -F 'attribute[POTHSIZE]=large' -F description=burst "$@" "$base/open311/v2/requests.json"; }
for i in $(seq 1 20); do curl -s -o /dev/null "$base/"; done  # warm
echo "after warm-up: $(mem)"
: >"$work/home.txt"
( while :; do curl -s -o /dev/null -w '%{time_total}\n' "$base/" >>"$work/home.txt"; sleep 0.05; done ) &
watcher=$!
for r in $(seq 1 "$rounds"); do
    echo -n "round $r, 8 posts of 1 photo: "
    posts=(); for i in $(seq 1 8); do post -F "media=@$work/bomb.png" & posts+=($!); done; wait "${posts[@]}"; echo
    echo -n "round $r, 4 posts of 5 photos: "
    five=(); for j in 1 2 3 4 5; do five+=(-F "media=@$work/bomb.png"); done
    posts=(); for i in $(seq 1 4); do post "${five[@]}" & posts+=($!); done; wait "${posts[@]}"; echo
    echo "after round $r: $(mem)"
done
kill $watcher 2>/dev/null; wait $watcher 2>/dev/null
sort -n "$work/home.txt" | awk '{ t[NR] = $1 } END { printf "home page during the bursts: %d answers, median %.0f ms, slowest %.0f ms\n", NR, t[int((NR + 1) / 2)] * 1000, t[NR] * 1000 }'
