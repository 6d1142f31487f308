#!/usr/bin/env bash
# Development: like start.sh (embedded PostgreSQL + Temporal dev server, migrations, seeded users), but the TypeScript
# compiler, the API and the worker run in watch mode (a saved change rebuilds and restarts them), and the web app's
# dev server runs too when package.json has a `dev:web` script. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "» building"
npm run --silent build
exec node dist/scripts/start-stack.js --dev
