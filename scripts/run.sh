#!/usr/bin/env bash
# Installs what is missing, builds the app and serves it on http://127.0.0.1:8080/.
# Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

APP_PORT=${APP_PORT:-8080}

scripts/setup.sh
scripts/build.sh

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

step "serving dist/ on http://127.0.0.1:$APP_PORT/"
python3 -m http.server "$APP_PORT" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
pids+=($!)

ok "open http://127.0.0.1:$APP_PORT/ — Ctrl-C to stop"
wait
