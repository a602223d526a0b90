#!/usr/bin/env bash
# Runs a command with a real, throw-away PostgreSQL server: initdb in a temporary directory,
# a free port on 127.0.0.1, trust authentication. Exports BINHDANG_TEST_PG (a libpq URI) to
# the command, and stops and deletes the server afterwards, whatever the command's outcome.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "with-postgres: PostgreSQL server binaries not found" >&2; exit 1; }

dir=$(mktemp -d /tmp/binhdang-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root: run the server as the postgres user.
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c shared_buffers=256MB" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
"$PGBIN/../bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE binhdang_test" postgres >/dev/null 2>&1 \
  || psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE binhdang_test" postgres >/dev/null
export BINHDANG_TEST_PG="postgresql://postgres@127.0.0.1:$port/binhdang_test"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $port" >&2
set +e
"$@"
rc=$?
exit $rc
