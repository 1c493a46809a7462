#!/usr/bin/env bash
# drizzle-kit check over every migrations folder: the core's (server/drizzle.config.ts) and each module's own
# (server/src/modules/<id>/drizzle.config.ts). Fails when a folder's snapshots and journal disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
for config in server/drizzle.config.ts server/src/modules/*/drizzle.config.ts; do
  [ -f "$config" ] || continue
  echo "drizzle-kit check --config $config"
  npx drizzle-kit check --config "$config"
done
