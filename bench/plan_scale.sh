#!/usr/bin/env bash
# Times the whole plan for a system of about 1.9 million residents and 60,000 staff: import,
# demand, a 1,000-run supply projection, the skill-mix optimisation, 4 scenarios x 4 policies,
# and the report (HTML, JSON, CSVs, XLSX). Records wall time and peak memory (GNU time), and
# the size and solve time of a skill-mix LP of over 100,000 variables.
# Usage: bench/plan_scale.sh [LOCALITIES]   (default 7: borough-sized localities)
set -euo pipefail
cd "$(dirname "$0")/.."
localities="${1:-7}"
work="${TMPDIR:-/tmp}/careforce-plan-bench"
bin=./build/careforce
rm -rf "$work" && mkdir -p "$work"
source bench/machine.sh
$bin synth --seed 11 --population 1935000 --localities "$localities" --out "$work/place" | tail -1
s=examples/scenarios
scenarios=(--scenario $s/faster_growth.toml --scenario $s/higher_turnover.toml --scenario $s/lower_turnover.toml --scenario $s/ageing_faster.toml)
policies=(--policy $s/integrated_worker.toml --policy $s/international_nurses.toml --policy $s/pay_parity.toml --policy $s/home_first.toml)
for run in 1 2; do
  rm -f "$work/db.sqlite"
  /usr/bin/time -f "whole plan (run $run): %e s wall, %U s user CPU, %M KB peak" bash -c "
    CAREFORCE_PSEUDONYMISATION_KEY='benchmark key of sixteen bytes' $bin import '$work/place' --db '$work/db.sqlite' >/dev/null &&
    $bin plan '$work/place' --out '$work/out' --runs 1000 ${scenarios[*]} ${policies[*]} --write-mps '$work/skill_mix.mps' >/dev/null"
done
python3 - "$work/out/plan.json" <<'PY' 2>/dev/null || grep -o '"variables": [0-9]*' "$work/out/plan.json" | head -1
import json, sys
mix = json.load(open(sys.argv[1]))["skill_mix"]
print(f"skill-mix LP of the plan: {mix['variables']} variables, {mix['constraints']} constraints, {mix['status']}")
if "path" in mix:
    path = mix["path"]
    print(f"skill-mix LP year by year: {path['variables']} variables, {path['constraints']} constraints, {path['status']}")
PY
rm -rf "$work"
