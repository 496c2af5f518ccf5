#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 cluster for the store tests (ctest fixture "pg").
#
#   scripts/pg-test-cluster.sh start DIR   initdb in a new temp dir, start the server on a free loopback
#                                          port (127.0.0.1 only, unix sockets in the temp dir), create the
#                                          database chemsafe_test, write its URL to DIR/url and print it
#   scripts/pg-test-cluster.sh stop DIR    stop that server and delete its temp dir
#
# PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` system user (created by
# the postgresql-15 package); as any other user it runs as that user. Authentication is `trust` on
# loopback only, and fsync is off: the cluster holds test data and is deleted afterwards.
# If CHEMSAFE_TEST_PG_URL is set, no cluster is started and that URL is written instead.
# PG_BIN overrides where initdb/pg_ctl are (default /usr/lib/postgresql/15/bin).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

run_as=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "pg-test-cluster: running as root and there is no 'postgres' user to run the server as;" \
         "install postgresql-15 (scripts/install-deps.sh) or run as a normal user" >&2
    exit 1
  fi
  run_as=(runuser -u postgres --)
fi

stop_cluster() {
  local data_root
  [ -f "$dir/datadir" ] || return 0
  data_root=$(cat "$dir/datadir")
  if [ -d "$data_root/data" ]; then
    "${run_as[@]}" "$pg_bin/pg_ctl" stop -D "$data_root/data" -m immediate -w >/dev/null 2>&1 || true
  fi
  case "$data_root" in
    */chemsafe-pg.*) rm -rf "$data_root" ;;
  esac
  rm -f "$dir/datadir" "$dir/url"
}

case "$action" in
  start)
    mkdir -p "$dir"
    if [ -n "${CHEMSAFE_TEST_PG_URL:-}" ]; then
      printf '%s\n' "$CHEMSAFE_TEST_PG_URL" > "$dir/url"
      echo "$CHEMSAFE_TEST_PG_URL"
      exit 0
    fi
    if [ ! -x "$pg_bin/initdb" ]; then
      echo "pg-test-cluster: $pg_bin/initdb not found: install postgresql-15 (scripts/install-deps.sh)" >&2
      exit 1
    fi
    stop_cluster  # a cluster left behind by an interrupted run
    data_root=$(mktemp -d "${TMPDIR:-/tmp}/chemsafe-pg.XXXXXX")
    chmod 700 "$data_root"
    [ ${#run_as[@]} -eq 0 ] || chown postgres: "$data_root"
    echo "$data_root" > "$dir/datadir"
    if ! "${run_as[@]}" "$pg_bin/initdb" -D "$data_root/data" -U chemsafe --auth=trust --encoding=UTF8 \
         --locale=C --no-sync >"$data_root/initdb.log" 2>&1; then
      cat "$data_root/initdb.log" >&2
      stop_cluster
      exit 1
    fi
    port=""
    for _ in $(seq 1 20); do
      candidate=$((20000 + RANDOM % 40000))
      # Taken if something accepts a connection there; the server's own bind is the final check.
      if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi
      if "${run_as[@]}" "$pg_bin/pg_ctl" start -D "$data_root/data" -w -t 60 -l "$data_root/server.log" \
           -o "-p $candidate -k $data_root -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
           >/dev/null 2>&1; then
        port=$candidate
        break
      fi
      if ! grep -q "could not bind\|could not create any TCP/IP sockets\|Address already in use" \
           "$data_root/server.log" 2>/dev/null; then
        cat "$data_root/server.log" >&2 || true
        stop_cluster
        exit 1
      fi
    done
    if [ -z "$port" ]; then
      echo "pg-test-cluster: found no free loopback port" >&2
      stop_cluster
      exit 1
    fi
    "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U chemsafe chemsafe_test
    url="postgresql://chemsafe@127.0.0.1:$port/chemsafe_test"
    printf '%s\n' "$url" > "$dir/url"
    echo "$url"
    ;;
  stop)
    stop_cluster
    ;;
  *)
    usage
    ;;
esac
