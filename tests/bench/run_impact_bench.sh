#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
#
# Benchmark (not a timed test): `smartkpi impact --format json` end to end on N synthetic
# factories, from JSON and from CSV. Target (issue): 500,000 factories in under 5 s wall and
# under 2 GB peak memory on a 2-core machine.
#
#   tests/bench/run_impact_bench.sh BUILD_DIR [COUNT]
#
# Uses only programs already built in BUILD_DIR (builds nothing): tools/cli/smartkpi and
# tests/bench/smartkpi-gen-factories; the environment variables SMARTKPI and
# SMARTKPI_GEN_FACTORIES override their paths. Other settings, by environment:
#   RUNS (3)            runs per input: the median wall time and the largest peak RSS are reported
#   FORMATS ("json csv") the inputs to time
#   SEED (1)            the generator's seed
#   RUN_TIMEOUT (120)   seconds after which a run is killed and reported as timed out (the
#                       remaining runs of that input are skipped)
# Files go to a temporary directory under ${TMPDIR:-/tmp}, removed at exit: about 6 GB at
# 500,000 factories with the current report size (2.7 GB of output, copied once for the floor).
# Exit status: 0 when every run succeeded, whether or not the targets are met.
# shellcheck disable=SC2016 # the sh -c scripts read their arguments as $0 and $1
set -euo pipefail

