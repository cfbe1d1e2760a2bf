#!/usr/bin/env bash
# The README's test command: everything the tests need, then the tests.
#
#   bash tests/run.sh [PYTEST ARGS...]
#
# Run it inside a virtual environment of Python 3.10-3.13 (see README "Set-up"). It
# installs what is missing and nothing else:
#   - Chromium from Debian (/usr/bin/chromium) for the browser tests of graph.html,
#     driven by Playwright; a browser is never downloaded;
#   - Node.js and the npm packages of package-lock.json (npm ci) for the tests that
#     read the GraphML and GEXF exports with graphology;
#   - citegraph with its dev extra (pip install -e '.[dev]');
# then runs pytest. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'tests/run.sh: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

apt_updated=""
apt_install() {
    if ! command -v apt-get >/dev/null; then
        say "no apt-get here: install $* by hand (the browser and export tests need it)"
        return 1
    fi
    if [ -z "$apt_updated" ]; then
        as_root apt-get update -q </dev/null >/dev/null
        apt_updated=1
    fi
    say "installing $* from Debian"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" </dev/null >/dev/null
}

if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium || true
fi
if ! command -v npm >/dev/null; then
    apt_install nodejs npm || true
fi
if command -v npm >/dev/null; then
    npm ci --no-audit --no-fund --loglevel=error
fi

python -m pip install -q -e '.[dev]'
exec python -m pytest "$@"
