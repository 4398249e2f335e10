#!/usr/bin/env bash
# Runs every test on both storage engines and ends with one line: "N passed, N failed".
# Provisions what the tests need by itself: a throwaway PostgreSQL cluster and a throwaway Redis, each on
# loopback on a free port and stopped again at the end, and Chromium for the browser tests; whatever is missing is
# installed with apt-get.
set -uo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d /tmp/open311-test.XXXXXX)
chmod 755 "$work"  # the postgres user reaches its data directory through it
as_root=false; [ "$(id -u)" -eq 0 ] && as_root=true

say() { echo "test.sh: $*" >&2; }

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_pg() { if $as_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
    local wanted=()
    [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || wanted+=(postgresql)
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null || wanted+=(redis-server)
    [ -x /usr/bin/chromium ] || wanted+=(chromium)  # the web's browser tests (Playwright drives Debian's Chromium)
    [ ${#wanted[@]} -eq 0 ] && return 0
    if ! $as_root; then say "missing ${wanted[*]}; install them (apt-get install ${wanted[*]}) or run as root"; return 1; fi
    say "installing ${wanted[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null && apt-get install -y -q "${wanted[@]}" >"$work/apt.log" 2>&1 \
        || { cat "$work/apt.log" >&2; return 1; }
}

free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    return 1
}

start_postgres() {
    local bin; bin=$(pg_bin)
    pg_dir="$work/pg"; mkdir -p "$pg_dir"
    $as_root && chown -R postgres:postgres "$pg_dir"
    as_pg "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$work/initdb.log" 2>&1 \
        || { cat "$work/initdb.log" >&2; return 1; }
    # A few tries: another run on this machine may take the free port first. No durability needed, so no fsync.
    for _ in 1 2 3; do
        pg_port=$(free_port) || return 1
        if as_pg "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 start -o \
            "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >/dev/null; then
            export OPEN311_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres"
            return 0
        fi
    done
    cat "$pg_dir/log" >&2
    return 1
}

start_redis() {
    for _ in 1 2 3; do
        redis_port=$(free_port) || return 1
        redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --save '' --appendonly no \
            --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work" || return 1
        for _ in $(seq 1 50); do
            if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
                export OPEN311_TEST_REDIS="127.0.0.1:$redis_port"
                return 0
            fi
            sleep 0.1
        done
    done
    cat "$work/redis.log" >&2
    return 1
}

stop_all() {
    [ -n "${pg_dir:-}" ] && [ -f "$pg_dir/data/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1
    [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
    rm -rf "$work"
}
trap stop_all EXIT

# Here every service a test needs is provisioned: a test that finds one missing fails instead of skipping.
export OPEN311_TEST_REQUIRE_SERVICES=1

passed=0; failed=0; rc=0
provisioned=true
{ install_missing && start_postgres && start_redis; } || { say "could not provision PostgreSQL, Redis and Chromium"; provisioned=false; }

sum() { grep -oE "$1" "$2" | grep -oE '[0-9]+' | awk '{s+=$1} END{print s+0}'; }

# Every test runs on SQLite; on PostgreSQL only those whose storage is the run's engine: tests marked
# [Trait("Storage", "none")] touch no database and "pinned" ones choose their engines themselves, so once is enough.
# Under test.sh every server is there, so nothing may be skipped: a skipped test counts as a failure.
for engine in sqlite postgres; do
    log="$work/$engine.log"
    filter=(); [ "$engine" = postgres ] && filter=(--no-build --filter 'Storage!=none&Storage!=pinned')
    if $provisioned; then
        say "running the tests on $engine"
        OPEN311_TEST_ENGINE=$engine dotnet test Open311.slnx "${filter[@]}" "$@" 2>&1 | tee "$log"
        pass_rc=${PIPESTATUS[0]}
    else
        : >"$log"; pass_rc=1
    fi
    p=$(sum 'Passed: +[0-9]+,' "$log")
    f=$(sum ' - Failed: +[0-9]+,' "$log")
    skipped=$(sum 'Skipped: +[0-9]+,' "$log")
    [ "$skipped" -gt 0 ] && { say "$engine: $skipped tests skipped; under test.sh nothing may be"; f=$((f + skipped)); }
    if [ "$pass_rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # a build or runner failure counts as a failure
    say "$engine: $p passed, $f failed"
    passed=$((passed + p)); failed=$((failed + f))
    [ "$pass_rc" -ne 0 ] && rc=$pass_rc
    [ "$f" -gt 0 ] && [ "$rc" -eq 0 ] && rc=1
done

echo "$passed passed, $failed failed"
exit "$rc"
