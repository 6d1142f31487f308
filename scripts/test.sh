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
echo "» jest (unit, workflow, replay, e2e, browser)"
mkdir -p .data
set +e
npx jest --ci --json --outputFile=.data/jest-results.json "$@"
code=$?
set -e
node -e '
  const r = require("./.data/jest-results.json");
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no tests ran"); process.exit(1); }
' || code=1
exit $code
