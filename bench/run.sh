#!/usr/bin/env bash
# Builds one generated corpus with tolk, the floor program and (if installed)
# Hugo, and prints wall time, CPU time, peak memory and pages/s with ratios.
# Then times `tolk check` alone (every file read), two tolk rebuilds from its
# cache (with no change, and after one translated article was edited), and
# `tolk check` from its own cache after the same edit (restored afterwards).
# Usage: [REPEAT=3] [BENCH_OUT=/dev/shm] bench/run.sh ARTICLES [LOCALES=10]
# BENCH_OUT=/dev/shm puts every program's output on tmpfs, to measure the
# programs rather than the disk (inode allocation on a busy ext4 file system
# varies several-fold from run to run).
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:?usage: bench/run.sh ARTICLES [LOCALES]}"
locales="${2:-10}"
cargo build --release --quiet --bin tolk --examples
work="target/bench/$articles-$locales"
corpus="$work/corpus"
if [ ! -d "$corpus" ]; then
  ./target/release/examples/gen_corpus "$articles" "$locales" "$corpus"
  # A build keeps no snapshot of inputs modified within 2 s of its start
  # (see "Incremental builds" in the README): let the new corpus age past
  # that, or the no-change rebuild below would measure a full check.
  sleep 3
fi
pages=$((articles * locales))
out_parent="${BENCH_OUT:-$(pwd)/$work}/tolk-bench-$articles-$locales"
mkdir -p "$out_parent"
results="$work/results.tsv"
: > "$results"

# REPEAT runs (default 1) under /usr/bin/time; the run with the median wall
# time is kept: wall s, CPU s, peak RSS MiB. A run that needs a fresh output
# directory gets one: `fresh DIR` is removed before every run, with every
# file tolk keeps for it (cache, article records, snapshot): a cold build,
# as on a CI machine that keeps nothing.
repeat="${REPEAT:-1}"
# `run_once NAME [--fresh DIR] COMMAND...`: one run, appended to runs.NAME.
run_once() {
  local name="$1"; shift
  local fresh=""
  if [ "$1" = "--fresh" ]; then fresh="$2"; shift 2; fi
  [ -n "$fresh" ] && rm -rf "$fresh" "$(dirname "$fresh")/.tolk-cache/$(basename "$fresh")".*
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.$name" "$@" >"$work/log.$name" 2>&1 || { echo "$name failed:"; tail -20 "$work/log.$name"; exit 1; }
  cat "$work/time.$name" >> "$work/runs.$name"
}
# `keep_median NAME`: the median of runs.NAME, as a row of the results.
keep_median() {
  local name="$1"
  read -r wall user sys rss < <(sort -n "$work/runs.$name" | sed -n "$(( (repeat + 1) / 2 ))p")
  printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" >> "$results"
}
measure() {
  : > "$work/runs.$1"
  for _ in $(seq "$repeat"); do run_once "$@"; done
  keep_median "$1"
}

