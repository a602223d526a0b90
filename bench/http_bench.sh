#!/usr/bin/env bash
# HTTP benchmark (issue 2): GET /api/v1/units/{id}/children as a signed-in user, under wrk at 1
# and 256 connections, beside nginx serving the same body as a static file on this machine.
# Prints requests/s, p50 and p99 latency and the ratio to nginx, and the time to load the unit
# tree at start. Usage: bench/http_bench.sh [sqlite|postgresql] (postgresql needs BINHDANG_TEST_PG).
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND=${1:-sqlite}
BIN=${BINHDANG_BIN:-build/binhdang}
DURATION=${BENCH_SECONDS:-8}
work=$(mktemp -d /tmp/binhdang-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT=$(free_port); NGINX_PORT=$(free_port)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [ "$BACKEND" = postgresql ]; then
  DB="${BINHDANG_TEST_PG:?run under scripts/with-postgres.sh}"
  psql "$DB" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null 2>&1 || true
else
  DB="sqlite:$work/bench.db"
fi
BINHDANG_ADMIN_PASSWORD=bench-Secret-1 "$BIN" --db "$DB" serve --listen 127.0.0.1:$PORT --no-access-log --web "" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
TREE_MS=$(grep -o 'units loaded in [0-9.]* ms' "$work/server.log" | grep -o '[0-9.]* ms' | head -1)
UNITS=$(grep -o 'unit tree: [0-9]* units' "$work/server.log" | grep -o '[0-9]*' | head -1)

curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-Secret-1"}' "http://127.0.0.1:$PORT/api/v1/session" >/dev/null
COOKIE="binhdang_session=$(awk '$6=="binhdang_session"{print $7}' "$work/cookies")"
# Thành phố Hà Nội (code 01 after the reform): 126 wards and communes; one page of 100.
UNIT=$(curl -sf -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/v1/units?q=ha%20noi&kind=province" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
TARGET="/api/v1/units/$UNIT/children?limit=100"
curl -sf -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$TARGET" >"$work/children.json"
BYTES=$(stat -c %s "$work/children.json")

mkdir -p "$work/www"
cp "$work/children.json" "$work/www/children.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp; fastcgi_temp_path $work/nginx-tmp; uwsgi_temp_path $work/nginx-tmp; scgi_temp_path $work/nginx-tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { root $work/www; default_type application/json; try_files /children.json =404; }
  }
}
CONF
mkdir -p "$work/nginx-tmp"
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/x" >/dev/null 2>&1 && break; sleep 0.1; done

# wrk --latency prints "50%  1.23ms" and "99%  4.56ms"; convert to milliseconds.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.3f", v}'; }
run_wrk() { # url connections threads header
  local out; out=$(wrk -t"$3" -c"$2" -d"${DURATION}s" --latency ${4:+-H "$4"} "$1")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}' | to_ms)
  p99=$(echo "$out" | awk '$1=="99%" {print $2}' | to_ms)
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$rps $p50 $p99 ${non2xx:-0}"
}

echo "binhdang HTTP benchmark — $(date -u +%FT%TZ), $(nproc) cores, backend $BACKEND"
echo "GET $TARGET as a signed-in admin (session read from the database at most once a second, then from memory), body $BYTES bytes"
echo "unit tree at start: ${UNITS:-?} units loaded in ${TREE_MS:-?}"
printf '\n%-12s %6s %12s %10s %10s %10s\n' server conns req/s p50_ms p99_ms non-2xx
declare -A R
for c in 1 256; do
  t=1; [ "$c" -gt 1 ] && t=2
  read -r brps bp50 bp99 bbad < <(run_wrk "http://127.0.0.1:$PORT$TARGET" "$c" "$t" "Cookie: $COOKIE")
  read -r nrps np50 np99 nbad < <(run_wrk "http://127.0.0.1:$NGINX_PORT/children.json" "$c" "$t" "")
  printf '%-12s %6s %12s %10s %10s %10s\n' binhdang "$c" "$brps" "$bp50" "$bp99" "$bbad"
  printf '%-12s %6s %12s %10s %10s %10s\n' nginx "$c" "$nrps" "$np50" "$np99" "$nbad"
  R[$c]=$(python3 -c "print(f'{$brps/$nrps:.2f}')")
  printf '%-12s %6s %12s\n' "ratio" "$c" "${R[$c]}x of nginx req/s"
done
