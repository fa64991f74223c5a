#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the test suite, on 127.0.0.1 and a free port.
#   scripts/postgres.sh start   -> installs Debian's postgresql when missing, starts a cluster,
#                                  writes .cache/postgres/current.env (DATABASE_URL=...)
#   scripts/postgres.sh stop    -> stops the cluster and deletes its data directory
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache/postgres"
ENV_FILE="$CACHE/current.env"
RUN_AS=postgres

pg_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

ensure_installed() {
    if [ -z "$(pg_bindir)" ]; then
        echo "PostgreSQL is missing: installing Debian's postgresql package..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    fi
    id "$RUN_AS" >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql "$RUN_AS"
}

as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    ensure_installed
    [ -f "$ENV_FILE" ] && stop
    local bindir port rundir
    bindir="$(pg_bindir)"
    port="$(free_port)"
    # The cluster lives outside the checkout so the postgres user can reach it wherever
    # the repository is cloned.
    mkdir -p "$CACHE"
    rundir="$(mktemp -d /tmp/reperes-postgres.XXXXXX)"
    chmod 755 "$rundir"
    [ "$(id -u)" = 0 ] && chown "$RUN_AS" "$rundir"
    as_pg "$bindir/initdb" -D "$rundir/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$rundir/initdb.log" 2>&1 || { cat "$rundir/initdb.log"; exit 1; }
    if ! as_pg "$bindir/pg_ctl" -D "$rundir/data" -l "$rundir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $rundir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" >/dev/null; then
        echo "PostgreSQL failed to start; its log:"; tail -n 50 "$rundir/server.log"; exit 1
    fi
    as_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE reperes" >/dev/null
    cat >"$ENV_FILE" <<ENV
DATABASE_URL=postgres://postgres@127.0.0.1:$port/reperes
POSTGRES_RUN_DIR=$rundir
POSTGRES_BINDIR=$bindir
ENV
    local version
    version="$(as_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc 'SHOW server_version')"
    echo "PostgreSQL $version running at 127.0.0.1:$port"
}

stop() {
    [ -f "$ENV_FILE" ] || return 0
    # shellcheck disable=SC1090
    source "$ENV_FILE"
    as_pg "$POSTGRES_BINDIR/pg_ctl" -D "$POSTGRES_RUN_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$POSTGRES_RUN_DIR" "$ENV_FILE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
