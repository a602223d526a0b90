#!/usr/bin/env bash
# Every file-local name that two sources of one target share, found at once: the library and
# the tests compiled each as a single translation unit (BINHDANG_UNITY_BATCH=0) in build-unity/,
# syntax and code generation only at -O0. The default build batches eight sources, and which
# files share a batch shifts whenever a source is added, so a collision that passes today can
# break tomorrow's build; run this after adding a source. Not part of make test (a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-unity -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g0" \
  -DBINHDANG_UNITY_BATCH=0 -DBINHDANG_BENCH=OFF >/dev/null
cmake --build build-unity -j "$(nproc)" --target binhdang_lib binhdang_tests -- -k 0
echo "unity: no two sources of a target share a file-local name"