rm -rf "$out_parent/out-tolk" "$out_parent/out-floor" "$out_parent/out-hugo" "$out_parent/.tolk-cache"
# The cold builds, interleaved: each round builds with tolk, the floor, the
# floor writing pages of tolk's size and Hugo, one after the other, so that
# a machine that slows down or speeds up for minutes at a time weighs on
# every program alike; the ratios below are also taken round by round.
hugo_site="$work/hugo"
if command -v hugo >/dev/null; then
  mkdir -p "$hugo_site"
  cp -r bench/hugo/layouts "$hugo_site/"
  {
    echo 'baseURL = "https://bench.example/"'
    echo 'title = "Benchmark"'
    echo 'defaultContentLanguage = "en-us"'
    echo 'defaultContentLanguageInSubdir = true'
    echo 'disableKinds = ["taxonomy", "term", "RSS"]'
    echo '[languages]'
    for dir in "$corpus"/content/*/; do
      tag=$(basename "$dir")
      lower=$(echo "$tag" | tr 'A-Z' 'a-z')
      echo "[languages.$lower]"
      echo "contentDir = \"$(cd "$dir" && pwd)\""
      echo "languageName = \"$tag\""
    done
  } > "$hugo_site/hugo.toml"
fi
for name in tolk floor floor-sized hugo; do : > "$work/runs.$name"; done
for _ in $(seq "$repeat"); do
  run_once tolk --fresh "$out_parent/out-tolk" ./target/release/tolk --root "$corpus" build --out "$out_parent/out-tolk"
  run_once floor --fresh "$out_parent/out-floor" ./target/release/examples/floor "$corpus" "$out_parent/out-floor"
  # The floor once more, writing pages as large as tolk's (its mean article
  # page, padded with a comment): what the size of the pages alone costs.
  page_bytes=$(find "$out_parent/out-tolk" -mindepth 4 -name index.html -printf '%s\n' | awk '{ s += $1 } END { print NR ? int(s / NR) : 0 }')
  run_once floor-sized --fresh "$out_parent/out-floor" ./target/release/examples/floor "$corpus" "$out_parent/out-floor" "$page_bytes"
  if command -v hugo >/dev/null; then
    run_once hugo --fresh "$out_parent/out-hugo" hugo --source "$hugo_site" --destination "$out_parent/out-hugo" --quiet
  fi
done
for name in tolk floor floor-sized; do keep_median "$name"; done
command -v hugo >/dev/null && keep_median hugo
# tolk's last cold build left its output and cache for the rebuilds below.

# The checks alone, reading every file (findings to stdout, as a translator
# runs them); then once more, unmeasured, to leave the check cache.
measure tolk-check ./target/release/tolk --root "$corpus" -q check --no-cache
./target/release/tolk --root "$corpus" -q check >/dev/null 2>&1
# Rebuilds from the cache the first tolk build left.
measure tolk-noop ./target/release/tolk --root "$corpus" build --out "$out_parent/out-tolk"
# What any rebuild by a new process costs at least: stating every file of
# the project and every page written (see stat_floor.rs).
measure stat-floor ./target/release/examples/stat_floor "$corpus" "$out_parent/out-tolk"
edited="$corpus/content/da-DK/section-000/article-00000.md"
cp "$edited" "$work/edited.bak"

# `after_one_edit NAME COMMAND...`: REPEAT runs of COMMAND after one line was
# added to one translated article, each from the cache of the unedited
# corpus (the edit is undone and COMMAND run again after each).
after_one_edit() {
  local name="$1"; shift
  : > "$work/runs.$name"
  for _ in $(seq "$repeat"); do
    echo "One more translated sentence." >> "$edited"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.$name" "$@" >"$work/log.$name" 2>&1
    cat "$work/time.$name" >> "$work/runs.$name"
    cp "$work/edited.bak" "$edited"
    "$@" >/dev/null 2>&1
  done
  read -r wall user sys rss < <(sort -n "$work/runs.$name" | sed -n "$(( (repeat + 1) / 2 ))p")
  printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" >> "$results"
}
after_one_edit tolk-1edit ./target/release/tolk --root "$corpus" build --out "$out_parent/out-tolk"
# `tolk check` from its own cache, as a translator checks again after an edit.
after_one_edit check-1edit ./target/release/tolk --root "$corpus" -q check

# `tolk watch`: the same edit, built by the process that built the last
# change (it keeps that build's cache in memory). The time is the one its
# summary line prints: from the build's start, once the change was seen and
# the project had been quiet for 0.1 s. One edit and its undoing warm it up.
watch_log="$work/log.tolk-watch"
./target/release/tolk --root "$corpus" watch --out "$out_parent/out-tolk" >"$watch_log" 2>&1 &
watch_pid=$!
built=0
next_build() {
  built=$((built + 1))
  for _ in $(seq 3000); do
    [ "$(grep -c '^built ' "$watch_log")" -ge "$built" ] && return 0
    sleep 0.1
  done
  echo "tolk watch did not build:"; tail -20 "$watch_log"; kill "$watch_pid"; exit 1
}
next_build
: > "$work/runs.tolk-watch"
for round in $(seq 0 "$repeat"); do
  echo "One more translated sentence." >> "$edited"
  next_build
  if [ "$round" -gt 0 ]; then
    grep '^built ' "$watch_log" | tail -1 | sed 's/.* in \([0-9.]*\)s .*/\1/' >> "$work/runs.tolk-watch"
  fi
  cp "$work/edited.bak" "$edited"
  next_build
done
watch_rss=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$watch_pid/status")
kill "$watch_pid"
wait "$watch_pid" 2>/dev/null || true
printf '%s\t%s\t%s\t%s\n' tolk-watch-1edit "$(sort -n "$work/runs.tolk-watch" | sed -n "$(( (repeat + 1) / 2 ))p")" - "$watch_rss" >> "$results"
grep -h "incremental" "$work/log.tolk-noop" "$work/log.tolk-1edit" | sed 's/.*incremental/  rebuild, incremental/' 

floor_wall=$(awk '$1 == "floor" { print $2 }' "$results")
hugo_wall=$(awk '$1 == "hugo" { print $2 }' "$results")
tolk_wall=$(awk '$1 == "tolk" { print $2 }' "$results")
echo "corpus: $articles articles x $locales locales = $pages pages ($(nproc) cores, $(uname -m)); median of $repeat run(s); output under $out_parent"
echo "tolk's mean article page: $page_bytes bytes (floor-sized: the floor padded to that size)"
printf '%-12s %9s %9s %10s %10s %10s %10s %10s\n' program wall_s cpu_s peak_MiB pages/s vs_floor vs_hugo vs_tolk
while IFS=$'\t' read -r name wall cpu rss; do
  rate=-
  [ "$(echo "$wall > 0" | bc)" = 1 ] && rate=$(echo "$pages / $wall" | bc)
  vs_floor=$(echo "scale=2; $wall / $floor_wall" | bc)
  vs_hugo="-"
  [ -n "$hugo_wall" ] && vs_hugo=$(echo "scale=2; $wall / $hugo_wall" | bc)
  vs_tolk=$(echo "scale=1; 100 * $wall / $tolk_wall" | bc)
  printf '%-12s %9s %9s %10s %10s %10s %10s %10s\n' "$name" "$wall" "$cpu" "$rss" "$rate" "${vs_floor}x" "${vs_hugo}x" "${vs_tolk}%"
done < "$results"
# Round by round: `A / B` of the wall times of one round, then their median.
per_round() {
  local ratios
  ratios=$(paste -d' ' "$work/runs.$1" "$work/runs.$2" | awk '{ printf "%.2f\n", $1 / $5 }')
  printf '%-26s %s (median %s)\n' "$3" "$(echo "$ratios" | tr '\n' ' ')" \
    "$(echo "$ratios" | sort -n | sed -n "$(( (repeat + 1) / 2 ))p")"
}
echo "round by round (each round builds with every program in turn):"
per_round tolk floor "  tolk / floor:"
per_round tolk floor-sized "  tolk / floor-sized:"
[ -s "$work/runs.hugo" ] && per_round hugo tolk "  Hugo / tolk:"
exit 0
