#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
#
# Benchmark (not a timed test) of issue 5 §4: `smartkpi energy baseline --model auto` on
#  - 10,000 factories x 36 monthly periods (one CSV with a factory column; target < 1 s on
#    2 cores), and
#  - one factory with 3 years of hourly data (26,280 periods),
# each with 1 and 2 threads, whole process under GNU time (median wall of REPEAT runs after a
# warm-up, largest peak RSS). `--model ols` on the monthly file is run too: the cost of reading
# and writing alone, so the model search's share can be read off. Then a sample of the
# monthly fits is recomputed by an independent numpy script (tests/bench/energy_numpy_check.py)
# when /usr/bin/python3 has numpy.
#
#   tests/bench/run_energy_bench.sh BUILD_DIR
#
# Settings, by environment: FACTORIES (10000), YEARS (3), REPEAT (5), BENCH_DIR (default
# BUILD_DIR/bench-energy), SMARTKPI, SMARTKPI_GEN_ENERGY.
# Exit status: 0 when every run succeeded (and the check agreed), 1 otherwise.
set -euo pipefail

[[ $# -eq 1 ]] || {
    echo "usage: $0 BUILD_DIR" >&2
    exit 64
}
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
factories=${FACTORIES:-10000}
years=${YEARS:-3}
repeat=${REPEAT:-5}
dir=${BENCH_DIR:-$build/bench-energy}
smartkpi=${SMARTKPI:-$build/tools/cli/smartkpi}
gen=${SMARTKPI_GEN_ENERGY:-$build/tests/bench/smartkpi-gen-energy}
mkdir -p "$dir"

monthly=$dir/monthly-$factories.csv
hourly=$dir/hourly-$years.csv
[[ -s $monthly ]] || "$gen" monthly "$factories" > "$monthly"
[[ -s $hourly ]] || "$gen" hourly "$years" > "$hourly"

# run NAME ARGS...: warm-up, then REPEAT timed runs; prints the median wall and the peak RSS.
run() {
    local name=$1
    shift
    # Warnings (one per factory whose model fails its preset) go to a file, not the screen.
    "$@" > /dev/null 2> "$dir/stderr.txt"
    local walls=() rss=0
    for ((i = 0; i < repeat; i++)); do
        /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" > /dev/null 2> "$dir/stderr.txt"
        read -r wall kb < "$dir/time.txt"
        walls+=("$wall")
        ((kb > rss)) && rss=$kb
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-44s median %6.2f s   peak RSS %5d MB   (runs: %s)\n' "$name" "$median" \
        $((rss / 1024)) "${walls[*]}"
}

echo "energy baseline benchmark: $(nproc) cores; $factories factories x 36 months" \
    "($(du -h "$monthly" | cut -f1)); hourly $(($(wc -l < "$hourly") - 1)) periods"
for threads in 1 2; do
    run "monthly, auto, $threads thread(s)" "$smartkpi" energy baseline --data "$monthly" \
        --upgrade-date 2025-01-01 --format csv --threads "$threads" --output "$dir/monthly.csv"
done
run "monthly, ols (read + write only), 2 threads" "$smartkpi" energy baseline --data "$monthly" \
    --upgrade-date 2025-01-01 --model ols --format csv --threads 2 --output "$dir/ols.csv"
upgrade=$((2023 + years * 2 / 3))-01-01 # as tests/bench/gen_energy.cpp places it
for threads in 1 2; do
    run "hourly, auto, $threads thread(s)" "$smartkpi" energy baseline --data "$hourly" \
        --upgrade-date "$upgrade" --format json --threads "$threads" --output "$dir/hourly.json"
done

if /usr/bin/python3 -c 'import numpy' 2> /dev/null; then
    /usr/bin/python3 "$here/energy_numpy_check.py" "$monthly" "$dir/monthly.csv"
else
    echo "numpy not found: independent check skipped"
fi
