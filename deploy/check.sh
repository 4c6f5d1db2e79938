#!/usr/bin/env bash
# Offline checks of the deployment files (no container runtime needed), run by tests/run-all.sh:
#  - compose.yaml validates against the compose-spec schema (dclint, from npm), and a broken copy is refused;
#  - each Dockerfile's COPY sources exist, its `dotnet publish` line runs as written and yields its ENTRYPOINT dll;
#  - the published API, started as the image starts it (Production, JSON logs, from another folder), answers
#    /health/live and /health/ready on PostgreSQL (CRM_TEST_PG) or SQLite, and logs one JSON object per line.
#  - the README's run command (api/run-embedded.sh), as a newcomer runs it: the banner is the last thing printed, the
#    worker's plan is summarised per mailbox with the full plan in the data folder, the clone stays clean (`git status`),
#    and a second start skips the builds (its time is printed). CRM_SKIP_EMBEDDED=1 leaves this part out.
# Ends with `deploy: N passed, M failed`; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=$(mktemp -d /tmp/crm-deploy.XXXX)
passed=0; failed=0
ok() { echo "  ok   $1"; passed=$((passed + 1)); }
ko() { echo "  FAIL $1" >&2; failed=$((failed + 1)); }
check() { local name=$1; shift; if "$@" >"$out/last.log" 2>&1; then ok "$name"; else ko "$name"; tail -80 "$out/last.log" >&2; fi; }
api_pid=; run_pid=
# A failed run keeps its folder (logs, data, the run's screen) and says where it is.
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null; wait 2>/dev/null
  if [ "$failed" -eq 0 ]; then rm -rf "$out"; else echo "deploy: output kept in $out" >&2; fi
}
trap cleanup EXIT

