#!/usr/bin/env bash
# Creates .local/secrets.json (git-ignored), the file the local secret store (components/common/secretstore.yaml)
# reads: identity's RSA signing key, its refresh-token encryption key and the platform admin's password.
# Idempotent: an existing file is left alone, so keys (and the tokens signed with them) survive restarts.
# Rotation by hand: move "identity-signing-current" to "identity-signing-previous", generate a new current key.
set -euo pipefail
cd "$(dirname "$0")/.."

file=.local/secrets.json
if [ -f "$file" ]; then
  echo "[dev-secrets] $file exists; leaving it as is" >&2
  exit 0
fi
command -v openssl >/dev/null || { echo "[dev-secrets] openssl is required to generate the signing key" >&2; exit 2; }
command -v python3 >/dev/null || { echo "[dev-secrets] python3 is required to write $file" >&2; exit 2; }

mkdir -p .local
umask 077
signing=$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null)
encryption=$(openssl rand -base64 32)
password="Dev-$(openssl rand -hex 12)!"

SIGNING="$signing" ENCRYPTION="$encryption" PASSWORD="$password" python3 - "$file" <<'PY'
import json, os, sys
json.dump({
    "identity-signing-current": os.environ["SIGNING"],
    "identity-token-encryption": os.environ["ENCRYPTION"],
    "identity-platform-admin-password": os.environ["PASSWORD"],
}, open(sys.argv[1], "w"), indent=2)
PY
echo "[dev-secrets] wrote $file (platform admin password: see identity-platform-admin-password in it)" >&2
