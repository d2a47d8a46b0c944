#!/usr/bin/env bash
# The benchmark in one command: starts PostgreSQL and Redis (scripts/services.sh), builds the apps and the
# driver, and runs a scenario against the packaged wechat-sim and backend, which the driver starts itself
# (test profile: an emptied test database each run). Writes bench/results/<date>-<scenario>.md and exits 1
# when an invariant was broken.
#
#   bench/run.sh flash [residents=20000] [arrival-seconds=5] [windows=20] [capacity=200]
#
# Do not run it while scripts/test.sh runs: both use the test database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/services.sh up
eval "$(scripts/services.sh env)"
./mvnw -B -q package -DskipTests -pl wechat-sim,backend,bench -am
exec java -Xmx1g -jar bench/target/bench.jar "$@"
