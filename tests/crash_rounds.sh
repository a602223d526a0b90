#!/usr/bin/env bash
# Crash suite (`make soak`): ROUNDS rounds (default 100) of kill -9 while WRITERS clients (default
# 4) create users concurrently, on ENGINE (sqlite, or postgresql with BINHDANG_TEST_PG from
# scripts/with-postgres.sh). After each restart every write the server acknowledged (201) must be
# in the database, and `binhdang audit verify` must find the hash chain intact.
set -euo pipefail
BIN=${1:?usage: crash_rounds.sh path/to/binhdang [sqlite|postgresql]}
ENGINE=${2:-sqlite}
ROUNDS=${ROUNDS:-100}
WRITERS=${WRITERS:-4}
dir=$(mktemp -d); pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; pkill -P $$ curl 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
if [ "$ENGINE" = postgresql ]; then
  : "${BINHDANG_TEST_PG:?run under scripts/with-postgres.sh}"
  db="crash_$$"
  psql "$BINHDANG_TEST_PG" -qc "CREATE DATABASE $db" >/dev/null
  DB="${BINHDANG_TEST_PG%/*}/$db"
  query() { psql "$DB" -Atqc "$1"; }
else
  DB="sqlite:$dir/c.db"
  query() { sqlite3 "$dir/c.db" "$1"; }
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
start() {
  BINHDANG_ADMIN_PASSWORD=crash-Secret-1 "$BIN" --db "$DB" serve --listen 127.0.0.1:$PORT --no-access-log --no-demo --web "" >>"$dir/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf "$URL/api/v1/health" >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "FAIL: server did not start"; tail -20 "$dir/log"; exit 1
}
writer() {  # writer ROUND N: signs in, then creates users until the server dies
  local r=$1 w=$2 jar="$dir/cj.$1.$2" csrf i=0 code
  csrf=$(curl -sf --retry 20 --retry-delay 1 -c "$jar" -H 'Content-Type: application/json' -d '{"username":"admin","password":"crash-Secret-1"}' \
    "$URL/api/v1/session" | python3 -c "import json,sys; print(json.load(sys.stdin)['csrf_token'])" 2>/dev/null) || return 0
  while :; do
    i=$((i + 1))
    local name="cr$r.$w.$i"
    code=$(curl -s --retry 20 --retry-delay 1 -o /dev/null -w '%{http_code}' -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
      -d "{\"username\":\"$name\",\"full_name\":\"Người $name\",\"password\":\"crash-pass-2025\",\"unit_id\":\"1\",\"roles\":[\"viewer\"]}" \
      "$URL/api/v1/users") || return 0
    [ "$code" = 201 ] && echo "$name" >>"$dir/acked"
    [ "$code" = 000 ] && return 0
  done
}
touch "$dir/acked"
acked_total=0
for r in $(seq 1 "$ROUNDS"); do
  start
  for w in $(seq 1 "$WRITERS"); do writer "$r" "$w" & done
  sleep "$((RANDOM % 2 + 1)).$((RANDOM % 10))"
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  wait
  start
  missing=$(comm -23 <(sort "$dir/acked") <(query "SELECT username FROM users WHERE username LIKE 'cr%'" | sort) | wc -l)
  if [ "$missing" -ne 0 ]; then
    echo "FAIL: round $r: $missing acknowledged writes lost"; exit 1
  fi
  "$BIN" --db "$DB" audit verify | grep -q intact || { echo "FAIL: round $r: audit chain broken"; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
acked_total=$(wc -l <"$dir/acked")
[ "$ENGINE" = postgresql ] && psql "$BINHDANG_TEST_PG" -qc "DROP DATABASE $db" >/dev/null
echo "crash ($ENGINE): $ROUNDS rounds of kill -9 under $WRITERS writers, $acked_total acknowledged writes, 0 lost, audit chain intact after every restart"
echo "1 passed, 0 failed"
