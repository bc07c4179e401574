#!/usr/bin/env bash
# The local mail catcher for `make run`: smtp4dev (the dotnet tool Rnwood.Smtp4dev), installed once into .local/tools.
# SMTP on 127.0.0.1:2525 (what components/common/email.yaml names), the mails in the web UI at http://127.0.0.1:5080;
# messages kept in memory only. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=3.15.0
TOOLS=.local/tools
if [ ! -x "$TOOLS/smtp4dev" ]; then
  echo "[mail] installing Rnwood.Smtp4dev $VERSION into $TOOLS" >&2
  dotnet tool install --tool-path "$TOOLS" Rnwood.Smtp4dev --version "$VERSION" >&2
fi
echo "[mail] SMTP on 127.0.0.1:2525; read the mails at http://127.0.0.1:5080" >&2
exec "$TOOLS/smtp4dev" --smtpport=2525 --urls=http://127.0.0.1:5080 --db= --imapport= --pop3port= --tlsmode=None --hostname=localhost
