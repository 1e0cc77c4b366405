#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
#
# Benchmark (not a timed test): `smartkpi events kpi --by site,line,machine,shift --format csv`
# on a synthetic machine-state event log (tests/bench/gen_events.cpp), against DuckDB
# (tests/bench/events_duckdb.mjs, npm package @duckdb/node-api) and pandas
# (tests/bench/events_pandas.py), with `cat FILE > /dev/null` as the ceiling. Every tool is
# run once to warm up, then REPEAT times under GNU time -v; the median wall time and the
# largest peak RSS are reported. Then the outputs are checked to agree
# (tests/bench/compare_event_csv.py; smartkpi with 1 and 2 threads byte for byte).
#
#   tests/bench/run_events_bench.sh BUILD_DIR
#
# Settings, by environment:
#   ROWS (10000000)       rows of the log (10M rows: about 0.98 GB, 387,000 groups)
#   REPEAT (3)            measured runs per tool, after one warm-up run
#   SEED (1)              the generator's seed
#   BENCH_DIR             work directory (default BUILD_DIR/bench-events): the log is kept
#                         there and reused when it has the right row count; DuckDB's npm
#                         package is installed into BENCH_DIR/node when missing
#   TOOLS                 which to run, default "cat smartkpi duckdb pandas"
#   SMARTKPI              the CLI (default BUILD_DIR/tools/cli/smartkpi)
#   SMARTKPI_GEN_EVENTS   the generator (default BUILD_DIR/tests/bench/smartkpi-gen-events)
#   DUCKDB_NODE_API       npm package spec to install (default @duckdb/node-api@1.5.6-r.1)
# Needs GNU time (/usr/bin/time), node and npm (network for the first install), and
# /usr/bin/python3 with pandas (Debian python3-pandas). A smoke run (ROWS=200000 REPEAT=1)
# takes seconds.
# Exit status: 0 when every run succeeded and the outputs agree, 1 otherwise.
# shellcheck disable=SC2016 # the sh -c scripts read their arguments as $0 and $1
set -euo pipefail

[[ $# -eq 1 ]] || {
    echo "usage: $0 BUILD_DIR" >&2
    exit 64
}
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
rows=${ROWS:-10000000}
repeat=${REPEAT:-3}
seed=${SEED:-1}
work=${BENCH_DIR:-$build/bench-events}
mkdir -p "$work" && work=$(cd "$work" && pwd) # absolute: node resolves require() paths from its own folder
read -r -a tools <<<"${TOOLS:-cat smartkpi duckdb pandas}"
smartkpi=${SMARTKPI:-$build/tools/cli/smartkpi}
gen=${SMARTKPI_GEN_EVENTS:-$build/tests/bench/smartkpi-gen-events}
duckdb_package=${DUCKDB_NODE_API:-@duckdb/node-api@1.5.6-r.1}
python=/usr/bin/python3
timer=/usr/bin/time

wants() { [[ " ${tools[*]} " == *" $1 "* ]]; }
fail() {
    echo "run_events_bench: $*" >&2
    exit 1
}

[[ $rows =~ ^[1-9][0-9]*$ ]] || fail "ROWS must be a positive integer"
[[ $repeat =~ ^[1-9][0-9]*$ ]] || fail "REPEAT must be a positive integer"
for exe in "$gen" "$timer"; do
    [[ -x $exe ]] || fail "$exe is missing (build with -DSMARTKPI_BUILD_BENCHMARKS=ON;" \
        "GNU time is Debian's 'time' package)"
done
if wants smartkpi; then
    [[ -x $smartkpi ]] || fail "$smartkpi is missing (set SMARTKPI, or TOOLS without smartkpi)"
fi
if wants duckdb; then
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        fail "node and npm are needed for DuckDB (or set TOOLS without duckdb)"
    fi
fi
if wants pandas; then
    "$python" -c 'import pandas' 2>/dev/null ||
        fail "$python with pandas is needed (Debian python3-pandas; or TOOLS without pandas)"
fi

mkdir -p "$work"
log=$work/events-r$rows-s$seed.csv
out=$work/out
mkdir -p "$out"

# The log: generated once, reused when it holds header + ROWS lines.
if [[ ! -f $log || $(wc -l <"$log") -ne $((rows + 1)) ]]; then
    start=$(date +%s.%N)
    "$gen" --rows "$rows" --seed "$seed" --output "$log.tmp"
    mv "$log.tmp" "$log"
    echo "generated $log in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}') s"
fi
bytes=$(stat -c %s "$log")

node_prefix=$work/node
if wants duckdb && [[ ! -f $node_prefix/node_modules/@duckdb/node-api/package.json ]]; then
    echo "installing $duckdb_package into $node_prefix"
    mkdir -p "$node_prefix"
    npm install --prefix "$node_prefix" --no-audit --no-fund --loglevel=error \
        "$duckdb_package" >&2
fi

# Runs "$@" under GNU time -v; sets wall_s and rss_kb. Fails on a non-zero exit.
measure() {
    local tlog=$out/time.log status=0
    "$timer" -v -o "$tlog" "$@" 2>"$out/stderr.log" || status=$?
    if [[ $status -ne 0 ]]; then
        echo "run_events_bench: failed ($status): $*" >&2
        head -c 2000 "$out/stderr.log" >&2
        exit 1
    fi
    wall_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tlog")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tlog")
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR] = $1} END {
    print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
max() { tr ' ' '\n' | grep . | sort -g | tail -n 1; }

declare -A wall rss
cases=()
# bench NAME THREADS COMMAND...: one warm-up run, then REPEAT measured runs.
bench() {
    local name=$1 threads=$2 walls=() rsss=()
    shift 2
    measure "$@"
    for ((r = 0; r < repeat; r++)); do
        measure "$@"
        walls+=("$wall_s")
        rsss+=("$rss_kb")
    done
    wall[$name]=$(echo "${walls[*]}" | median)
    rss[$name]=$(echo "${rsss[*]}" | max)
    cases+=("$name:$threads")
    printf '  %-12s runs %s s\n' "$name" "${walls[*]}"
}

echo "smartkpi events benchmark: $rows rows (seed $seed), $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB," \
    "$repeat measured runs per tool after a warm-up"
echo "  log:       $log"
echo "  machine:   $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
if wants smartkpi; then
    echo "  smartkpi:  $smartkpi ($("$smartkpi" --version 2>/dev/null | head -n 1 || true))"
fi
if wants duckdb; then
    echo "  duckdb:    @duckdb/node-api $(node -p "require('$node_prefix/node_modules/@duckdb/node-api/package.json').version"), node $(node --version)"
fi
if wants pandas; then
    echo "  pandas:    $("$python" -c 'import pandas; print(pandas.__version__)'), $("$python" --version)"
fi

by=site,line,machine,shift
for tool in "${tools[@]}"; do
    case $tool in
    cat) bench cat 1 sh -c 'exec cat "$0" > /dev/null' "$log" ;;
    smartkpi)
        for t in 1 2; do
            bench "smartkpi-t$t" "$t" "$smartkpi" events kpi --log "$log" --by "$by" \
                --format csv --output "$out/smartkpi-t$t.csv" --threads "$t"
        done
        ;;
    duckdb)
        for t in 1 2; do
            bench "duckdb-t$t" "$t" node "$here/events_duckdb.mjs" --log "$log" --threads "$t" \
                --output "$out/duckdb-t$t.csv" --node-prefix "$node_prefix"
        done
        ;;
    pandas) bench pandas 1 "$python" "$here/events_pandas.py" --log "$log" --output "$out/pandas.csv" ;;
    *) fail "unknown tool $tool in TOOLS" ;;
    esac
