#!/usr/bin/env bash
# Runs a command with the environment for WebAssembly builds, per the route that
# scripts/setup.sh chose (target/toolchain.env):
#   debian - Debian's cargo/rustc first on PATH and the standard library built
#            from source (-Zbuild-std, unlocked by RUSTC_BOOTSTRAP);
#   rustup - nothing to change.
# Only WebAssembly builds run through here, so native builds and tests never
# see build-std.
#   usage: scripts/wasm-env.sh trunk build --release
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/scripts/lib/common.sh"
[[ -f "$here/target/toolchain.env" ]] || die "run scripts/setup.sh first"
source "$here/target/toolchain.env"
if [[ "${FCODE_WASM_ROUTE:-}" == debian ]]; then
  export PATH="/usr/bin:$PATH"
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
fi
exec "$@"
