#!/usr/bin/env bash
# Installs what is missing, then runs every test of fcode-recon:
#   1. native unit, property and integration tests of the whole workspace;
#   2. browser unit tests (wasm-bindgen-test) in headless Chromium;
#   3. end-to-end tests: the release build in dist/, driven in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

scripts/setup.sh --browser

step "1/3 native tests: cargo test --workspace"
cargo test --workspace --locked

step "2/3 browser unit tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=$(command -v chromedriver) \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  scripts/wasm-env.sh cargo test --locked --target wasm32-unknown-unknown -p fcode-recon-app

step "3/3 end-to-end tests (release build, headless Chromium)"
scripts/build.sh
# The live-fetch tests run the real proxy and gateway simulator.
cargo build --release --locked -p fcode-proxy
(cd tests/e2e && npx --no-install playwright test)
ok "all tests passed"
