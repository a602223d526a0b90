#!/usr/bin/env bash
# Nothing a user saved is lost when the process is killed: create objects through the API,
# kill -9 the server right after each 201, start it again and find them all.
set -euo pipefail
BIN=${1:?usage: crash_test.sh path/to/binhdang}
dir=$(mktemp -d); pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$dir"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
start() {
  BINHDANG_ADMIN_PASSWORD=crash-Secret-1 "$BIN" --db "sqlite:$dir/c.db" serve --listen 127.0.0.1:$PORT --no-access-log --web "" >>"$dir/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -sf "$URL/api/v1/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "FAIL: server did not start"; cat "$dir/log"; exit 1
}
login() {
  CSRF=$(curl -sf -c "$dir/cj" -H 'Content-Type: application/json' -d '{"username":"admin","password":"crash-Secret-1"}' "$URL/api/v1/session" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
}
start
UNIT=$(curl -sf -c "$dir/cj0" -H 'Content-Type: application/json' -d '{"username":"admin","password":"crash-Secret-1"}' "$URL/api/v1/session" >/dev/null; echo 1)
for i in 1 2 3 4 5; do
  login
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$dir/cj" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -d "{\"username\":\"crash$i\",\"full_name\":\"Người $i\",\"password\":\"crash-pass-2025\",\"unit_id\":\"$UNIT\",\"roles\":[\"viewer\"]}" "$URL/api/v1/users")
  [ "$code" = 201 ] || { echo "FAIL: create returned $code"; exit 1; }
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  start
done
login
count=$(curl -sf -b "$dir/cj" "$URL/api/v1/users?q=crash&limit=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
[ "$count" = 5 ] || { echo "FAIL: $count of 5 users survived kill -9"; exit 1; }
"$BIN" --db "sqlite:$dir/c.db" audit verify | grep -q intact || { echo "FAIL: audit chain broken after kills"; exit 1; }
echo "1 passed, 0 failed (5 of 5 committed writes survived kill -9; audit chain intact)"
