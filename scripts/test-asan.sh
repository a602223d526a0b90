#!/usr/bin/env bash
# Builds the C++ tests with ASan + UBSan in build-asan/ and runs them (with PostgreSQL). -Og -g1:
# assertions stay on (no NDEBUG), reports keep file and line, and the build takes a third less.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build-asan/build.ninja ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-Og -g1" \
    -DBINHDANG_SANITIZE=ON -DBINHDANG_BENCH=OFF >/dev/null
fi
cmake --build build-asan -j "$(nproc)" --target binhdang_tests binhdang binhdang_fuzz_replay
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export BINHDANG_REQUIRE_PG=1
bash scripts/with-postgres.sh ctest --test-dir build-asan --output-on-failure -j 2 --timeout 900
