#!/usr/bin/env bash
# The benchmark in one command: starts PostgreSQL and Redis (scripts/services.sh), builds the apps and the
# driver, and runs a scenario against the packaged wechat-sim and backend, which the driver starts itself
# (test profile: an emptied test database each run). Writes bench/results/<date>-<scenario>.md and exits 1
# when the run failed (an invariant broken, a wrong answer, nothing booked).
#
#   bench/run.sh flash [residents=20000] [arrival-seconds=5] [windows=20] [capacity=200]
#   bench/run.sh storm [requests-per-second=6000] [seconds=20]
#   bench/run.sh busy  [residents=5000] [arrivals-per-second=800] [seconds=90]
#   bench/run.sh documents [uploads-per-second=8] [seconds=30] [kib=10240]
#
# BENCH_BACKEND_JAVA_OPTS adds JVM options to the backend, e.g. a JFR recording:
#   BENCH_BACKEND_JAVA_OPTS="-XX:StartFlightRecording=filename=bench/target/backend.jfr,settings=profile"
# Do not run it while scripts/test.sh runs: both use the test database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
case "${1:-}" in
  flash|storm|busy|documents) ;;
  *) sed -n '7,10p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
esac
for tool in pgbench redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing (scripts/services.sh up installs PostgreSQL and Redis)" >&2; }
done
command -v wrk >/dev/null || echo "bench/run.sh: wrk is missing (apt-get install wrk): the HTTP ceiling falls back to the bench's own client" >&2
scripts/services.sh up
eval "$(scripts/services.sh env)"
./mvnw -B -q package -DskipTests -pl wechat-sim,backend,bench -am
exec java -Xmx2g -jar bench/target/bench.jar "$@"
