#!/usr/bin/env bash
# The run command (README): the whole product on the embedded default — SQLite file, demo data,
# local development sign-in — API and task pane on http://localhost:5080, the sync worker beside it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${PORT:-5080}
data=${CRM_DATA:-$root/.artifacts/embedded}
mkdir -p "$data"

echo "Building the task pane (npm)…"
(cd addin && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
echo "Building the API and the worker (dotnet)…"
dotnet build OutlookCrm.sln -nologo -v q -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS="http://localhost:$port"
export Database__Provider=Sqlite
export Database__ConnectionString="Data Source=$data/outlookcrm.db"

dotnet run --project api/OutlookCrm.Api.csproj --no-build --no-launch-profile &
api=$!
trap 'kill $api ${worker:-} 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 60); do curl -fs "http://localhost:$port/dev/users" >/dev/null 2>&1 && break; sleep 1; done

# The worker in dry-run: it reads the CRM's change feed and prints what it would write to each
# rep's Outlook, without a Microsoft 365 tenant. See sync-worker/README.md for a real tenant.
export Crm__BaseAddress="http://localhost:$port"
dotnet run --project sync-worker/OutlookCrm.SyncWorker.csproj --no-build --no-launch-profile -- --dry-run &
worker=$!

cat <<TXT

OutlookCrm is running on the embedded default.
  Task pane with the development mailbox simulator: http://localhost:$port/addin/dev.html
  Manifest for sideloading against this host:       http://localhost:$port/manifest.xml
  OpenAPI document:                                  http://localhost:$port/openapi/v1.json
  Database file:                                     $data/outlookcrm.db
  Sign in: pick a demo user in the task pane (development sign-in), or POST /dev/token {"userId": N}.
Press Ctrl+C to stop.
TXT
wait $api
