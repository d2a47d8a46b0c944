#!/usr/bin/env bash
# Runs every test of every module against real PostgreSQL and Redis, which it starts (and installs
# on Debian/Ubuntu when missing) with scripts/services.sh. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/services.sh up
eval "$(scripts/services.sh env)"
./mvnw -B verify "$@"
