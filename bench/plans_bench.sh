#!/usr/bin/env bash
# The national plan cascade (bench/plans/README.md): SQLite, then PostgreSQL when BINHDANG_TEST_PG
# is set (bench/run.sh runs this under scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BINHDANG_PLANS_BENCH:-build/plans_bench}
[ -x "$BIN" ] || { echo "plans_bench: $BIN not built (ninja -C build plans_bench)" >&2; exit 1; }
exec "$BIN" "$@"
