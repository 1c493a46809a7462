#!/usr/bin/env bash
# The README's first command (npm run quickstart): install, build, and serve on the embedded database.
# The first start creates the database in ./var (or MIDE_DATA_DIR), applies migrations and loads the bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing dependencies"
  npm ci --no-audit --no-fund
fi
echo "==> Building"
npm run build --silent
echo "==> Starting"
exec node server/bin/mide.js serve "$@"
