#!/usr/bin/env bash
# Local PostgreSQL and Redis for development and tests, without Docker.
#
#   scripts/services.sh up       start both (installing Debian/Ubuntu packages when missing and root)
#   scripts/services.sh down     stop both
#   scripts/services.sh status   what runs where
#   scripts/services.sh env      connection settings as `export` lines: eval "$(scripts/services.sh env)"
#
# Data lives in .local/services (git-ignored). Servers listen on 127.0.0.1 only, on non-default
# ports so they never collide with a system server: MZ_PG_PORT (default 55432) and
# MZ_REDIS_PORT (default 56379). Passwords are generated on first start and kept in the data folder.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${MZ_SERVICES_DIR:-$ROOT/.local/services}
PG_PORT=${MZ_PG_PORT:-55432}
REDIS_PORT=${MZ_REDIS_PORT:-56379}
PG_DIR=$DATA/postgres
REDIS_DIR=$DATA/redis
DB_USER=minzheng
DB_NAME=minzheng
TEST_DB_NAME=minzheng_test

die() { echo "services.sh: $*" >&2; exit 1; }
log() { echo "services.sh: $*" >&2; }

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    local major=${dir#/usr/lib/postgresql/}; major=${major%%/*}
    if [ "$major" -ge 15 ] && [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

redis_bin() { command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; }; }

# Installs what is missing when we may (root on Debian/Ubuntu); otherwise says what to install.
ensure_packages() {
  local missing=()
  pg_bindir >/dev/null || missing+=(postgresql)
  [ -n "$(redis_bin)" ] || missing+=(redis-server)
  command -v psql >/dev/null || missing+=(postgresql-client)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    die "missing ${missing[*]}: install PostgreSQL 15 or newer and Redis 7 (Debian/Ubuntu: sudo apt-get install postgresql redis-server), then run this again"
  fi
  log "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  pg_bindir >/dev/null || die "PostgreSQL 15 or newer is still missing after apt-get install; install it by hand"
  [ -n "$(redis_bin)" ] || die "redis-server is still missing after apt-get install; install it by hand"
}

# PostgreSQL refuses to run as root: as root we run it as the `postgres` system user.
pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

secret() {
  local file=$1
  if [ ! -s "$file" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$file")
  fi
  cat "$file"
}

pg_running() { [ -d "$PG_DIR/data" ] && as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

pg_up() {
  local bin; bin=$(pg_bindir)
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres: "$PG_DIR"
    # postgres must be able to reach the data folder through the project's parents
    local d=$PG_DIR; while [ "$d" != / ]; do d=$(dirname "$d"); chmod o+x "$d" 2>/dev/null || true; done
  fi
  local password; password=$(secret "$DATA/pg-password")
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $PG_DIR/data"
    local pwfile="$PG_DIR/.initpw"
    (umask 077; printf '%s\n' "$password" > "$pwfile")
    [ "$(id -u)" -eq 0 ] && chown postgres: "$pwfile"
    as_pg "$bin/initdb" -D "$PG_DIR/data" -U "$DB_USER" --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
  fi
  if pg_running; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    # a crash can leave a stale pid file behind; pg_ctl status said no server runs, so it is safe to drop
    rm -f "$PG_DIR/data/postmaster.pid"
    as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=200 -c fsync=${MZ_PG_FSYNC:-on}" >/dev/null \
      || { tail -20 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
    log "PostgreSQL started on 127.0.0.1:$PG_PORT"
  fi
  local db
  for db in "$DB_NAME" "$TEST_DB_NAME"; do
    if ! PGPASSWORD=$password psql -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
      PGPASSWORD=$password psql -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE $db OWNER $DB_USER" >&2
      log "created database $db"
    fi
  done
}

pg_down() {
  if pg_running; then
    as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
    log "PostgreSQL stopped"
  else
    log "PostgreSQL was not running"
  fi
}

redis_cli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning -a "$(secret "$DATA/redis-password")" "$@"; }
redis_running() { redis_cli ping 2>/dev/null | grep -q PONG; }

redis_up() {
  mkdir -p "$REDIS_DIR"
  local password; password=$(secret "$DATA/redis-password")
  if redis_running; then
    log "Redis already running on 127.0.0.1:$REDIS_PORT"
    return 0
  fi
  rm -f "$REDIS_DIR/redis.pid"
  (umask 077; cat > "$REDIS_DIR/redis.conf" <<CONF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
requirepass $password
daemonize yes
pidfile $REDIS_DIR/redis.pid
logfile $REDIS_DIR/redis.log
dir $REDIS_DIR
appendonly yes
save ""
CONF
)
  "$(redis_bin)" "$REDIS_DIR/redis.conf"
  local i
  for i in $(seq 1 50); do redis_running && break; sleep 0.2; done
  redis_running || { tail -20 "$REDIS_DIR/redis.log" >&2; die "Redis did not start"; }
  log "Redis started on 127.0.0.1:$REDIS_PORT"
}

redis_down() {
  if redis_running; then
    redis_cli shutdown nosave >/dev/null 2>&1 || true
    local i; for i in $(seq 1 50); do redis_running || break; sleep 0.2; done
    log "Redis stopped"
  else
    log "Redis was not running"
  fi
}

print_env() {
  [ -s "$DATA/pg-password" ] && [ -s "$DATA/redis-password" ] || die "services were never started: run scripts/services.sh up"
  local pg; pg=$(cat "$DATA/pg-password")
  local redis; redis=$(cat "$DATA/redis-password")
  cat <<ENV
export QUARKUS_DATASOURCE_USERNAME=$DB_USER
export QUARKUS_DATASOURCE_PASSWORD=$pg
export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/$DB_NAME
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME
export QUARKUS_REDIS_HOSTS=redis://:$redis@127.0.0.1:$REDIS_PORT/0
export _TEST_QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/$TEST_DB_NAME
export _TEST_QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$TEST_DB_NAME
export _TEST_QUARKUS_REDIS_HOSTS=redis://:$redis@127.0.0.1:$REDIS_PORT/1
ENV
}

status() {
  local rc=0
  if pg_bindir >/dev/null && pg_running; then echo "postgresql: running on 127.0.0.1:$PG_PORT (data $PG_DIR/data, databases $DB_NAME, $TEST_DB_NAME)"
  else echo "postgresql: stopped"; rc=3; fi
  if [ -n "$(redis_bin)" ] && [ -s "$DATA/redis-password" ] && redis_running; then echo "redis: running on 127.0.0.1:$REDIS_PORT (data $REDIS_DIR)"
  else echo "redis: stopped"; rc=3; fi
  return $rc
}

case "${1:-}" in
  up) ensure_packages; mkdir -p "$DATA"; pg_up; redis_up ;;
  down) pg_bindir >/dev/null && pg_down; [ -n "$(redis_bin)" ] && [ -s "$DATA/redis-password" ] && redis_down; true ;;
  status) status ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
