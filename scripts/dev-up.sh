#!/usr/bin/env bash
# What `make run` needs before the apps start: databases (compose where a Docker engine runs, else Debian
# packages as CI does, else a clear message), then the development secrets file.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "[dev-up] Docker engine found: docker compose up -d postgres redis" >&2
  docker compose up -d --wait postgres redis >&2
elif command -v apt-get >/dev/null 2>&1; then
  echo "[dev-up] no Docker engine: PostgreSQL and Redis from Debian packages" >&2
  scripts/local-infra.sh up >/dev/null
else
  echo "[dev-up] need PostgreSQL 15 on 127.0.0.1:5432 (role daprshop/daprshop with CREATEDB) and Redis on 127.0.0.1:6379:" >&2
  echo "         install Docker (then 'docker compose up -d') or PostgreSQL + Redis from your package manager." >&2
  exit 2
fi
scripts/dev-secrets.sh
