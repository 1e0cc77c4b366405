#!/usr/bin/env bash
# Quick start 2 and the CI entry: install what is missing, check formatting, then build and run
# the whole suite twice through ctest (the debug preset and the ASan+UBSan preset), then a short,
# repeatable libFuzzer run of every harness.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-deps.sh
tools/check-format.sh
cmake --workflow --preset debug
cmake --workflow --preset asan
tools/run-fuzz.sh