done

echo
echo "| tool | threads | median wall s | rows/s | MB/s | peak RSS MB | smartkpi / DuckDB throughput |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for c in "${cases[@]}"; do
    name=${c%%:*}
    threads=${c##*:}
    ratio=""
    if [[ $name == smartkpi-t* && -n ${wall[duckdb-t$threads]:-} ]]; then
        ratio=$(awk -v d="${wall[duckdb-t$threads]}" -v s="${wall[$name]}" \
            'BEGIN {if (s > 0) printf "%.2f", d / s; else print "inf"}')
    fi
    awk -v n="${name%-t*}" -v t="$threads" -v w="${wall[$name]}" -v k="${rss[$name]}" \
        -v r="$rows" -v b="$bytes" -v q="$ratio" 'BEGIN {
        if (w > 0) { rs = sprintf("%.0f", r / w); ms = sprintf("%.0f", b / 1e6 / w) }
        else { rs = "-"; ms = "-" }
        printf "| %s | %s | %.2f | %s | %s | %.0f | %s |\n", n, t, w, rs, ms, k * 1024 / 1e6, q }'
done
echo
echo "median wall s: median of $repeat runs after a warm-up; peak RSS: largest of them (GNU time);"
echo "MB = 10^6 bytes of input; the last column is DuckDB's wall time over smartkpi's at equal threads."

echo
status=0
compare() {
    if [[ -f $1 && -f $2 ]]; then
        "$python" "$here/compare_event_csv.py" "$1" "$2" || status=1
    fi
}
if wants smartkpi; then
    if cmp "$out/smartkpi-t1.csv" "$out/smartkpi-t2.csv"; then
        echo "agree: smartkpi --threads 1 and 2 are byte-identical"
    else
        status=1
    fi
    if wants duckdb; then
        compare "$out/smartkpi-t1.csv" "$out/duckdb-t1.csv"
    fi
    if wants pandas; then
        compare "$out/smartkpi-t1.csv" "$out/pandas.csv"
    fi
elif wants duckdb && wants pandas; then
    compare "$out/duckdb-t1.csv" "$out/pandas.csv"
fi
if [[ $status -ne 0 ]]; then
    echo "run_events_bench: the outputs DIFFER" >&2
fi
exit $status
