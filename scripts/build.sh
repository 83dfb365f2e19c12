#!/usr/bin/env bash
# Configures and builds the project (Release, Ninja) in $BUILD_DIR (default: build/).
# The shared instrument data are taken from $EM_SHARED_DATA_DIR (default: ../shared).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
shared="${EM_SHARED_DATA_DIR:-$root/../shared}"

cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DPython3_EXECUTABLE=/usr/bin/python3 \
  -DEM_PYTHON_EXECUTABLE=/usr/bin/python3 \
  -DEM_SHARED_DATA_DIR="$shared"
cmake --build "$build" -j "$(nproc)"
