# The benchmark's PostgreSQL (sourced by run.sh): a cluster of its own in bench/.cache/pg, kept between
# runs so that the seeded database is seeded once, started on a free loopback port for the run and
# stopped after it. Unlike test.sh's throwaway cluster it is durable (fsync and synchronous commit on,
# the defaults), since the benchmark counts durable creations.

bench_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bench_as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

start_bench_postgres() {
    if [ -z "$(bench_pg_bin)" ]; then
        echo "run.sh: installing postgresql" >&2
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    fi
    local bin; bin=$(bench_pg_bin)
    bench_pg_dir="$root/bench/.cache/pg"
    mkdir -p "$bench_pg_dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$bench_pg_dir"
    if [ ! -f "$bench_pg_dir/data/PG_VERSION" ]; then
        bench_as_pg "$bin/initdb" -D "$bench_pg_dir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    fi
    local port
    for _ in $(seq 1 20); do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
        if bench_as_pg "$bin/pg_ctl" -D "$bench_pg_dir/data" -l "$bench_pg_dir/log" -w -t 120 start -o \
            "-c listen_addresses=127.0.0.1 -p $port -k $bench_pg_dir -c max_connections=200 -c shared_buffers=1GB -c effective_cache_size=8GB" \
            >/dev/null; then
            export OPEN311_BENCH_PG="Host=127.0.0.1;Port=$port;Username=postgres"
            return 0
        fi
    done
    tail -n 20 "$bench_pg_dir/log" >&2
    return 1
}

stop_bench_postgres() {
    [ -f "$bench_pg_dir/data/postmaster.pid" ] && bench_as_pg "$(bench_pg_bin)/pg_ctl" -D "$bench_pg_dir/data" -m fast stop >/dev/null 2>&1
    return 0
}
