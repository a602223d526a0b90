#!/usr/bin/env bash
# Every C++ file of the repository is formatted as .clang-format says (Google style, 100
# columns): clang-format --dry-run --Werror on each, and any difference fails. `make format`
# rewrites them. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' 'bench/*.h')
if ! printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 16 clang-format --dry-run --Werror 2>/tmp/binhdang-format.$$; then
  grep -o '^[^:]*:[0-9]*' /tmp/binhdang-format.$$ | cut -d: -f1 | sort | uniq -c | sort -rn | head -20
  echo "format: files differ from .clang-format; run 'make format'"
  rm -f /tmp/binhdang-format.$$
  exit 1
fi
rm -f /tmp/binhdang-format.$$
echo "format: ${#files[@]} C++ files as .clang-format says"
