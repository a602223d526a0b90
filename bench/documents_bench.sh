#!/usr/bin/env bash
# Official documents (issue 9): the plan as PDF and DOCX beside LibreOffice, and plan imports.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash bench/documents/plan_pdf_bench.sh "${BINHDANG_BIN:-build/binhdang}"
