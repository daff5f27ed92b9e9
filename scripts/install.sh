#!/usr/bin/env bash
# Installs the workspace from the registry with the pinned pnpm. better-sqlite3 compiles from
# source; where Node's headers ship with the system (/usr/include/node) node-gyp is pointed at
# them so nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f /usr/include/node/node.h ] && [ -z "${npm_config_nodedir:-}" ]; then export npm_config_nodedir=/usr; fi
export TURBO_TELEMETRY_DISABLED=1
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then
  npm install -g pnpm@12.4.2
fi
pnpm install --frozen-lockfile
./scripts/install-browser.sh
