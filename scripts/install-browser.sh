#!/usr/bin/env bash
# The dashboard's end-to-end tests drive Debian's chromium through playwright-core (no browser is
# downloaded by npm). Installs it with apt when it is missing and we are root; otherwise says what
# to do. CHROMIUM_PATH points the tests at another binary. The REST first-hour guide's test runs
# its `curl` lines as written, so curl is installed the same way when missing.
set -euo pipefail
if ! command -v curl >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: installing curl with apt (the REST first-hour guide's test runs its curl lines)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
  else
    echo "install-browser: curl is missing; install it (sudo apt-get install curl) for the REST guide's test" >&2
  fi
fi
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: installing chromium with apt (for the dashboard's browser tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "install-browser: $browser is missing; install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
fi
