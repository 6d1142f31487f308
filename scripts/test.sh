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
echo "» jest (unit, workflow, replay, e2e, chaos; then browser on its own)"
mkdir -p .data
rm -f .data/jest-results*.json
set +e
code=0
if [ $# -gt 0 ]; then
  npx jest --ci --json --outputFile=.data/jest-results.json "$@" || code=1
else
  # The browser flow runs after the other suites, not beside them: the fuzz and e2e suites act as accounts of the
  # same county, and a loaded machine makes the browser's waits race them.
  npx jest --ci --json --outputFile=.data/jest-results.json --selectProjects unit workflow replay e2e chaos || code=1
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
