#!/usr/bin/env bash
# `make soak`: the long suites that keep the serving path honest.
#   1. Soak: SOAK_CONNECTIONS (1,000) keep-alive connections for SOAK_SECONDS (60) under wrk,
#      mixed reads (units, plans, tasks, /me) and writes (new activities on a draft plan), as a
#      signed-in user, on SQLite. Prints errors, timeouts, latency percentiles and the server's
#      memory every 5 seconds.
#   2. Crash: tests/crash_rounds.sh, ROUNDS (100) rounds of kill -9 under concurrent writers, on
#      SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BINHDANG_BIN:-build/binhdang}
CONNS=${SOAK_CONNECTIONS:-1000}
SECS=${SOAK_SECONDS:-60}
ulimit -n 65536 2>/dev/null || ulimit -n 16384 2>/dev/null || true
work=$(mktemp -d /tmp/binhdang-soak.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
BINHDANG_ADMIN_PASSWORD=soak-Secret-1 "$BIN" --db "sqlite:$work/soak.db" serve --listen 127.0.0.1:$PORT --no-access-log --web "" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -sf "$URL/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
CSRF=$(curl -sf -c "$work/cj" -H 'Content-Type: application/json' -d '{"username":"admin","password":"soak-Secret-1"}' "$URL/api/v1/session" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
COOKIE="binhdang_session=$(awk '$6=="binhdang_session"{print $7}' "$work/cj")"
j() { curl -sf -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' "$@"; }
PROVINCE=$(j "$URL/api/v1/units?q=ha%20noi&kind=province" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
AGENCY=$(j -d "{\"parent_id\":\"$PROVINCE\",\"name\":\"Sở thử tải\",\"agency_type\":\"other\"}" "$URL/api/v1/units" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
PLAN=$(j -d "{\"unit_id\":\"$PROVINCE\",\"title\":\"Kế hoạch thử tải\",\"period_start\":\"2026-01-01\",\"period_end\":\"2026-12-31\"}" "$URL/api/v1/plans" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
cat >"$work/mix.lua" <<LUA
local n = 0
local reads = {
  "/api/v1/units/$PROVINCE/children?limit=100",
  "/api/v1/plans/$PLAN",
  "/api/v1/tasks?unit=$AGENCY",
  "/api/v1/me",
  "/api/v1/units?q=phuong&limit=20",
}
wrk.headers["Cookie"] = "$COOKIE"
wrk.headers["X-CSRF-Token"] = "$CSRF"
request = function()
  n = n + 1
  if n % 10 == 0 then
    local body = '{"title":"Hoạt động thử tải ' .. n .. '","lead_unit_id":"$AGENCY","assignee":"unit"}'
    local h = {["Content-Type"] = "application/json", ["Cookie"] = "$COOKIE", ["X-CSRF-Token"] = "$CSRF"}
    return wrk.format("POST", "/api/v1/plans/$PLAN/activities", h, body)
  end
  return wrk.format("GET", reads[(n % #reads) + 1])
end
LUA
echo "== soak: $CONNS keep-alive connections for $SECS s, 1 write in 10 (binhdang on SQLite, pid $pid)"
( for t in $(seq 0 5 "$SECS"); do
    printf 'memory at %3ss: %s\n' "$t" "$(awk '/VmRSS/{print $2" "$3}' /proc/$pid/status 2>/dev/null)"
    sleep 5
  done ) &
mem=$!
wrk -t 2 -c "$CONNS" -d "${SECS}s" --timeout 10s --latency -s "$work/mix.lua" "$URL" | tee "$work/wrk.txt"
wait "$mem" 2>/dev/null || true
errors=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$work/wrk.txt" | grep -o '[0-9]*$' || echo 0)
sockerr=$(grep -o 'Socket errors:.*' "$work/wrk.txt" || echo "Socket errors: none")
echo "soak result: non-2xx $errors; $sockerr; memory after: $(awk '/VmRSS/{print $2" "$3}' /proc/$pid/status)"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

echo "== crash: ${ROUNDS:-100} rounds of kill -9 under concurrent writers"
bash tests/crash_rounds.sh "$BIN" sqlite
BINHDANG_REQUIRE_PG=1 bash scripts/with-postgres.sh bash tests/crash_rounds.sh "$BIN" postgresql
