#!/usr/bin/env bash
# The README's second command (npm test): installs what the tests need and runs every test.
#   1. Debian packages (Chromium, fonts, PostgreSQL) when missing
#   2. npm dependencies, npm audit (high and critical advisories fail the run), build, typecheck, lint, drizzle-kit check
#   3. the web's unit tests (pure helpers, in Node)
#   4. server tests on the embedded engine (PGlite), then again on a PostgreSQL server started here
#   5. browser tests in Chromium against the built platform
# Ends with one line "Tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }

step "System packages"
bash scripts/ensure-system-deps.sh

step "npm dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ -n "${CI:-}" ]; then
  # No dependency may require a newer Node than the README promises (package.json "engines"): npm only warns,
  # so its output is kept and an engine warning fails the run.
  ci_log=$(mktemp)
  npm ci --no-audit --no-fund 2>&1 | tee "$ci_log"
  if grep -q 'EBADENGINE' "$ci_log"; then
    rm -f "$ci_log"
    echo "npm ci: a dependency requires another Node version than package.json's engines (EBADENGINE above)." >&2
    echo "Pin a release that supports it with \"overrides\" in package.json." >&2
    exit 1
  fi
  rm -f "$ci_log"
fi

step "npm audit (high and critical advisories, production and development dependencies)"
audit_status=0
bash scripts/npm-audit.sh || audit_status=1

step "Build"
npm run build

step "Typecheck and lint"
npm run typecheck
npm run lint

step "Migrations (drizzle-kit check: snapshots consistent, no two migrations colliding)"
bash scripts/db-check.sh  # the core's folder and every module's own

reports="$root/.test-tmp/reports"
rm -rf "$reports"
mkdir -p "$reports"

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then bash scripts/pg-test-server.sh stop "$pg_dir" || true; fi
}
trap cleanup EXIT

status=$audit_status

step "Web unit tests"
npx vitest run --project web --reporter=default --reporter=json --outputFile="$reports/web.json" || status=1

step "Server tests on PGlite (embedded PostgreSQL)"
MIDE_TEST_ENGINE=pglite npx vitest run --project server --reporter=default --reporter=json --outputFile="$reports/server-pglite.json" || status=1

step "Server tests on a PostgreSQL server"
pg_dir=$(mktemp -d /tmp/mide-pg-test.XXXXXX)
pg_port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
pg_url=$(bash scripts/pg-test-server.sh start "$pg_dir" "$pg_port")
echo "PostgreSQL $(ls -d /usr/lib/postgresql/*/ | sort -V | tail -1 | xargs basename) on 127.0.0.1:$pg_port"
MIDE_TEST_ENGINE=postgres MIDE_TEST_PG_URL="$pg_url" npx vitest run --project server --reporter=default --reporter=json --outputFile="$reports/server-postgres.json" || status=1
bash scripts/pg-test-server.sh stop "$pg_dir"
pg_dir=""

step "Browser tests (Chromium)"
npx vitest run --project e2e --reporter=default --reporter=json --outputFile="$reports/e2e.json" || status=1

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests || r.numFailedTestSuites;
    console.log(`${f.replace(".json", "")}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numFailedTestSuites} failed files`);
  }
  console.log(`Tests: ${passed} passed, ${failed} failed`);
' "$reports"
if [ "$audit_status" -ne 0 ]; then echo "npm audit found high or critical advisories (see the npm audit step above)"; fi
exit $status
