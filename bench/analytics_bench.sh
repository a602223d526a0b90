#!/usr/bin/env bash
# The analytics engine (bench/analytics/README.md): BENCH_VALUES (default 100 M) synthetic data
# values over the real unit tree, load time and memory, three pivot queries beside DuckDB over
# the same rows; then freshness, a report's acceptance to the analytics answer including it, on
# one server (SQLite). Needs ~3 GB of memory for the engine and ~6 GB for DuckDB at 100 M, and
# ~3.5 GB of disk in $TMPDIR for the CSV. Nothing is asserted on time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/binhdang_analytics_bench ] || ninja -C build binhdang_analytics_bench
[ -d bench/analytics/node_modules/@duckdb/node-api ] || (cd bench/analytics && npm ci --no-audit --no-fund)
build/binhdang_analytics_bench
echo
[ -x build/binhdang ] || ninja -C build binhdang
node bench/analytics/freshness.mjs
