#!/usr/bin/env bash
# Runs every fuzz target for a bounded time from the committed seed corpus.
# Usage: [FUZZ_SEED=N] fuzz/run.sh [seconds per target, default 60]
# The seed is fixed (1) unless FUZZ_SEED says otherwise, so a run repeats
# the same inputs in the same order and a gate such as CI passes or fails
# by the code, not by luck; FUZZ_SEED=0 lets libFuzzer pick a new seed each
# run, to explore.
# cargo-fuzz needs nightly compiler flags (sanitizers); RUSTC_BOOTSTRAP lets
# the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
seed="${FUZZ_SEED:-1}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
export RUSTC_BOOTSTRAP=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for target in front_matter segments article fluent; do
  mkdir -p "$work/$target"
  echo "== fuzz $target for ${seconds}s"
  # New inputs go to the scratch corpus; the committed seeds are only read.
  if ! cargo fuzz run -O "$target" "$work/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -seed="$seed" -rss_limit_mb=4096 -print_final_stats=1 >"$work/$target.log" 2>&1; then
    tail -n 60 "$work/$target.log" >&2
    echo "fuzz target $target failed (a crash is saved in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$target.log" || true
done
