#!/usr/bin/env bash
# The test command (README): prepares a fresh Debian 12 machine and runs every suite — .NET (SQLite and
# PostgreSQL), the add-in's unit and browser tests, the deployment files — then prints one line: `tests: N passed, M failed`.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/tests/results"
rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0
fail_step() { echo "FAILED: $1" >&2; failed=$((failed + 1)); }

# 1. Debian packages: PostgreSQL 15, Chromium for the browser tests, xmllint, LibreOffice Calc and poppler (pdftotext,
#    pdftoppm) for the workbook checks (opened, printed to PDF, pages read and drawn).
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}"
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || fail_step "apt-get install ${need[*]}"
fi

# 2. A throwaway PostgreSQL for the suites that run on both providers.
pgdir=$(mktemp -d /tmp/crm-ci-pg.XXXX)
pgport=$(( 20000 + RANDOM % 20000 ))
if CRM_TEST_PG=$(tests/pg.sh start "$pgdir" "$pgport"); then export CRM_TEST_PG; else fail_step "PostgreSQL start"; fi
# Stopped and removed at the end, whatever happens: each run's cluster is 1.1 GB (32 of them filled this machine's disk).
trap 'tests/pg.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT

# 2b. The OpenAPI tools (Redocly CLI lint, openapi-typescript): the Contract tests run them on the API's document.
(cd tests/openapi && npm ci --no-audit --no-fund --loglevel=error) || fail_step "OpenAPI tools (npm ci in tests/openapi)"

# 3. .NET: restore, build (warnings are errors), every MSTest project of the solution, results as TRX.
if dotnet build OutlookCrm.sln -nologo -v q -clp:ErrorsOnly; then
  dotnet test OutlookCrm.sln --no-build -nologo -v q --logger "trx" --results-directory "$results/dotnet" || true
  for trx in "$results"/dotnet/*.trx; do
    [ -e "$trx" ] || { fail_step "no .NET test results"; break; }
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters"); a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${a:-0}))
  done
else
  fail_step ".NET build"
fi

# 4. The add-in: npm packages, type-check and bundle, unit and browser tests (node --test).
if (cd addin && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent); then
  (cd addin && npm test 2>&1) | tee "$results/addin.log"
  p=$(grep -aoE '^(ℹ|#) pass [0-9]+' "$results/addin.log" | grep -oE '[0-9]+$' | tail -1)
  f=$(grep -aoE '^(ℹ|#) fail [0-9]+' "$results/addin.log" | grep -oE '[0-9]+$' | tail -1)
  [ -n "$p" ] || fail_step "add-in tests printed no summary"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
else
  fail_step "add-in build"
fi

# 5. Deployment files, offline (no container runtime here): compose.yaml against the compose-spec schema, each Dockerfile's
#    `dotnet publish` as written, the published API started as its image starts it. Each check counts as one test.
bash deploy/check.sh 2>&1 | tee "$results/deploy.log"
p=$(sed -n 's/^deploy: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$results/deploy.log")
f=$(sed -n 's/^deploy: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$results/deploy.log")
[ -n "$p" ] || fail_step "deployment checks printed no summary"
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
