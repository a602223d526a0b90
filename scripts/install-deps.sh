#!/usr/bin/env bash
# Installs what binhdang needs to build, run and test, from Debian's packages and the npm
# registry. Idempotent: it installs only what is missing, so a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake pkg-config ninja-build
  libboost-dev nlohmann-json3-dev libsoci-dev libsodium-dev libicu-dev
  libspdlog-dev libfmt-dev libcli11-dev zlib1g-dev libsqlite3-dev libpq-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcairo2-dev libpango1.0-dev fonts-liberation fonts-liberation2 libreoffice-writer-nogui libreoffice-calc-nogui libxlsxwriter-dev libzip-dev libpugixml-dev
  libpoppler-cpp-dev poppler-utils clang libclang-rt-14-dev
  libssl-dev openssl python3-aiosmtpd
  sqlite3 postgresql wrk nginx-light chromium curl zip unzip
)
# Node.js: use the machine's own if it has one (some ship npm inside their nodejs package).
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Debian starts nginx and postgresql as services on install; binhdang starts its own.
  for svc in nginx postgresql; do
    $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || $SUDO service "$svc" stop >/dev/null 2>&1 || true
  done
fi

# Front-end packages: only when package-lock.json changed since the last install.
if [ -f web/package.json ]; then
  stamp=web/node_modules/.binhdang-install-stamp
  if [ ! -f "$stamp" ] || [ web/package-lock.json -nt "$stamp" ] || [ web/package.json -nt "$stamp" ]; then
    echo "install-deps: npm ci (web/)"
    (cd web && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi)
    touch "$stamp"
  fi
fi
