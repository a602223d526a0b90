#!/usr/bin/env bash
# Proves the locking annotations (common/mutex.h: GUARDED_BY, REQUIRES, EXCLUDES) with clang's
# -Wthread-safety: every source file that uses them is compiled with clang, syntax only, and
# any warning fails. Called by scripts/test.sh; uses the compile commands of the g++ build.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ -f "$BUILD/compile_commands.json" ] || { echo "check-thread-safety: no $BUILD/compile_commands.json"; exit 1; }
mapfile -t files < <(grep -rl --include='*.cc' -e 'common/mutex.h' -e 'GUARDED_BY' -e 'MutexLock' src \
  | sort -u; grep -rl --include='*.h' 'common/mutex.h' src | sed 's/\.h$/.cc/' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u)
includes=(-Isrc -isystem /usr/include/postgresql)
defines=(-DBOOST_BEAST_USE_STD_STRING_VIEW -DBOOST_ASIO_NO_DEPRECATED -DSPDLOG_FMT_EXTERNAL -DSPDLOG_SHARED_LIB
  -DSPDLOG_COMPILED_LIB -DFMT_SHARED '-DBINHDANG_VERSION="0"' '-DBINHDANG_RESOURCE_DIR="resources"')
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -I{} clang++ -std=c++20 -fsyntax-only \
  -Wthread-safety -Werror=thread-safety -Wno-unknown-warning-option "${includes[@]}" "${defines[@]}" {}
echo "thread-safety: ${#files[@]} files checked by clang -Wthread-safety, 0 warnings"
