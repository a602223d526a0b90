#!/usr/bin/env bash
# Reports at national scale (bench/reports/reports_bench.cc): consolidation and completeness of
# the whole country vs the same sums as SQL GROUP BY, on SQLite and (with BINHDANG_TEST_PG,
# set by scripts/with-postgres.sh) PostgreSQL, and the XLSX import rate.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/binhdang_reports_bench ] || ninja -C build binhdang_reports_bench
build/binhdang_reports_bench "$@"
