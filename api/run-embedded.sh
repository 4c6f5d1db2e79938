#!/usr/bin/env bash
# The run command (README): the whole product on the embedded default — SQLite file, demo data,
# local development sign-in — API and task pane on http://localhost:$PORT (5080) and https://localhost:$HTTPS_PORT
# (5443, the .NET development certificate: Outlook on the web and new Outlook load add-ins over HTTPS only),
# the sync worker in dry-run.
#   PORT        HTTP port of the API and task pane (default 5080)
#   HTTPS_PORT  HTTPS port (default 5443)
#   CRM_DATA  data folder: SQLite file, worker state, logs, the worker's plan (default ~/.local/share/outlookcrm)
# Nothing is written into the clone except build output (bin/, obj/, addin/node_modules, addin/dist: git-ignored).
# Each step is a function, so another step (e.g. HTTPS certificates) slots into main without touching the others.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-5080}
https_port=${HTTPS_PORT:-5443}
data=${CRM_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/outlookcrm}
logs="$data/logs"
base_url="http://localhost:$port"
api_urls=$base_url
t0=$SECONDS

step() { printf '[%3ss] %s\n' "$((SECONDS - t0))" "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

# Newer than the stamp: any file of the given folders, outside build output and node_modules.
changed_since() {
  local stamp=$1; shift
  [ -e "$stamp" ] || return 0
  [ -n "$(find "$@" \( -name bin -o -name obj -o -name node_modules -o -name dist \) -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)" ]
}

build_addin() {
  cd "$root/addin"
  if [ ! -e node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing the task pane's npm packages (first start: ~15 s)…"
    npm ci --no-audit --no-fund --loglevel=error >"$logs/build-addin.log" 2>&1 || { tail -20 "$logs/build-addin.log"; fail "npm ci (log: $logs/build-addin.log)"; }
  fi
  if changed_since dist/.built src tools assets package.json tsconfig.json "$root/manifest.xml"; then
    step "Building the task pane (TypeScript, esbuild)…"
    npm run build --silent >"$logs/build-addin.log" 2>&1 || { tail -20 "$logs/build-addin.log"; fail "task pane build (log: $logs/build-addin.log)"; }
    touch dist/.built
  else
    step "Task pane: up to date."
  fi
  cd "$root"
}

# Where `dotnet build` puts a project's dll (CRM_ARTIFACTS: the artifacts layout of Directory.Build.props).
dll_of() {
  if [ -n "${CRM_ARTIFACTS:-}" ]; then echo "$CRM_ARTIFACTS/bin/$1/debug/$1.dll"; else echo "$root/$2/bin/Debug/net10.0/$1.dll"; fi
}

build_dotnet() {
  api_dll=$(dll_of OutlookCrm.Api api)
  worker_dll=$(dll_of OutlookCrm.SyncWorker sync-worker)
  local stamp; stamp="$(dirname "$api_dll")/.run-embedded.built"
  if [ -e "$worker_dll" ] && ! changed_since "$stamp" "$root/api" "$root/sync-worker" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json"; then
    step "API and worker: up to date."
    return
  fi
  step "Building the API and the sync worker (dotnet; first start: a few minutes on 2 cores)…"
  for project in api/OutlookCrm.Api.csproj sync-worker/OutlookCrm.SyncWorker.csproj; do
    dotnet build "$root/$project" -nologo -v q -clp:ErrorsOnly >"$logs/build-dotnet.log" 2>&1 \
      || { tail -30 "$logs/build-dotnet.log"; fail "dotnet build $project (log: $logs/build-dotnet.log)"; }
  done
  touch "$stamp"
  step "Built."
}

# HTTPS with the .NET development certificate (created once per user, offline; trusting it is a README step).
# Kestrel uses it for https URLs in Development; the served manifests point at the HTTPS address.
setup_https() {
  if dotnet dev-certs https --check --quiet >/dev/null 2>&1 || dotnet dev-certs https --quiet >/dev/null 2>&1; then
    api_urls="$base_url;https://localhost:$https_port"
    export Addin__PublicBaseUrl="https://localhost:$https_port"
    manifest_lines="   Manifests for sideloading (HTTPS; trust the certificate first, see addin/README.md):
                                  https://localhost:$https_port/manifest.xml
                                  https://localhost:$https_port/manifest.zip (unified manifest app package)"
  else
    step "No development certificate (dotnet dev-certs https failed): HTTP only, the pane cannot be sideloaded."
    manifest_lines="   Manifest (HTTP only: not loadable by Outlook on the web)  $base_url/manifest.xml"
  fi
}

# The API's console goes to its log file; its own progress lines (database, migrations, demo data) are echoed here.
start_api() {
  step "Starting the API on ${api_urls//;/ and } (log: $logs/api.log)…"
  (
    cd "$data"
    export ASPNETCORE_ENVIRONMENT=Development DOTNET_NOLOGO=1
    export Database__Provider=Sqlite Database__ConnectionString="Data Source=$data/outlookcrm.db"
    export Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true
    export Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss "
    exec dotnet "$api_dll" --urls "$api_urls" --contentRoot "$root/api"
  ) >"$logs/api.log" 2>&1 &
  api_pid=$!
  local shown=0 lines
  for _ in $(seq 1 1200); do
    lines=$(wc -l <"$logs/api.log")
    if [ "$lines" -gt "$shown" ]; then
      sed -n "$((shown + 1)),${lines}p" "$logs/api.log" \
        | grep -E ' (OutlookCrm|Microsoft\.EntityFrameworkCore\.Migrations)\[|^(fail|crit)' \
        | grep -v 'Acquiring an exclusive lock' \
        | sed -E 's/^[0-9:]+ //; s/^(info|warn|fail|crit): [A-Za-z.]+\[[0-9]+\] /\1 /; s/^info //' \
        | while IFS= read -r line; do step "  $line"; done || true
      shown=$lines
    fi
    curl -fs "$base_url/health/ready" >/dev/null 2>&1 && { step "API ready."; return; }
    kill -0 "$api_pid" 2>/dev/null || { tail -20 "$logs/api.log"; fail "the API stopped (log: $logs/api.log; port $port busy? set PORT)"; }
    sleep 0.5
  done
  fail "the API did not become ready in 10 minutes (log: $logs/api.log)"
}

# The worker in dry-run: one pass over the CRM's change feed, planning what it would write to each rep's Outlook
# without a Microsoft 365 tenant (sync-worker/README.md for a real one). Its plan goes to a file; here, a line per mailbox.
run_worker_plan() {
  plan="$logs/sync-plan.log"
  step "Sync worker dry-run: planning each rep's Outlook contacts and calendar (full plan: $plan)…"
  (
    cd "$data"
    export DOTNET_NOLOGO=1 Crm__BaseAddress="$base_url" Sync__StateDirectory="$data/sync-state"
    export Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true
    exec dotnet "$worker_dll" --dry-run
  ) >"$plan" 2>&1 &
  worker_pid=$!
  for _ in $(seq 1 240); do kill -0 "$worker_pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$worker_pid" 2>/dev/null; then
    step "  (still planning after 2 minutes; it goes on in the background, see $plan)"
    return
  fi
  wait "$worker_pid" || step "  the worker stopped with an error: see $plan"
  summarise_plan "$plan"
}

# "<upn> <loop> [dry-run]: created N, updated N, deleted N, …" per mailbox and loop → one line per mailbox, contacts
# then calendar whichever loop finished first (the mailboxes' loops run in parallel).
summarise_plan() {
  awk '
    match($0, /[^ ]+@[^ ]+ (contacts|calendar) \[dry-run\]: created [0-9]+, updated [0-9]+, deleted [0-9]+/) {
      split(substr($0, RSTART, RLENGTH), f, /[ :,]+/)
      box = f[1]; if (!(box in seen)) { seen[box] = 1; order[++n] = box }
      text[box, f[2]] = sprintf("%s +%s ~%s -%s", f[2], f[5], f[7], f[9])
    }
    END {
      if (n == 0) { print "  no mailbox planned (see the plan file)"; exit }
      for (i = 1; i <= n; i++) {
        line = ""
        if ((order[i], "contacts") in text) line = text[order[i], "contacts"]
        if ((order[i], "calendar") in text) line = line (line == "" ? "" : ", ") text[order[i], "calendar"]
        printf "  %-40s %s\n", order[i], line
      }
      print "  (+ create, ~ update, - delete in Outlook)"
    }' "$1" | while IFS= read -r line; do step "$line"; done
}

banner() {
  cat <<TXT

==============================================================================
 OutlookCrm is running (embedded: SQLite, demo data, development sign-in)
   Task pane + mailbox simulator  $base_url/addin/dev.html
$manifest_lines
   OpenAPI document               $base_url/openapi/v1.json
   Health                         $base_url/health/ready
   Sign in: pick a demo user in the task pane (e.g. Julien Moreau, a rep),
            or POST $base_url/dev/token {"userId": N}
   Data folder (CRM_DATA)         $data
     outlookcrm.db, logs/ (api.log, sync-plan.log), sync-state/ (real sync runs)
 Started in $((SECONDS - t0)) s. Press Ctrl+C to stop.
==============================================================================
TXT
}

stop() {
  trap - EXIT INT TERM
  kill ${worker_pid:-} ${api_pid:-} 2>/dev/null || true
  wait 2>/dev/null || true
}

main() {
  command -v dotnet >/dev/null || fail "the .NET 10 SDK is needed (dotnet)"
  command -v npm >/dev/null || fail "node 20 / npm is needed"
  mkdir -p "$logs"
  step "OutlookCrm, embedded run. Data folder: $data"
  trap stop EXIT INT TERM
  build_addin
  build_dotnet
  setup_https
  start_api
  run_worker_plan
  banner
  wait "$api_pid"
}

main "$@"
