#!/usr/bin/env bash
# The tests: installs the dependencies, builds, and runs ctest (under a virtual X display, which
# the rendering tests need); then the Python tests (scripts/run-python-tests.sh), which build the
# wrapped ITK first when this machine has none cached (33 min on 2 cores, once). Extra arguments
# go to ctest, e.g. scripts/run-tests.sh -R Denoising
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"

"$root/scripts/install-dependencies.sh"
BUILD_DIR="$build" "$root/scripts/build.sh"
(cd "$build" && xvfb-run -a -s "-screen 0 1280x1024x24" ctest --output-on-failure -j "$(nproc)" "$@")
"$root/scripts/run-python-tests.sh" "$@"
