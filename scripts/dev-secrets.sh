#!/usr/bin/env bash
# Creates .local/secrets.json (git-ignored), the file the local secret store (components/common/secretstore.yaml)
# reads: identity's RSA signing key, its refresh-token encryption key and the platform admin's password, and payment's
# and shipping's webhook signing secrets. Idempotent: an existing file keeps its values (keys, and the tokens signed with them, survive
# restarts); a secret added since it was written is added to it.
# Rotation by hand: move "identity-signing-current" to "identity-signing-previous", generate a new current key.
set -euo pipefail
cd "$(dirname "$0")/.."

file=.local/secrets.json
command -v openssl >/dev/null || { echo "[dev-secrets] openssl is required to generate the signing key" >&2; exit 2; }
command -v python3 >/dev/null || { echo "[dev-secrets] python3 is required to write $file" >&2; exit 2; }
if [ -f "$file" ]; then
  # Secrets added after the file was written (payment's and shipping's webhook secrets); the existing values stay as they are.
  WEBHOOK="$(openssl rand -hex 32)" SHIPPING_WEBHOOK="$(openssl rand -hex 32)" python3 - "$file" <<'PY'
import json, os, sys
path = sys.argv[1]
secrets = json.load(open(path))
added = [name for name in ("payment-webhook-secret", "shipping-webhook-secret") if name not in secrets]
for name in added:
    secrets[name] = os.environ["WEBHOOK"] if name.startswith("payment") else os.environ["SHIPPING_WEBHOOK"]
if added:
    json.dump(secrets, open(path, "w"), indent=2)
    print("[dev-secrets] added " + ", ".join(added) + " to " + path, file=sys.stderr)
PY
  echo "[dev-secrets] $file exists; leaving its values as they are" >&2
  exit 0
fi

mkdir -p .local
umask 077
signing=$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null)
encryption=$(openssl rand -base64 32)
password="Dev-$(openssl rand -hex 12)!"
webhook=$(openssl rand -hex 32)
shipping_webhook=$(openssl rand -hex 32)

SIGNING="$signing" ENCRYPTION="$encryption" PASSWORD="$password" WEBHOOK="$webhook" SHIPPING_WEBHOOK="$shipping_webhook" python3 - "$file" <<'PY'
import json, os, sys
json.dump({
    "identity-signing-current": os.environ["SIGNING"],
    "identity-token-encryption": os.environ["ENCRYPTION"],
    "identity-platform-admin-password": os.environ["PASSWORD"],
    "payment-webhook-secret": os.environ["WEBHOOK"],
    "shipping-webhook-secret": os.environ["SHIPPING_WEBHOOK"],
}, open(sys.argv[1], "w"), indent=2)
PY
echo "[dev-secrets] wrote $file (platform admin password: see identity-platform-admin-password in it;" >&2
echo "              identity applies a changed value to the existing platform admin when it next starts)" >&2
