#!/usr/bin/env bash
# Runs every test of binhdang (called by `make test` after the build):
#   1. C++ tests (unit, storage conformance on SQLite and on a real PostgreSQL, API and
#      authorisation tests against a real HTTP server) under ctest;
#   2. the same C++ tests built with AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. the browser tests (Chromium via playwright-core) against the real server.
# First the habits that keep themselves: locking annotations checked by clang, front-end types.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BINHDANG_REQUIRE_PG=1

echo "== habits: formatting (clang-format), locking annotations (clang -Wthread-safety), front-end types (tsc --noEmit)"
bash scripts/check-format.sh
bash scripts/check-thread-safety.sh
if [ -f web/package.json ]; then (cd web && ./node_modules/.bin/tsc --noEmit -p .) && echo "tsc: no type errors"; fi

echo "== C++ tests (SQLite and PostgreSQL)"
bash scripts/with-postgres.sh ctest --test-dir "$BUILD" --output-on-failure -j 2 --timeout 600

if [ "${BINHDANG_SKIP_ASAN:-0}" != 1 ]; then
  echo "== C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  bash scripts/test-asan.sh
fi

if [ -f web/package.json ]; then
  echo "== browser tests (Chromium)"
  (cd web && BINHDANG_BIN="$(pwd)/../$BUILD/binhdang" BINHDANG_WEB_OUT="$(pwd)/../$BUILD/web" npm test)
fi
