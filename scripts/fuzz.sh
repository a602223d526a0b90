#!/usr/bin/env bash
# `make fuzz`: builds every harness of tests/fuzz/ with clang's libFuzzer + ASan + UBSan in
# build-fuzz/, runs each for FUZZ_SECONDS (default 120) on a copy of its committed corpus, and
# prints executions, coverage and crashes per harness. FUZZ_MERGE=1 merges the inputs that found
# new coverage back into tests/fuzz/corpus/ (keep the corpus small: commit only merged inputs).
# A crash leaves its input under build-fuzz/crashes/NAME/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-120}
JOBS=${JOBS:-$(nproc)}
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBINHDANG_FUZZ=ON -DBINHDANG_SANITIZE=ON -DBINHDANG_TESTS=OFF -DBINHDANG_BENCH=OFF >/dev/null
fi
harnesses=()
for f in tests/fuzz/*_fuzz.cc; do n=$(basename "$f" _fuzz.cc); harnesses+=("$n"); done
cmake --build build-fuzz -j "$JOBS" --target "${harnesses[@]/#/fuzz_}"
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
printf '%-10s %14s %12s %8s %8s %8s\n' harness executions exec/s cov ft crashes
for n in "${harnesses[@]}"; do
  work=build-fuzz/corpus/$n; crashes=build-fuzz/crashes/$n
  rm -rf "$work"; mkdir -p "$work" "$crashes"
  cp -r tests/fuzz/corpus/$n/. "$work"/
  log=build-fuzz/$n.log
  set +e
  ./build-fuzz/fuzz_$n "$work" tests/fuzz/corpus/$n -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  found=$(find "$crashes" -type f | wc -l)
  printf '%-10s %14s %12s %8s %8s %8s\n' "$n" "$execs" "$speed" "$cov" "$ft" "$found"
  if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then failed=1; tail -30 "$log"; fi
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    ./build-fuzz/fuzz_$n -merge=1 tests/fuzz/corpus/$n "$work" >/dev/null 2>&1 || true
  fi
done
exit $failed