usage() {
    echo "usage: $0 BUILD_DIR [COUNT]" >&2
    exit 64
}
[[ $# -ge 1 && $# -le 2 ]] || usage
build=$1
count=${2:-500000}
runs=${RUNS:-3}
seed=${SEED:-1}
read -r -a formats <<<"${FORMATS:-json csv}"
smartkpi=${SMARTKPI:-$build/tools/cli/smartkpi}
gen=${SMARTKPI_GEN_FACTORIES:-$build/tests/bench/smartkpi-gen-factories}
target_wall_s=5
target_rss_bytes=2000000000 # 2 GB (10^9); 2 GiB would be 7 % more lenient
timer=/usr/bin/time
run_timeout=${RUN_TIMEOUT:-120}

for exe in "$smartkpi" "$gen" "$timer" "$(command -v timeout || echo timeout)"; do
    if [[ ! -x $exe ]]; then
        echo "run_impact_bench: $exe is missing or not executable" \
            "(build with -DSMARTKPI_BUILD_BENCHMARKS=ON; GNU time is Debian's 'time' package)" >&2
        exit 66
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/smartkpi-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Runs "$@" under GNU time -v; sets wall_s, user_s, sys_s, rss_kb. Fails on a non-zero exit,
# except that with timed_out=0 set beforehand, a kill by timeout(1) sets timed_out=1.
measure() {
    local log=$work/time.log status=0
    "$timer" -v -o "$log" "$@" 2>"$work/stderr.log" || status=$?
    if [[ $status -eq 137 && ${timed_out:-} == 0 ]]; then
        timed_out=1
        return
    fi
    if [[ $status -ne 0 ]]; then
        echo "run_impact_bench: failed: $*" >&2
        head -c 2000 "$work/stderr.log" >&2
        tail -n 30 "$log" >&2 || true
        exit 1
    fi
    wall_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
    user_s=$(awk -F': ' '/User time \(seconds\)/ {print $2}' "$log")
    sys_s=$(awk -F': ' '/System time \(seconds\)/ {print $2}' "$log")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR] = $1} END {
    print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
max() { tr ' ' '\n' | grep . | sort -g | tail -n 1; }
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.1f", b / 1e6}'; }

echo "smartkpi impact benchmark: $count factories (seed $seed), $runs runs per input"
echo "  smartkpi:  $smartkpi ($("$smartkpi" --version 2>/dev/null | head -n 1))"
echo "  machine:   $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  work dir:  $work"

for fmt in "${formats[@]}"; do
    measure sh -c "exec \"\$0\" --count $count --format $fmt --seed $seed > \"\$1\"" \
        "$gen" "$work/factories.$fmt"
    echo "  generated factories.$fmt: $(mb "$work/factories.$fmt") MB in ${wall_s} s"
done

printf '\n%-5s %8s %8s %9s %-26s %7s %7s %9s %8s %8s %8s %8s\n' \
    input in_MB out_MB wall_s "runs_s" user_s sys_s RSS_MiB cat_in_s cat_out_s wall/5s RSS/2GB
results=()
for fmt in "${formats[@]}"; do
    in=$work/factories.$fmt
    out=$work/impact-from-$fmt.json
    # Floors: reading the input from the page cache, and writing a file of the output's size.
    cat "$in" >/dev/null
    floors_in=()
    for ((r = 0; r < runs; r++)); do
        measure sh -c 'exec cat "$0" > /dev/null' "$in"
        floors_in+=("$wall_s")
    done
    walls=()
    users=()
    syss=()
    rsss=()
    for ((r = 0; r < runs; r++)); do
        rm -f "$out"
        timed_out=0
        measure timeout --signal=KILL "$run_timeout" \
            "$smartkpi" impact --data "$in" --format json --output "$out"
        if [[ $timed_out == 1 ]]; then
            break
        fi
        walls+=("$wall_s")
        users+=("$user_s")
        syss+=("$sys_s")
        rsss+=("$rss_kb")
    done
    unset timed_out
    if [[ ${#walls[@]} -lt $runs ]]; then
        printf '%-5s %8s %8s %9s %s\n' "$fmt" "$(mb "$in")" - ">$run_timeout" \
            "timed out: run $((${#walls[@]} + 1)) was killed after ${run_timeout} s (RUN_TIMEOUT)"
        results+=("$fmt:timeout:0")
        continue
    fi
    floors_out=()
    for ((r = 0; r < runs; r++)); do
        measure sh -c 'exec cat "$0" > "$1"' "$out" "$work/copy.json"
        floors_out+=("$wall_s")
        rm -f "$work/copy.json"
    done
    out_mb=$(mb "$out")
    rm -f "$out"
    wall=$(echo "${walls[*]}" | median)
    rss=$(echo "${rsss[*]}" | max)
    printf '%-5s %8s %8s %9.2f %-26s %7.2f %7.2f %9.0f %8.2f %8.2f %8.2f %8.2f\n' \
        "$fmt" "$(mb "$in")" "$out_mb" "$wall" "${walls[*]}" \
        "$(echo "${users[*]}" | median)" "$(echo "${syss[*]}" | median)" \
        "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" \
        "$(echo "${floors_in[*]}" | median)" "$(echo "${floors_out[*]}" | median)" \
        "$(awk -v w="$wall" -v t="$target_wall_s" 'BEGIN {print w / t}')" \
        "$(awk -v k="$rss" -v t="$target_rss_bytes" 'BEGIN {print k * 1024 / t}')"
    results+=("$fmt:$wall:$rss")
done

echo
echo "wall_s: median of the runs; RSS_MiB: largest peak resident set of the runs (GNU time);"
echo "user_s, sys_s: medians; cat_in_s: cat INPUT > /dev/null; cat_out_s: cat OUTPUT > file."
if [[ $count -ne 500000 ]]; then
    echo "(the targets are stated for 500,000 factories; this run has $count)"
fi
for r in "${results[@]}"; do
    IFS=: read -r fmt wall rss <<<"$r"
    if [[ $wall == timeout ]]; then
        echo "from $fmt: MISSES the target: a run took more than ${run_timeout} s"
        continue
    fi
    verdict=$(awk -v w="$wall" -v k="$rss" -v tw="$target_wall_s" -v tr="$target_rss_bytes" \
        'BEGIN { m = ""; if (w >= tw) m = m " wall"; if (k * 1024 >= tr) m = m " memory";
                 print (m == "") ? "meets the target" : "MISSES the target:" m }')
    echo "from $fmt: $verdict (${wall} s, $(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}') MiB;" \
        "target < ${target_wall_s} s and < 2 GB)"
done
