#!/usr/bin/env bash
# npm test: every test project. Browser tests need Debian's Chromium: install it when missing and we can.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install -y chromium' and try again." >&2
    exit 1
  fi
fi
if ! command -v java >/dev/null; then
  echo "Integration tests need Java 17+ for DynamoDB Local: install a JRE (e.g. 'apt-get install -y openjdk-17-jre-headless')." >&2
  exit 1
fi

# Lint first: Biome (lint + format check) and the CSS check fail in seconds, before anything slower.
npm run --silent lint
npx tsc --noEmit -p tsconfig.json
# Builds web/dist (the browser tests use it) and fails above the collector's 40 kB gzip initial JS budget.
npm run --silent check:size
npx vitest run "$@"
