#!/usr/bin/env bash
# The one test command (README: `npm test`; CI: .ci/run calls it after installing).
# Runs: type check, build, every node:test suite under test/ (service, LSP over stdio,
# grammar, differential against zc.buildout, integration with the real haproxy), then the
# end-to-end scenarios in code-server when test/e2e/run.sh exists. Ends with one line
# "N passed, N failed" summing all suites.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/test-results
mkdir -p "$OUT"
# One TAP/log file per run, so two overlapping runs (two engineers in one checkout) never mix their counts.
RUN_ID=$(date +%Y%m%d-%H%M%S)-$$
TAP=$OUT/node-$RUN_ID.tap
E2E_LOG=$OUT/e2e-$RUN_ID.log
find "$OUT" -maxdepth 1 \( -name "node-*.tap" -o -name "e2e-*.log" \) -mmin +1440 -delete 2>/dev/null
fail_setup=0

echo "== typecheck"; npx tsc -p . --noEmit || fail_setup=1
echo "== build"; node esbuild.mjs || fail_setup=1

# Suites may be limited with TEST_ONLY=<dir under test/> (e.g. TEST_ONLY=unit).
mapfile -t files < <(find test -name '*.test.ts' -not -path 'test/e2e/*' -not -path 'test/vscode/*' \
  -not -path '*/fixtures/*' ${TEST_ONLY:+-path "test/${TEST_ONLY}/*"} | sort)
echo "== node:test (${#files[@]} files)"
node --import tsx --test --test-concurrency=2 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$TAP" "${files[@]}"
node_rc=$?
# -a: a test may print binary junk (the fuzz suites), which must not turn grep into "Binary file matches".
pass=$(grep -aE '^# pass ' "$TAP" | awk '{s+=$3} END {print s+0}')
fail=$(grep -aE '^# fail ' "$TAP" | awk '{s+=$3} END {print s+0}')
skip=$(grep -aE '^# skipped ' "$TAP" | awk '{s+=$3} END {print s+0}')
if [ "$node_rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi

if [ -x test/e2e/run.sh ] && [ "${SKIP_E2E:-0}" != 1 ]; then
  echo "== e2e (code-server)"
  bash test/e2e/run.sh | tee "$E2E_LOG"
  e2e_rc=${PIPESTATUS[0]}
  line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed' "$E2E_LOG" | tail -1)
  ep=$(echo "$line" | awk '{print $1+0}'); ef=$(echo "$line" | awk '{print $3+0}')
  pass=$((pass + ${ep:-0})); fail=$((fail + ${ef:-0}))
  if [ "$e2e_rc" -ne 0 ] && [ "${ef:-0}" -eq 0 ]; then fail=$((fail + 1)); fi
fi

if [ "$fail_setup" -ne 0 ]; then fail=$((fail + 1)); echo "typecheck or build failed"; fi
echo
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
