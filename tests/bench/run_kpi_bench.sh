#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
#
# Benchmark (not a timed test): `smartkpi kpi compute` end to end on COUNT synthetic work units
# (tests/bench/gen_units.py), for each grouping and format, with /usr/bin/time -v.
#
#   tests/bench/run_kpi_bench.sh BUILD_DIR [COUNT]     (default 100000)
#
# Prints wall seconds and peak RSS per run. Exit status 0 when every run succeeded.
set -euo pipefail
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 BUILD_DIR [COUNT]" >&2; exit 64; }
smartkpi=${SMARTKPI:-$1/tools/cli/smartkpi}
count=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_units.py" "$count" >"$tmp/units.json"
echo "input: $count units, $(stat -c %s "$tmp/units.json") bytes"
for case in "unit json" "line json" "all json" "line csv" "line table"; do
    read -r by format <<<"$case"
    /usr/bin/time -v "$smartkpi" kpi compute --input "$tmp/units.json" --by "$by" \
        --format "$format" --output "$tmp/out" 2>"$tmp/time.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
    printf '%-6s %-6s wall %s  peak %s KiB  output %s bytes\n' "$by" "$format" "$wall" "$rss" \
        "$(stat -c %s "$tmp/out")"
done
