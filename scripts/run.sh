#!/usr/bin/env bash
# Runs the whole system locally: PostgreSQL and Redis (scripts/services.sh), then the backend, the
# notification-worker and wechat-sim, built from this checkout. Ctrl-C stops the apps; the servers
# keep running until `scripts/services.sh down`. Logs go to .local/logs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BACKEND_PORT=${MZ_BACKEND_PORT:-8080}
WORKER_PORT=${MZ_WORKER_PORT:-8081}
SIM_PORT=${MZ_WECHAT_SIM_PORT:-8090}
export MZ_BACKEND_PORT=$BACKEND_PORT MZ_WORKER_PORT=$WORKER_PORT MZ_WECHAT_SIM_PORT=$SIM_PORT
LOGS=.local/logs

scripts/services.sh up
eval "$(scripts/services.sh env)"

for port in "$BACKEND_PORT" "$WORKER_PORT" "$SIM_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "run.sh: port $port is taken; stop what uses it or set MZ_BACKEND_PORT, MZ_WORKER_PORT, MZ_WECHAT_SIM_PORT" >&2
    exit 1
  fi
done

echo "run.sh: building (tests skipped; scripts/test.sh runs them)"
./mvnw -B -q -DskipTests package

mkdir -p "$LOGS"
# the first administrator of the local system; its password is generated once and kept with the data
admin_password_file=.local/admin-password
[ -s "$admin_password_file" ] || (umask 077; head -c 12 /dev/urandom | base64 | tr -d '/+=' > "$admin_password_file")
export MINZHENG_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD; MINZHENG_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD=$(cat "$admin_password_file")
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

# Local runs use the dev profile: readable logs, and (once identity lands) the fixed test keys.
start() {
  local name=$1
  QUARKUS_PROFILE=dev java -jar "$name/target/quarkus-app/quarkus-run.jar" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}
start wechat-sim
start backend
start notification-worker

wait_ready() {
  local name=$1 port=$2 i
  for i in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "run.sh: $name did not become ready; see $LOGS/$name.log" >&2
  tail -20 "$LOGS/$name.log" >&2
  exit 1
}
wait_ready wechat-sim "$SIM_PORT"
wait_ready backend "$BACKEND_PORT"
wait_ready notification-worker "$WORKER_PORT"

cat <<MSG

minzheng is running:
  API base        http://localhost:$BACKEND_PORT/api/v1
  Swagger UI      http://localhost:$BACKEND_PORT/q/swagger-ui
  OpenAPI         http://localhost:$BACKEND_PORT/q/openapi
  Health          http://localhost:$BACKEND_PORT/q/health
  Metrics         http://localhost:$BACKEND_PORT/q/metrics
  Worker health   http://localhost:$WORKER_PORT/q/health
  wechat-sim      http://localhost:$SIM_PORT (stands in for WeChat; POST /sim/wx-login {"name":"alice"} gives a login code)
Staff sign-in: admin / the password in $admin_password_file
Logs in $LOGS/. Press Ctrl-C to stop the apps (scripts/services.sh down stops the servers).
MSG
wait
