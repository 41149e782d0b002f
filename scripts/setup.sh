#!/usr/bin/env bash
# Installs what fcode-recon needs and is not there yet; quick when all is present.
#
#   scripts/setup.sh            build tools: Rust for wasm32, Trunk, wasm-bindgen-cli
#   scripts/setup.sh --browser  also Chromium + chromedriver and the e2e test packages
#
# Two routes to a WebAssembly standard library (docs/toolchain.md):
#   rustup  - a machine with internet: `rustup target add wasm32-unknown-unknown`;
#   debian  - machines that cannot download toolchains: Debian's rustc-web builds the
#             standard library itself (-Zbuild-std). scripts/wasm-env.sh applies the
#             route to WebAssembly builds only; native builds never see it.
# The route is written to target/toolchain.env for scripts/wasm-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

TRUNK_VERSION=0.21.14
want_browser=false
[[ "${1:-}" == "--browser" ]] && want_browser=true

apt_updated=false
apt_install() {
  if ! command -v apt-get >/dev/null; then
    die "missing $*: install them with your system's package manager (this script knows apt only)"
  fi
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  if ! $apt_updated; then
    step "apt-get update"
    $sudo apt-get update -qq
    apt_updated=true
  fi
  step "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- native Rust --------------------------------------------------------------
command -v cargo >/dev/null || die "no cargo on PATH: install Rust (https://rustup.rs) first"

# --- a standard library for wasm32-unknown-unknown ------------------------------
has_wasm_std() { # $1 = rustc
  local libdir
  libdir=$("$1" --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) || return 1
  compgen -G "$libdir/libcore-*.rlib" >/dev/null
}

# FCODE_WASM_ROUTE=debian forces the offline route (to test it where rustup works).
route=""
if [[ "${FCODE_WASM_ROUTE:-}" != debian ]] && has_wasm_std rustc; then
  route=rustup
elif [[ "${FCODE_WASM_ROUTE:-}" != debian ]] && command -v rustup >/dev/null && timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 \
    && has_wasm_std rustc; then
  route=rustup
else
  # Debian's rustc-web 1.96 + its std sources; lld links the wasm.
  if ! /usr/bin/rustc --version 2>/dev/null | grep -q '^rustc 1\.9[6-9]' \
      || [[ ! -d /usr/lib/rustlib/src/rust/library ]] || [[ ! -x /usr/bin/rust-lld && ! -x /usr/bin/wasm-ld-22 ]]; then
    apt_install rustc-web cargo-web rust-web-src lld-22
  fi
  /usr/bin/rustc --version | grep -q '^rustc 1\.9[6-9]' || die "Debian's rustc-web is not 1.96 or newer"
  route=debian
fi
mkdir -p target
printf 'FCODE_WASM_ROUTE=%s\n' "$route" > target/toolchain.env
ok "WebAssembly route: $route"

# --- Trunk ------------------------------------------------------------------------
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  step "cargo install trunk $TRUNK_VERSION (about 5 minutes on 2 cores)"
  cargo install --quiet --locked trunk --version "$TRUNK_VERSION"
fi
ok "$(trunk --version)"

# --- wasm-bindgen-cli at exactly the version in Cargo.lock --------------------------
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
[[ -n "$bindgen_version" ]] || die "wasm-bindgen is not in Cargo.lock"
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]]; then
  step "cargo install wasm-bindgen-cli $bindgen_version"
  # Not --locked: one of the CLI's locked dependencies is gone from the registry.
  cargo install --quiet --force wasm-bindgen-cli --version "$bindgen_version"
fi
ok "$(wasm-bindgen --version)"

command -v python3 >/dev/null || apt_install python3
ok "$(python3 --version)"

# --- browser tests ------------------------------------------------------------------
if $want_browser; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  # Screenshots of a Chinese interface need a CJK font (users' machines have one).
  fc-list :lang=zh 2>/dev/null | grep -q . || apt_install fonts-noto-cjk
  chrome_v=$(chromium --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+')
  driver_v=$(chromedriver --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+')
  [[ "$chrome_v" == "$driver_v" ]] || die "chromium $chrome_v and chromedriver $driver_v differ"
  ok "chromium $chrome_v, chromedriver $driver_v"

  command -v npm >/dev/null || apt_install nodejs npm
  node_major=$(node --version | sed -E 's/^v([0-9]+).*/\1/')
  (( node_major >= 18 )) || die "Node.js 18 or newer is needed for the end-to-end tests (found $(node --version))"
  if ! (cd tests/e2e && npm ls --silent >/dev/null 2>&1); then
    step "npm ci (tests/e2e)"
    # Test tools must never download a browser of their own: the system Chromium is used.
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
  ok "node $(node --version), e2e packages installed"
fi
