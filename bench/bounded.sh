#!/usr/bin/env bash
# How the plan's work grows with the size of a valid place (docs/performance.md, "Bounded work"):
# wall time and peak resident memory (GNU time) of `careforce plan` on places that are large in
# one direction, written by bench/bounded_place.py, and the size of the skill-mix programmes.
# Usage: bench/bounded.sh interventions N... | localities N... | runs N...
#   interventions: the first intervention of examples/westbrook repeated N times
#   localities:    N localities of the `careforce init` template (2 roles' staff in each)
#   runs:          examples/westbrook with --runs N (memory per run)
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:?usage: bench/bounded.sh interventions|localities|runs N...}"
shift
bin=./build/careforce
work="${TMPDIR:-/tmp}/careforce-bounded-bench"
rm -rf "$work" && mkdir -p "$work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date: $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)"
$bin init "$work/template" >/dev/null
measure() {
  local label="$1"
  shift
  /usr/bin/time -f "$label: %e s wall, %U s user CPU, %M KB peak" "$bin" plan "$@" --quiet 2>&1 >/dev/null |
    grep -v ': warning: ' || true
  python3 - "$work/out/plan.json" <<'PY' || true
import json, sys
mix = json.load(open(sys.argv[1])).get("skill_mix")
if mix:
    path = mix.get("path")
    line = f"  plan year: {mix['variables']} variables, {mix['constraints']} constraints"
    if path:
        line += (f"; year by year: {path['status']}, {path.get('variables', path.get('estimated_variables'))} "
                 f"variables, {path.get('constraints', path.get('estimated_constraints'))} constraints "
                 f"(estimated {path.get('estimated_variables')} x {path.get('estimated_constraints')})")
    print(line)
PY
}
for n in "$@"; do
  case "$kind" in
    interventions)
      python3 bench/bounded_place.py examples/westbrook "$work/place" --interventions "$n"
      measure "interventions $n (westbrook, --runs 100)" "$work/place" --out "$work/out" --runs 100 ;;
    localities)
      python3 bench/bounded_place.py "$work/template" "$work/place" --localities "$n"
      measure "localities $n (init template, --runs 1000)" "$work/place" --out "$work/out" ;;
    runs)
      measure "runs $n (westbrook)" examples/westbrook --out "$work/out" --runs "$n" --skill-mix-path never ;;
    *) echo "usage: bench/bounded.sh interventions|localities|runs N..." >&2; exit 2 ;;
  esac
done
rm -rf "$work"
