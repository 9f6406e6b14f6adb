#!/usr/bin/env bash
# Builds one generated corpus with tolk, the floor program and (if installed)
# Hugo, and prints wall time, CPU time, peak memory and pages/s with ratios.
# Usage: bench/run.sh ARTICLES [LOCALES=10]
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:?usage: bench/run.sh ARTICLES [LOCALES]}"
locales="${2:-10}"
cargo build --release --quiet --bin tolk --examples
work="target/bench/$articles-$locales"
corpus="$work/corpus"
if [ ! -d "$corpus" ]; then
  ./target/release/examples/gen_corpus "$articles" "$locales" "$corpus"
fi
pages=$((articles * locales))
results="$work/results.tsv"
: > "$results"

# One run under /usr/bin/time: wall s, CPU s, peak RSS MiB.
measure() {
  local name="$1"; shift
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.$name" "$@" >"$work/log.$name" 2>&1 || { echo "$name failed:"; tail -20 "$work/log.$name"; exit 1; }
  read -r wall user sys rss < "$work/time.$name"
  printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" >> "$results"
}

rm -rf "$work/out-tolk" "$work/out-floor" "$work/out-hugo"
measure tolk ./target/release/tolk --root "$corpus" build --out "$(pwd)/$work/out-tolk"
measure floor ./target/release/examples/floor "$corpus" "$work/out-floor"
if command -v hugo >/dev/null; then
  hugo_site="$work/hugo"
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
  measure hugo hugo --source "$hugo_site" --destination "$(pwd)/$work/out-hugo" --quiet
fi

floor_wall=$(awk '$1 == "floor" { print $2 }' "$results")
hugo_wall=$(awk '$1 == "hugo" { print $2 }' "$results")
echo "corpus: $articles articles x $locales locales = $pages pages ($(nproc) cores, $(uname -m))"
printf '%-6s %9s %9s %10s %10s %10s %10s\n' program wall_s cpu_s peak_MiB pages/s vs_floor vs_hugo
while IFS=$'\t' read -r name wall cpu rss; do
  rate=$(echo "$pages / $wall" | bc)
  vs_floor=$(echo "scale=2; $wall / $floor_wall" | bc)
  vs_hugo="-"
  [ -n "$hugo_wall" ] && vs_hugo=$(echo "scale=2; $wall / $hugo_wall" | bc)
  printf '%-6s %9s %9s %10s %10s %10s %10s\n' "$name" "$wall" "$cpu" "$rss" "$rate" "${vs_floor}x" "${vs_hugo}x"
done < "$results"
