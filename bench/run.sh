#!/usr/bin/env bash
# `make bench`: every benchmark, each printing its figures and ratios. Nothing here asserts a
# time. PostgreSQL runs use a throw-away server (scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
{
  echo "### HTTP, SQLite"
  bash bench/http_bench.sh sqlite
  echo
  echo "### HTTP, PostgreSQL"
  bash scripts/with-postgres.sh bash bench/http_bench.sh postgresql
  # Benchmarks of other modules: every bench/*_bench.sh takes the PostgreSQL URI from the
  # environment and runs its SQLite and PostgreSQL halves itself.
  for b in bench/*_bench.sh; do
    [ -e "$b" ] && [ "$b" != bench/http_bench.sh ] || continue
    echo
    echo "### $(basename "$b" .sh)"
    bash scripts/with-postgres.sh bash "$b"
  done
} 2>&1 | tee "bench/results/$stamp.txt"
echo "(saved in bench/results/$stamp.txt)"
