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
# The case data key (beside the SQLite file by default): keys rotate needs its file, refuses one
# others can read, replaces it with a new key (mode 0600) and keeps the old one as FILE.old.
if "$BIN" --db "$DB" keys rotate 2>"$dir/err"; then fail "rotate without a key file"; fi
grep -q "tệp khóa" "$dir/err" || fail "a missing key file is named, in Vietnamese"; ok
printf '%064d\n' 7 >"$dir/case.key"; chmod 644 "$dir/case.key"
if "$BIN" --db "$DB" keys rotate 2>"$dir/err"; then fail "a key file readable by others accepted"; fi
grep -q "chmod 600" "$dir/err" || fail "says how to protect the key file"; ok
chmod 600 "$dir/case.key"
"$BIN" --db "$DB" keys rotate | has "mã hóa lại" || fail "keys rotate"; ok
[ "$(stat -c %a "$dir/case.key")" = 600 ] && [ -f "$dir/case.key.old" ] || fail "new key 0600, old kept"; ok
cmp -s "$dir/case.key" "$dir/case.key.old" && fail "the key did not change"; ok
"$BIN" --db "$DB" keys rotate --case-key "$dir/case.key" | has "case.key.old.2" || fail "rotate again, the first old key kept"; ok
[ -f "$dir/case.key.old" ] || fail "the first old key kept"; ok
if "$BIN" --db "$DB" keys rotate --case-key "$dir/case.key.old" 2>/dev/null; then fail "a key that no longer seals the database accepted"; fi; ok
if BINHDANG_CASE_KEY=$(printf '%064d' 1) "$BIN" --db "$DB" keys rotate 2>/dev/null; then fail "rotate with the key in the environment"; fi; ok
grep -r -q "$(cat "$dir/case.key" | head -c 64)" "$dir"/cli.db 2>/dev/null && fail "the key is in the database"; ok
# check-document: a file that is no document is refused (exit 2, Vietnamese); one that does not
# follow NĐ 30 exits 1 with its findings (a DOCX of nothing but an empty body).
echo "hello" >"$dir/note.txt"
set +e; "$BIN" check-document "$dir/note.txt" >/dev/null 2>"$dir/err"; rc=$?; set -e
[ "$rc" = 2 ] || fail "check-document on a text file: exit $rc"; grep -q "không phải PDF" "$dir/err" || fail "check-document message"; ok
(cd "$dir" && mkdir -p docx/word && printf '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>' >docx/word/document.xml && cd docx && zip -q -r ../letter.docx word)
set +e; "$BIN" check-document "$dir/letter.docx" >"$dir/out"; rc=$?; set -e
[ "$rc" = 1 ] || fail "check-document on a Letter DOCX: exit $rc"; grep -q "kho-giay" "$dir/out" || fail "check-document names the paper"; ok
{ "$BIN" check-document --json "$dir/letter.docx" || true; } | has '"ok": false' || fail "check-document --json"; ok
echo "$passed passed, 0 failed"
