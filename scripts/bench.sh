#!/usr/bin/env bash
# The performance benchmark (README: "Performance"). One run:
#   1. generates the data sets (100k and 1M codes: 8 TOP JSON page files + issued.csv)
#      into target/bench-data/ with `fcode-recon generate`, unless already there;
#   2. runs the engine's native criterion benchmark on the same data
#      (`cargo bench -p fcode-core --bench reconcile`), or with --quick-native
#      three runs of crates/fcode-core/examples/pipeline.rs per size;
#   3. builds the release site into target/bench-dist/ (dist/ is left alone), serves
#      it with the harness (bench/) on 127.0.0.1, and in headless Chromium times our
#      engine worker, DuckDB-WASM and plain JavaScript on the same bytes, checks that
#      they agree, and drives the real app once per size;
#   4. prints the table and writes it to target/bench-results.md.
#
#   scripts/bench.sh                  the full run (about 10 minutes on 2 cores once built)
#   scripts/bench.sh --quick-native   native timing by examples/pipeline instead of criterion
#
#   BENCH_SIZES=100000:5,1000000:3    codes:runs per data set (median of the runs)
#   BENCH_PORT=18930                  where the site and harness are served
#
# Not part of scripts/test.sh: it is slow, and machines here are noisy; compare
# the ratios of one run, taken when the machine is quiet (`uptime`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib/common.sh

quick_native=false
[[ "${1:-}" == "--quick-native" ]] && quick_native=true
sizes=${BENCH_SIZES:-100000:5,1000000:3}
port=${BENCH_PORT:-18930}
target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")
data_dir=$root/target/bench-data
site_dir=$root/target/bench-dist
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# --- tools: wasm toolchain, Trunk, Chromium, Playwright (tests/e2e), bench packages ---
scripts/setup.sh --browser
if ! (cd bench && npm ls --silent >/dev/null 2>&1); then
  step "npm ci (bench: DuckDB-WASM, Apache Arrow)"
  (cd bench && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi
ok "bench packages: $(cd bench && npm ls --depth=0 2>/dev/null | grep -oE '(@duckdb/duckdb-wasm|apache-arrow)@[0-9.]+' | tr '\n' ' ')"

# --- 1. data sets ---------------------------------------------------------------------
step "cargo build --release -p fcode-cli"
cargo build --release --locked -p fcode-cli
# The cache is keyed on the generator's source: the same options give the same
# bytes as the criterion bench generates in memory (8 batches, seed 1, pages of 1000).
gen_key="batches=8 seed=1 page-size=1000 generator=$(cat crates/fcode-core/src/generator/*.rs | sha256sum | cut -c1-16)"
for spec in ${sizes//,/ }; do
  codes=${spec%%:*}
  out=$data_dir/codes-$codes
  if [[ "$(cat "$out/.generated" 2>/dev/null || true)" != "$gen_key" ]]; then
    step "generating $codes codes into ${out#"$root"/}"
    rm -rf "$out"
    "$target_dir/release/fcode-recon" generate --codes "$codes" --batches 8 --seed 1 --page-size 1000 --out "$out" >/dev/null
    printf '%s\n' "$gen_key" > "$out/.generated"
  fi
  ok "$codes codes: $(du -sh "$out" | cut -f1) in ${out#"$root"/}"
done

# --- 2. native ------------------------------------------------------------------------
native_args=()
if $quick_native; then
  step "native: crates/fcode-core/examples/pipeline (3 runs per size)"
  cargo build --release --locked -p fcode-core --example pipeline
  rm -rf "$root/target/bench-native" && mkdir -p "$root/target/bench-native"
  for spec in ${sizes//,/ }; do
    codes=${spec%%:*}
    for k in 1 2 3; do
      "$target_dir/release/examples/pipeline" "$data_dir/codes-$codes" > "$root/target/bench-native/pipeline-$codes-$k.txt"
    done
    tail -1 "$root/target/bench-native/pipeline-$codes-1.txt"
  done
  native_args=(--pipeline-dir "$root/target/bench-native")
else
  step "native: cargo bench -p fcode-core --bench reconcile (criterion; a few minutes)"
  rm -rf "$target_dir/criterion/100k" "$target_dir/criterion/1M"
  cargo bench --locked -p fcode-core --bench reconcile > "$root/target/bench-native.log" 2>&1 \
    || { tail -30 "$root/target/bench-native.log"; die "cargo bench failed (log: target/bench-native.log)"; }
  grep -A1 'bytes_to_report' "$root/target/bench-native.log" | grep -E 'time:' || true
  native_args=(--criterion "$target_dir/criterion")
fi

# --- 3. the release site, served with the harness ----------------------------------------
step "trunk build --release --dist target/bench-dist"
scripts/wasm-env.sh trunk build --release --dist "$site_dir"

server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
python3 bench/serve.py "$port" "$site_dir" bench "$data_dir" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/bench/harness.html" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || die "the bench server did not start (is port $port free? set BENCH_PORT)"
  sleep 0.1
done

step "headless Chromium: ours vs DuckDB-WASM vs plain JS ($sizes)"
node bench/run.mjs --base "http://127.0.0.1:$port" --data "$data_dir" --site "$site_dir" \
  --sizes "$sizes" "${native_args[@]}" --load-start "$load_start" --out "$root/target/bench-results.md"
ok "written to target/bench-results.md"
