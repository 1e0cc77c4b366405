#!/usr/bin/env bash
# Fails when a tracked C++ file is not clang-formatted (clang-format 14, .clang-format at the root).
set -euo pipefail
cd "$(dirname "$0")/.."
fmt=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$fmt" ]; then
    echo "check-format: clang-format not found; skipping" >&2
    exit 0
fi
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || true)
[ -z "$files" ] && exit 0
# shellcheck disable=SC2086
"$fmt" --dry-run -Werror $files
