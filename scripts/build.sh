#!/usr/bin/env bash
# Builds the static site into dist/ (release). Extra arguments go to Trunk,
# e.g. `scripts/build.sh --public-url /tools/fcode-recon/` for a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
[[ -f target/toolchain.env ]] || scripts/setup.sh
step "trunk build --release $*"
scripts/wasm-env.sh trunk build --release "$@"
ok "dist/ is ready: $(du -sh dist | cut -f1)"
