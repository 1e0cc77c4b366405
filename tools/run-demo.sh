#!/usr/bin/env bash
# Quick start 1: install what is missing, build the release preset, print the upgrade-impact
# report of the bundled data under the preset scenario (shanghai-smart-factory).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
exec build/release/tools/cli/smartkpi impact "$@"
