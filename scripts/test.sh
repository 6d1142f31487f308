#!/usr/bin/env bash
# Runs every check: type-check, lint, and all jest projects (unit, workflow, replay, e2e) against a real
# PostgreSQL and a real Temporal server that the test setup starts. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "» type-check"
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.json --noEmit
echo "» lint"
npx eslint . --max-warnings=0
echo "» jest (unit, workflow, replay, chaos beside e2e and fuzz; then browser on its own)"
mkdir -p .data
rm -f .data/jest-results*.json
set +e
code=0
if [ $# -gt 0 ]; then
  npx jest --ci --json --outputFile=.data/jest-results.json "$@" || code=1
else
  # Two lanes at once (most of a suite's time is spent waiting on Temporal, PostgreSQL and timers: one lane leaves a
  # core idle): the e2e and fuzz suites, one file after another against their shared stack (their files act as
  # accounts of the same county, so they never run beside each other), and beside them the unit, workflow, replay and
  # chaos suites (each workflow file has its own time-skipping server, chaos its own stack). The e2e lane's output
  # follows when both have ended.
  npx jest --ci --json --outputFile=.data/jest-results-e2e.json --selectProjects e2e > .data/jest-e2e.log 2>&1 &
  e2e_pid=$!
  trap 'kill "$e2e_pid" 2>/dev/null' INT TERM
  npx jest --ci --json --outputFile=.data/jest-results.json --selectProjects unit workflow replay chaos || code=1
  wait "$e2e_pid" || code=1
  echo "» jest (e2e and fuzz, run beside the above)"
  cat .data/jest-e2e.log
  # The browser flow runs after the other suites, not beside them: the fuzz and e2e suites act as accounts of the
  # same county, and a loaded machine makes the browser's waits race them.
  echo "» jest (browser)"
  npx jest --ci --json --outputFile=.data/jest-results-browser.json --selectProjects browser || code=1
fi
set -e
node -e '
  const fs = require("fs");
  const files = fs.readdirSync(".data").filter((f) => /^jest-results.*\.json$/.test(f)).map((f) => require("./.data/" + f));
  const sum = (k) => files.reduce((n, r) => n + r[k], 0);
  console.log(`jest: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (sum("numPendingTests") ? `, ${sum("numPendingTests")} skipped` : ""));
  if (sum("numTotalTests") === 0) { console.error("no tests ran"); process.exit(1); }
' || code=1
exit $code
