#!/usr/bin/env bash
# The run command (README): the whole product on the embedded default — SQLite file, demo data,
# local development sign-in — API and task pane on http://localhost:5080 and https://localhost:5443 (the
# development certificate: Outlook on the web and new Outlook load add-ins over HTTPS only), the sync worker beside it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${PORT:-5080}
https_port=${HTTPS_PORT:-5443}
data=${CRM_DATA:-$root/.artifacts/embedded}
mkdir -p "$data"

echo "Building the task pane (npm)…"
(cd addin && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
echo "Building the API and the worker (dotnet)…"
dotnet build OutlookCrm.sln -nologo -v q -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT=Development
# HTTPS with the .NET development certificate (created once per user, offline; trusting it is a README step).
# Kestrel uses it for https URLs in Development; the served manifests point at the HTTPS address.
if dotnet dev-certs https --check --quiet >/dev/null 2>&1 || dotnet dev-certs https --quiet >/dev/null 2>&1; then
  export ASPNETCORE_URLS="http://localhost:$port;https://localhost:$https_port"
  export Addin__PublicBaseUrl="https://localhost:$https_port"
  https_note="  Manifests for sideloading (HTTPS, trust the certificate first, see addin/README.md):
                                                     https://localhost:$https_port/manifest.xml
                                                     https://localhost:$https_port/manifest.zip (unified manifest app package)"
else
  echo "No development certificate (dotnet dev-certs https failed): serving HTTP only, the pane cannot be sideloaded." >&2
  export ASPNETCORE_URLS="http://localhost:$port"
  https_note="  Manifest (HTTP only: not loadable by Outlook on the web): http://localhost:$port/manifest.xml"
fi
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
$https_note
  OpenAPI document:                                  http://localhost:$port/openapi/v1.json
  Database file:                                     $data/outlookcrm.db
  Sign in: pick a demo user in the task pane (development sign-in), or POST /dev/token {"userId": N}.
Press Ctrl+C to stop.
TXT
wait $api
