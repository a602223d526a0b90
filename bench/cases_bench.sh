#!/usr/bin/env bash
# The case module at a province's scale (bench/cases/cases_bench.cc): open rate, the encryption
# overhead per case read, the blind index's size and lookup, statistics vs SQL GROUP BY, and the
# sealed-at-rest check, on SQLite and (with BINHDANG_TEST_PG, set by scripts/with-postgres.sh)
# PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/binhdang_cases_bench ] || ninja -C build binhdang_cases_bench
build/binhdang_cases_bench "$@"
