#!/usr/bin/env bash
# Bulk import (bench/imports/imports_bench.cc): the agencies of every commune (3,321 x 10) and
# 10,000 users from XLSX, check and import, on SQLite and (with BINHDANG_TEST_PG, set by
# scripts/with-postgres.sh) PostgreSQL, with the password hashing rate on one and on every core.
# Arguments pass through (--users N, --agencies-per-commune N, --fast-hashes).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/binhdang_imports_bench ] || ninja -C build binhdang_imports_bench
build/binhdang_imports_bench "$@"
