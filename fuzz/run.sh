#!/usr/bin/env bash
# Fuzz the loader, then the JSON-LD reader (check-jsonld and tess-preview), each for FUZZ_SECONDS (default 60)
# on a scratch copy of its seeds; prints libFuzzer's summary of each.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/jsonld"
for seed in courses/*.yaml examples/*.yaml tests/fixtures/valid/*.yaml tests/fixtures/invalid/*.yaml; do
  cp "$seed" "$work/corpus/${seed//\//_}"
done
python fuzz/fuzz_loader.py -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 \
  -artifact_prefix="$work/" "$work/corpus" 2>&1 | tail -n 5
# JSON-LD and HTML seeds: the profile and rule fixtures, and the small real documents (<= 60 KB)
for seed in tests/fixtures/jsonld/profiles/* tests/fixtures/registry/rules/* tests/fixtures/registry/corpus/*; do
  case "$seed" in *.expected|*.md) continue ;; esac
  [ "$(wc -c < "$seed")" -le 60000 ] && cp "$seed" "$work/jsonld/${seed//\//_}"
done
python fuzz/fuzz_jsonld.py -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -max_len=65536 \
  -artifact_prefix="$work/jsonld-" "$work/jsonld" 2>&1 | tail -n 5
