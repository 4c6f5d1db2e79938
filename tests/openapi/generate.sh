#!/usr/bin/env bash
# Regenerates the add-in's API types from the OpenAPI document: tests/openapi/generate.sh <openapi.json>
# (the Contract tests write the document to tests/results/openapi.json and fail when these types are stale).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$here/node_modules/.bin/openapi-typescript" ] || (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
"$here/node_modules/.bin/openapi-typescript" "${1:-$here/../results/openapi.json}" -o "$here/../../addin/src/generated/api.ts"
