#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole demo locally:
#   http://127.0.0.1:8080/  the app (dist/), preconfigured for the proxy below
#   http://127.0.0.1:8787/  fcode-proxy serve, signing calls with demo credentials
#   http://127.0.0.1:8788/  fcode-proxy simulate, a TOP gateway with a seeded data set
# Demo files to import by hand are written to dist/demo/. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

APP_PORT=8080       # the CSP in index.html allows the proxy on 8787
PROXY_PORT=8787
SIM_PORT=8788
PARTNER_CODE=demo_partner
# Demo credentials only. Secrets go through the environment, never the command line.
export TOP_APP_KEY=demo_app_key TOP_APP_SECRET=demo_app_secret PROXY_TOKEN=demo_token

scripts/setup.sh
scripts/build.sh
step "cargo build --release -p fcode-proxy -p fcode-cli"
cargo build --release --locked -p fcode-proxy -p fcode-cli
proxy_bin=target/release/fcode-proxy

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

wait_for() { # url
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  die "nothing answers at $1"
}

mkdir -p dist/demo
step "gateway simulator on 127.0.0.1:$SIM_PORT (demo data in dist/demo/)"
"$proxy_bin" simulate --listen "127.0.0.1:$SIM_PORT" --seed 42 --partner-code "$PARTNER_CODE" \
  --dump dist/demo/platform-all.jsonl --demo-issuance dist/demo/issued.csv &
pids+=($!)
wait_for "http://127.0.0.1:$SIM_PORT/healthz"

step "proxy on 127.0.0.1:$PROXY_PORT -> simulator"
"$proxy_bin" serve --listen "127.0.0.1:$PROXY_PORT" --gateway "http://127.0.0.1:$SIM_PORT/router/rest" \
  --allow-origin "http://127.0.0.1:$APP_PORT" --allow-origin "http://localhost:$APP_PORT" &
pids+=($!)
wait_for "http://127.0.0.1:$PROXY_PORT/healthz"

python3 scripts/demo_config.py dist/demo/platform-all.jsonl "http://127.0.0.1:$PROXY_PORT" \
  "$PROXY_TOKEN" "$PARTNER_CODE" > dist/config.json

step "app on http://127.0.0.1:$APP_PORT/"
python3 -m http.server "$APP_PORT" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$APP_PORT/index.html"

ok "open http://127.0.0.1:$APP_PORT/ — demo files: dist/demo/ — Ctrl-C stops everything"
wait
