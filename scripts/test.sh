#!/usr/bin/env bash
# Runs every test of every module against real PostgreSQL and Redis, which it starts (and installs
# on Debian/Ubuntu when missing) with scripts/services.sh, and the staff console's end-to-end tests in
# Debian's Chromium driven by playwright-core (installed here too). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk) # Chinese on the console's screenshots
command -v npm >/dev/null || missing+=(nodejs npm) # playwright-core wants Node.js 20 or newer (Debian 12's is 18)
command -v kubectl >/dev/null || missing+=(kubernetes-client) # k8s/'s tests render the overlays with kubectl kustomize
command -v wrk >/dev/null || missing+=(wrk) # bench/'s smoke measures the HTTP ceiling with wrk
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "test.sh: missing ${missing[*]}: install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}), then run this again" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]} with apt-get" >&2
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "test.sh: Node.js $node_major is too old for playwright-core: install Node.js 20 or newer" >&2; exit 1; }
[ -d backend/src/test/e2e/node_modules/playwright-core ] || (cd backend/src/test/e2e && npm ci --no-audit --no-fund --loglevel=error)

scripts/services.sh up
eval "$(scripts/services.sh env)"
./mvnw -B verify "$@"
