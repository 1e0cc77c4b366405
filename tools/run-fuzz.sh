#!/usr/bin/env bash
# A short coverage-guided fuzzing run of every harness (clang 14 + libFuzzer, ASan + UBSan),
# on a scratch copy of the committed corpus. Any crash fails the run; copy the artifact it names
# into tests/fuzz/regressions/<harness>/ together with the fix. Called by tools/run-tests.sh.
# A fixed seed and a fixed number of runs make it repeatable: the same tree fuzzes the same way.
#   tools/run-fuzz.sh [RUNS_PER_HARNESS]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20000}
harnesses=(json_reader csv_reader text_decode dataset_json dataset_csv scenario_json units_json units_csv check_json calendar_json
           events_csv events_jsonl energy_series_csv energy_series_json impact_report_json)
# The event-log harnesses read each input three times (1 and 2 threads, skip and fail) and
# write a partial and every report: about 100x slower per run than the others, and libFuzzer's
# entropic scheduler costs them 5x more again. They get a tenth of the runs and the classic
# scheduler (about 30 s and 70 s at the default).
declare -A slow=([events_csv]=1 [events_jsonl]=1)

if ! command -v clang++-14 >/dev/null 2>&1; then
    echo "run-fuzz: clang++-14 not found; skipping the fuzzing run" >&2
    exit 0
fi
cmake --preset fuzz >/dev/null
targets=()
for h in "${harnesses[@]}"; do
    targets+=("fuzz_$h")
done
cmake --build --preset fuzz --target "${targets[@]}" >/dev/null

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for h in "${harnesses[@]}"; do
    mkdir -p "$scratch/$h"
    cp tests/fuzz/corpus/"$h"/* "$scratch/$h/" 2>/dev/null || true
    n=$runs
    extra=()
    if [[ -n "${slow[$h]:-}" ]]; then
        n=$(((runs + 9) / 10))
        extra=(-entropic=0)
    fi
    echo "fuzz $h: $n runs"
    if ! build/fuzz/tests/fuzz/"fuzz_$h" -runs="$n" -seed=1 -max_len=4096 "${extra[@]}" \
        -artifact_prefix="$scratch/$h-" "$scratch/$h" >"$scratch/$h.log" 2>&1; then
        tail -n 40 "$scratch/$h.log" >&2
        echo "run-fuzz: harness $h failed; its input is in the log above" >&2
        exit 1
    fi
    tail -n 1 "$scratch/$h.log"
done
