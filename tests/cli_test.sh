#!/usr/bin/env bash
# The command line as an operator uses it: help, migrate, import, users, backup, audit verify,
# and bad arguments that must fail cleanly.
set -euo pipefail
BIN=${1:?usage: cli_test.sh path/to/binhdang}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
DB="sqlite:$dir/cli.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
passed=0; ok() { passed=$((passed+1)); }
# has PATTERN: standard input contains PATTERN (reads it all, unlike grep -q under pipefail).
has() { local out; out=$(cat); grep -q -- "$1" <<<"$out"; }

"$BIN" --help | has serve || fail "--help lists serve"; ok
"$BIN" serve --help | grep -q -- --listen || fail "serve --help lists --listen"; ok
"$BIN" user add --help | grep -q -- --roles || fail "user add --help"; ok
"$BIN" --db "$DB" migrate | has "schema version" || fail "migrate"; ok
"$BIN" migrate --db "$DB" | has "schema version" || fail "migrate twice, --db after the subcommand"; ok
"$BIN" --db "$DB" import-units | has "units" || fail "import-units"; ok
if "$BIN" --db "$DB" import-units 2>/dev/null; then fail "a second import must refuse"; fi; ok
BINHDANG_PASSWORD=planner-2025-x "$BIN" --db "$DB" user add lan --full-name "Nguyễn Thị Lan" --unit 12 --roles planner,viewer \
  | has "created user lan" || fail "user add"; ok
if BINHDANG_PASSWORD=short "$BIN" --db "$DB" user add weak --full-name W --unit 12 --roles viewer 2>"$dir/err"; then fail "weak password accepted"; fi
grep -q "mật khẩu" "$dir/err" || fail "weak password message in Vietnamese"; ok
if BINHDANG_PASSWORD=planner-2025-x "$BIN" --db "$DB" user add bad --full-name B --unit 12 --roles king 2>/dev/null; then fail "unknown role accepted"; fi; ok
"$BIN" --db "$DB" user list | has "Nguyễn Thị Lan.*Tỉnh Lai Châu.*planner,viewer" || fail "user list"; ok
"$BIN" --db "$DB" user passwd lan --password new-pass-2025 | has "password changed" || fail "passwd"; ok
"$BIN" --db "$DB" backup --to "$dir/copy.db" | has "backup written" || fail "backup"; ok
[ "$(sqlite3 "$dir/copy.db" 'select count(*) from users')" = 1 ] || fail "backup holds the user"; ok
if "$BIN" --db "$DB" backup --to "$dir/copy.db" 2>/dev/null; then fail "backup overwrote a file"; fi; ok
"$BIN" --db "$DB" audit verify | has "audit log intact" || fail "audit verify"; ok
# Tampering with the log (after dropping the guard trigger) is detected.
sqlite3 "$dir/cli.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'forged' WHERE id = 1;"
if "$BIN" --db "$DB" audit verify >/dev/null; then fail "tampering not detected"; fi; ok
if "$BIN" --db "mysql://x" migrate 2>/dev/null; then fail "unknown database scheme accepted"; fi; ok
if "$BIN" --db "$DB" serve --listen nonsense 2>/dev/null; then fail "bad --listen accepted"; fi; ok
echo "$passed passed, 0 failed"
