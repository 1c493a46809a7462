#!/usr/bin/env bash
# Proves that `npm run new-module` writes a module that works: generates a skeleton in place, checks that it
# touches nothing outside its folders but one line in each registry, runs typecheck, lint, the catalogue and
# migration checks, the skeleton's own tests and the platform-wide walks that must take it in by themselves
# (authorization, restore round trip, privacy, route fuzzer) on PGlite (and on PostgreSQL when MIDE_TEST_PG_URL is
# set), builds, runs its browser test, then removes it and rebuilds. Prints the time of each step.
#
#   npm run new-module:check                 # id scaffold_probe; about 15 minutes
#   npm run new-module:check -- my_module    # another id
#   MIDE_CHECK_FULL=1 npm run new-module:check   # the whole server and browser suites instead of the walks
#
# Needs a clean work tree (it counts the files the skeleton touches with git status, and leaves none behind).
set -euo pipefail
cd "$(dirname "$0")/.."
id=${1:-scaffold_probe}

if [ -n "$(git status --porcelain)" ]; then
  echo "new-module-check: the work tree has changes; commit or stash them first." >&2
  exit 1
fi

generated=0
cleanup() {
  if [ "$generated" = 1 ]; then
    node scripts/new-module.mjs --remove "$id" || true
    rm -rf "server/dist/modules/$id"
  fi
}
trap cleanup EXIT

timings=()
step() {
  local name=$1
  shift
  printf '\n==> %s\n' "$name"
  local start=$SECONDS
  "$@"
  timings+=("$(printf '%5ss  %s' $((SECONDS - start)) "$name")")
}

touched_outside() {
  git status --porcelain --untracked-files=all | cut -c4- | grep -v -e "^server/src/modules/$id/" -e "^web/src/modules/$id/" -e "^e2e/$id/" || true
}

check_footprint() {
  local outside
  outside=$(touched_outside)
  echo "Files outside the module's folders: $(echo "$outside" | grep -c . || true)"
  echo "$outside" | sed 's/^/  /'
  git diff --numstat -- server/src/modules/index.ts web/src/modules/index.ts | awk '{ printf "  %s: +%s -%s lines\n", $3, $1, $2 }'
  if [ "$outside" != "$(printf 'server/src/modules/index.ts\nweb/src/modules/index.ts')" ]; then
    echo "new-module-check: the skeleton touched more than the two registries." >&2
    return 1
  fi
  echo "Files in the module's folders: $(git status --porcelain --untracked-files=all | cut -c4- | grep -c -e "^server/src/modules/$id/" -e "^web/src/modules/$id/" -e "^e2e/$id/")"
}

server_tests() {
  if [ -n "${MIDE_CHECK_FULL:-}" ]; then
    npx vitest run --project server
  else
    npx vitest run --project server "server/src/modules/$id" server/src/core/access/authorization.test.ts \
      server/src/core/db/restore-roundtrip.test.ts server/src/modules/privacy.test.ts server/src/core/http/fuzz.test.ts
  fi
}

with_engine() {
  local engine=$1
  shift
  MIDE_TEST_ENGINE=$engine "$@"
}

e2e_tests() {
  if [ -n "${MIDE_CHECK_FULL:-}" ]; then npx vitest run --project e2e; else npx vitest run --project e2e "e2e/$id/"; fi
}

removed_cleanly() {
  node scripts/new-module.mjs --remove "$id"
  generated=0
  rm -rf "server/dist/modules/$id"
  if [ -n "$(git status --porcelain)" ]; then
    git status --porcelain >&2
    echo "new-module-check: removing the skeleton left changes behind." >&2
    return 1
  fi
}

step "Generate the skeleton ($id)" node scripts/new-module.mjs "$id"
generated=1
step "Footprint" check_footprint
step "Typecheck" npm run typecheck
step "Lint" npm run lint
step "Catalogues (web)" npm run check:i18n -w web
step "drizzle-kit check (every migrations folder)" bash scripts/db-check.sh
step "Web unit tests" npx vitest run --project web
step "Build (web and server)" npm run build
step "Server tests on PGlite" with_engine pglite server_tests
if [ -n "${MIDE_TEST_PG_URL:-}" ]; then
  step "Server tests on PostgreSQL" with_engine postgres server_tests
fi
step "Browser test of its page" e2e_tests
step "Remove it" removed_cleanly
step "Rebuild without it" npm run build

printf '\nnew-module-check passed for "%s":\n' "$id"
printf '%s\n' "${timings[@]}"