# 1. compose.yaml
(cd deploy && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || ko "npm ci in deploy/"
check "compose.yaml validates (dclint, compose-spec schema)" deploy/node_modules/.bin/dclint deploy/compose.yaml
sed 's/^    healthcheck:/    health_check:/' deploy/compose.yaml >"$out/broken-compose.yaml"
if deploy/node_modules/.bin/dclint "$out/broken-compose.yaml" >/dev/null 2>&1; then ko "a compose file with an unknown key is refused"; else ok "a compose file with an unknown key is refused"; fi

# 2. Dockerfiles: COPY sources, the publish line as written, the ENTRYPOINT's dll.
copy_sources_exist() {
  local missing=0
  while read -r src; do [ -e "$root/$src" ] || { echo "missing COPY source: $src"; missing=1; }; done \
    < <(grep -E '^COPY ' "$1" | grep -v -- '--from=' | awk '{ for (i = 2; i < NF; i++) print $i }')
  return $missing
}
publish_as_written() {
  local dockerfile=$1 dest=$2 line dll
  line=$(grep -E '^RUN dotnet publish ' "$dockerfile" | sed -E 's/^RUN //; s# -o /app# -o '"$dest"'#')
  [[ "$line" == *"-o $dest"* ]] || { echo "no 'dotnet publish … -o /app' line in $dockerfile"; return 1; }
  echo "$line"; eval "$line" || return 1
  dll=$(grep -E '^ENTRYPOINT' "$dockerfile" | grep -oE '[A-Za-z.]+\.dll')
  [ -f "$dest/$dll" ] && [ -f "$dest/${dll%.dll}.runtimeconfig.json" ] || { echo "$dll not in the publish output"; return 1; }
}
for image in api worker; do
  check "$image.Dockerfile: every COPY source exists" copy_sources_exist "deploy/$image.Dockerfile"
  check "$image.Dockerfile: dotnet publish as written yields the ENTRYPOINT dll" publish_as_written "deploy/$image.Dockerfile" "$out/$image"
done

# 3. The published API as the container runs it.
port=$(( 30000 + RANDOM % 20000 ))
if [ -n "${CRM_TEST_PG:-}" ]; then
  db="crm_deploy_$$"; cs="$CRM_TEST_PG;Database=$db"; provider=PostgreSql
else
  cs="Data Source=$out/deploy.db"; provider=Sqlite
fi
mkdir -p "$out/cwd"
if [ -f "$out/api/OutlookCrm.Api.dll" ]; then
  (cd "$out/cwd" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_HTTP_PORTS= ASPNETCORE_URLS= \
    Database__Provider=$provider Database__ConnectionString="$cs" Auth__TenantId=00000000-0000-0000-0000-000000000001 \
    Logging__Console__FormatterName=json exec dotnet "$out/api/OutlookCrm.Api.dll" --urls "http://127.0.0.1:$port") >"$out/api.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 960); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; kill -0 "$api_pid" 2>/dev/null || break; sleep 0.5; done
  check "published API (Production, $provider): /health/ready answers ready" bash -c "curl -fsS http://127.0.0.1:$port/health/ready | grep -qx ready"
  check "published API: /health/live answers ok" bash -c "curl -fsS http://127.0.0.1:$port/health/live | grep -qx ok"
  kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null; api_pid=
  check "published API: JSON logs, one object per line, no WebRootPath warning" node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(l => l.trim());
    if (lines.length === 0) throw new Error("no log lines");
    for (const l of lines) { const o = JSON.parse(l); if (!o.LogLevel || !o.Category) throw new Error("not a log object: " + l); }
    if (lines.some(l => l.includes("WebRootPath"))) throw new Error("WebRootPath warning");
    if (!lines.some(l => l.includes("Now listening on"))) throw new Error("no start line");' "$out/api.log"
else
  ko "published API: not published"
fi

# 4. The embedded run, twice on one data folder.
embedded_run() { # <output file>: starts the run command, waits for its banner (or its end)
  (CRM_DATA="$out/data" PORT=$run_port HTTPS_PORT=$((run_port + 1)) exec bash api/run-embedded.sh) >"$1" 2>&1 &
  run_pid=$!
  for _ in $(seq 1 1200); do grep -q "Press Ctrl+C to stop" "$1" && return 0; kill -0 "$run_pid" 2>/dev/null || return 1; sleep 0.5; done
  return 1
}
stop_run() { kill -TERM "$run_pid" 2>/dev/null; wait "$run_pid" 2>/dev/null; run_pid=; }
banner_is_last() { tail -n 3 "$1" | grep -q "Press Ctrl+C to stop" && [ "$(tail -n 1 "$1" | tr -d '=')" = "" ]; }
if [ -z "${CRM_SKIP_EMBEDDED:-}" ]; then
  run_port=$(( 30000 + RANDOM % 20000 ))
  before=$(git status --porcelain)
  if embedded_run "$out/first.out"; then ok "run-embedded.sh: first start reaches its banner"; else ko "run-embedded.sh: first start reaches its banner"; tail -30 "$out/first.out" >&2; fi
  check "run-embedded.sh: the banner is the last thing on screen" banner_is_last "$out/first.out"
  plan_summarised() {
    grep -qE '@[^ ]+ +contacts \+[0-9]+' "$out/first.out" && grep -q 'dry-run' "$out/data/logs/sync-plan.log" && return 0
    echo "--- run-embedded.sh's screen:"; cat "$out/first.out"
    echo "--- data/logs/sync-plan.log (last 40 lines):"; tail -40 "$out/data/logs/sync-plan.log"
    return 1
  }
  check "run-embedded.sh: the worker's plan, one line per mailbox, full plan in the data folder" plan_summarised
  check "run-embedded.sh: the API answers with the task pane" curl -fsS -o /dev/null "http://localhost:$run_port/addin/dev.html"
  check "run-embedded.sh: database and logs in CRM_DATA" test -s "$out/data/outlookcrm.db" -a -s "$out/data/logs/api.log"
  stop_run
  check "run-embedded.sh: the clone is as clean as before (git status)" test "$(git status --porcelain)" = "$before"
  started=$SECONDS
  if embedded_run "$out/second.out"; then ok "run-embedded.sh: restart reaches its banner"; else ko "run-embedded.sh: restart reaches its banner"; tail -30 "$out/second.out" >&2; fi
  echo "       restart to banner: $((SECONDS - started)) s (load average: $(cut -d' ' -f1 /proc/loadavg))"
  check "run-embedded.sh: restart skips the builds" bash -c "grep -q 'Task pane: up to date' '$out/second.out' && grep -q 'API and worker: up to date' '$out/second.out'"
  stop_run
fi

echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
