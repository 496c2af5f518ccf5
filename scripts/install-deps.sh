#!/usr/bin/env bash
# Installs chemsafe's build, run and test dependencies from Debian 12 packages.
# Idempotent: installs only what is missing; safe to run on every `make run` / `make test`.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  nlohmann-json3-dev libsqlite3-dev sqlite3
  libpq-dev libpqxx-dev postgresql-15
  libgeos-dev libcli11-dev libspdlog-dev libfmt-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev libcsv-dev
  libqrencode-dev libcairo2-dev librsvg2-dev libpango1.0-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  poppler-utils zbar-tools
  librestinio-dev libasio-dev libhttp-parser-dev libargon2-dev libssl-dev libcurl4-openssl-dev zlib1g-dev
  chromium fonts-noto-cjk nginx-light wrk
)
# The web front end is built with Node.js and npm; a machine may already have both (another packaging of
# nodejs that includes npm), else Debian's.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
