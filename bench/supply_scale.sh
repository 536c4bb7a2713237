#!/usr/bin/env bash
# Times the supply Monte Carlo at England scale: a synthetic place of about 3.2 million staff,
# 15 years, 1,000 runs, by role x sector x single year of age (no locality split: the synthetic
# place has over a thousand localities of 75,000 residents). Records wall time, peak memory and
# person-years simulated a second. Usage: bench/supply_scale.sh [STAFF] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
staff="${1:-3200000}"
runs="${2:-1000}"
residents=$(( staff * 1000 / 31 ))
work="${TMPDIR:-/tmp}/careforce-supply-$staff"
bin=./build/careforce
rm -rf "$work" && mkdir -p "$work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date: $(date -u +%Y-%m-%d)"
$bin synth --seed 7 --population "$residents" --out "$work/place" | tail -1
printf '[settings]\nby_locality = false\n' > "$work/place/supply.toml"
for run in 1 2; do
  /usr/bin/time -f "supply, $runs runs x 15 years (run $run): %e s wall, %M KB peak" \
    $bin supply "$work/place" --years 15 --runs "$runs" --seed "$run" | tail -1
done
/usr/bin/time -f "supply, one thread: %e s wall, %M KB peak" \
  $bin supply "$work/place" --years 15 --runs "$runs" --seed 1 --threads 1 | tail -1
rm -rf "$work"
