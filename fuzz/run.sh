#!/usr/bin/env bash
# Runs every fuzz target for a bounded time from the committed seed corpus.
# Usage: fuzz/run.sh [seconds per target, default 60]
# cargo-fuzz needs nightly compiler flags (sanitizers); RUSTC_BOOTSTRAP lets
# the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
export RUSTC_BOOTSTRAP=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for target in front_matter segments article fluent; do
  mkdir -p "$work/$target"
  echo "== fuzz $target for ${seconds}s"
  # New inputs go to the scratch corpus; the committed seeds are only read.
  if ! cargo fuzz run -O "$target" "$work/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 >"$work/$target.log" 2>&1; then
    tail -n 60 "$work/$target.log" >&2
    echo "fuzz target $target failed (a crash is saved in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$target.log" || true
done
