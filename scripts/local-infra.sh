#!/usr/bin/env bash
# Brings up what DaprShop's tests and local runs need on a Debian machine without Docker or systemd:
# PostgreSQL 15 and Redis, installed from Debian packages if missing, started if stopped. Idempotent.
# Prints the environment to export (connection strings) on stdout; progress goes to stderr.
set -euo pipefail

PG_VERSION=15
PG_USER=${DAPRSHOP_PG_USER:-daprshop}
PG_PASSWORD=${DAPRSHOP_PG_PASSWORD:-daprshop}
PG_PORT=${DAPRSHOP_PG_PORT:-5432}
REDIS_PORT=${DAPRSHOP_REDIS_PORT:-6379}
# Test assemblies run in parallel, each with several services holding connection pools, and every fixture's
# database drop needs a slot of its own: PostgreSQL's default of 100 runs out.
PG_MAX_CONNECTIONS=${DAPRSHOP_PG_MAX_CONNECTIONS:-500}

log() { echo "[local-infra] $*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  [ -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ] || missing+=("postgresql-$PG_VERSION" postgresql-client)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing ${missing[*]} and no apt-get here: install PostgreSQL $PG_VERSION and Redis, or run 'docker compose up -d' where a Docker engine runs"
    exit 2
  fi
  log "installing ${missing[*]} from Debian packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

start_postgres() {
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -q "^$PG_VERSION main$"; then
    log "creating PostgreSQL cluster $PG_VERSION/main"
    as_root pg_createcluster "$PG_VERSION" main --port "$PG_PORT" >&2
  fi
  local conf="/etc/postgresql/$PG_VERSION/main/conf.d/daprshop.conf"
  local wanted="max_connections = $PG_MAX_CONNECTIONS"
  local changed=no
  if [ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]; then
    echo "$wanted" | as_root tee "$conf" >/dev/null
    changed=yes
  fi
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL $PG_VERSION"
    as_root pg_ctlcluster "$PG_VERSION" main start >&2
  elif [ "$changed" = yes ]; then
    log "restarting PostgreSQL $PG_VERSION ($wanted)"
    as_root pg_ctlcluster "$PG_VERSION" main restart >&2
  fi
  for _ in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.2
  done
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || { log "PostgreSQL did not become ready"; exit 1; }
  # A login role that may create the per-service databases (tests create their own). pg_signal_backend: a test's
  # DROP DATABASE … WITH (FORCE) must be allowed to end an autovacuum worker that happens to be in that database
  # (without it PostgreSQL refuses the drop: "must be a member of the role whose process is being terminated").
  as_root runuser -u postgres -- psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD' CREATEDB;
  ELSE
    ALTER ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD' CREATEDB;
  END IF;
END
\$\$;
GRANT pg_signal_backend TO $PG_USER;
SQL
}

start_redis() {
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then return; fi
  log "starting Redis on $REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no >&2
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return
    sleep 0.1
  done
  log "Redis did not become ready"; exit 1
}

case "${1:-up}" in
  up)
    install_packages
    start_postgres
    start_redis
    echo "export DAPRSHOP_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=postgres'"
    echo "export DAPRSHOP_TEST_REDIS='127.0.0.1:$REDIS_PORT'"
    ;;
  *) echo "usage: $0 up" >&2; exit 64 ;;
esac
