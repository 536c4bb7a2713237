#!/usr/bin/env bash
# Times validate, profile and import of a synthetic place of about 3 million staff rows with the
# command-line tool, recording wall time and peak memory (GNU time). Usage: bench/scale.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-3000000}"
residents=$(( rows * 1000 / 31 ))
work="${TMPDIR:-/tmp}/careforce-scale-$rows"
bin=./build/careforce
rm -rf "$work" && mkdir -p "$work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date: $(date -u +%Y-%m-%d)"
/usr/bin/time -f "synth: %e s, %M KB peak" $bin synth --seed 7 --population "$residents" --out "$work/place" | tail -1
for f in staff staff_competences leavers; do printf '%s rows: %s\n' "$f" "$(( $(wc -l < "$work/place/$f.csv") - 1 ))"; done
for run in 1 2 3; do
  /usr/bin/time -f "validate (run $run): %e s, %M KB peak" taskset -c 0 $bin validate "$work/place" >/dev/null
done
for run in 1 2 3; do
  /usr/bin/time -f "validate + profile (run $run): %e s, %M KB peak" taskset -c 0 $bin profile "$work/place" >/dev/null
done
CAREFORCE_PSEUDONYMISATION_KEY="benchmark key of sixteen bytes" \
  /usr/bin/time -f "validate + import: %e s, %M KB peak" $bin import "$work/place" --db "$work/db.sqlite" >/dev/null
ls -l "$work/db.sqlite" | awk '{printf "database: %.0f MB\n", $5/1048576}'
rm -rf "$work"
