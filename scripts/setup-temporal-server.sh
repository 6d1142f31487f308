#!/usr/bin/env bash
# Builds the Temporal server (the production cluster binary) and its SQL schema tool with go install into
# tools/go/bin, and copies the server's SQL schema to tools/go/temporal-schema. Used by the national-scale
# benchmark (npm run bench:scale), never by the test command. About 4 minutes on 2 cores; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=v1.29.1
STAMP=tools/go/.temporal-server
if [ -x tools/go/bin/temporal-server ] && [ -x tools/go/bin/temporal-sql-tool ] && [ -d tools/go/temporal-schema ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "✗ Go is needed to build the Temporal server (go install go.temporal.io/server/cmd/server@$VERSION), or set TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH and TEMPORAL_SCHEMA_DIR." >&2
  exit 1
fi
echo "» building Temporal server $VERSION and temporal-sql-tool into tools/go/bin (about 4 minutes)"
BUILD=$(mktemp -d)
GOBIN="$BUILD" go install "go.temporal.io/server/cmd/server@$VERSION"
GOBIN="$BUILD" go install "go.temporal.io/server/cmd/tools/sql@$VERSION"
mkdir -p tools/go/bin
mv "$BUILD/server" tools/go/bin/temporal-server
mv "$BUILD/sql" tools/go/bin/temporal-sql-tool
rm -rf "$BUILD" tools/go/temporal-schema
cp -a "$(go env GOMODCACHE)/go.temporal.io/server@$VERSION/schema" tools/go/temporal-schema
chmod -R u+w tools/go/temporal-schema
echo "$VERSION" > "$STAMP"
