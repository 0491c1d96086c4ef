#!/usr/bin/env bash
# Fuzz the loader for FUZZ_SECONDS (default 60) on a scratch copy of the seeds; prints libFuzzer's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
for seed in courses/*.yaml examples/*.yaml tests/fixtures/valid/*.yaml tests/fixtures/invalid/*.yaml; do
  cp "$seed" "$work/corpus/${seed//\//_}"
done
python fuzz/fuzz_loader.py -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 \
  -artifact_prefix="$work/" "$work/corpus" 2>&1 | tail -n 5
