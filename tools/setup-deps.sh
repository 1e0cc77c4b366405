#!/usr/bin/env bash
# Installs the Debian packages smartkpi builds with, when any is missing.
# Sourced by tools/run-demo.sh and tools/run-tests.sh; safe to run again (it only checks then).
set -euo pipefail

smartkpi_packages=(
    cmake ninja-build g++ pkg-config
    libeigen3-dev libfmt-dev libcli11-dev nlohmann-json3-dev
    libhowardhinnant-date-dev zlib1g-dev libboost-dev
    libgtest-dev libgmock-dev
    clang-14 libclang-rt-14-dev clang-format
)

missing=()
for p in "${smartkpi_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "smartkpi: installing ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "smartkpi: missing build dependencies; run as root:" >&2
        echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi
