#!/usr/bin/env bash
# Throwaway PostgreSQL 15 for tests: `tests/pg.sh start <dir> <port>` prints the connection string;
# `tests/pg.sh stop <dir>`; `tests/pg.sh resume <dir> <port>` restarts a stopped one. Runs as the postgres user, loopback only, fsync off.
# PG_SETTINGS adds server settings (the benchmarks: "-c shared_buffers=2GB", as a database server would be configured).
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:?start|stop}; dir=${2:?data dir}; port=${3:-55432}
case "$cmd" in
  start)
    rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir"
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c max_connections=300 ${PG_SETTINGS:-}" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Include Error Detail=true"
    ;;
  stop)
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  resume)
    # Starts a stopped cluster again with its data (fault tests: the database comes back after an outage).
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c max_connections=300 ${PG_SETTINGS:-}" start >/dev/null
    ;;
esac
