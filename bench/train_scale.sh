#!/usr/bin/env bash
# Times the training plan of `careforce train` for the plan benchmark's system (about 1.9 million
# residents and 60,000 staff, bench/plan_scale.sh): learning needs by person, the schedule (CBC)
# and its outputs. Records wall time and peak memory (GNU time), the programme's size, its status
# and the schedule's headline figures.
# Usage: bench/train_scale.sh [LOCALITIES] [RUNS]   (defaults 7 and 100)
set -euo pipefail
cd "$(dirname "$0")/.."
localities="${1:-7}"
runs="${2:-100}"
work="${TMPDIR:-/tmp}/careforce-train-bench"
bin=./build/careforce
rm -rf "$work" && mkdir -p "$work"
source bench/machine.sh
$bin synth --seed 11 --population 1935000 --localities "$localities" --out "$work/place" | tail -1
/usr/bin/time -f "train: %e s wall, %U s user CPU, %M KB peak" \
  $bin train "$work/place" --runs "$runs" --quiet --out "$work/out"
rm -rf "$work"
