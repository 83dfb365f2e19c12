#!/usr/bin/env bash
# The Python tests: the wrapped modules built against an ITK build tree with Python wrapping, then
# `ctest -L python` (each filter from Python on numpy data and files, compared with the C++
# programs of the C++ build; metadata through itk.imread / itk.imwrite; the DyScO3 fusion; dask).
#
#   scripts/run-python-tests.sh [CTEST_ARGS...]   # builds the wrapped ITK first if needed (33 min once)
#
# $BUILD_DIR (default build/) is the C++ build whose aem-* programs the tests compare with (built
# here if absent); $PYTHON_BUILD_DIR (default build-python/) receives the wrapped modules' builds.
# Extra arguments go to ctest. The modules' libraries and Python files go into the wrapped ITK's
# build tree (that is how ITK's external modules work).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
python_build="${PYTHON_BUILD_DIR:-$root/build-python}"
shared="${EM_SHARED_DATA_DIR:-$root/../shared}"
export PATH="/usr/bin:/bin:$PATH"

itk_dir="$("$root/scripts/build-wrapped-itk.sh")"

source "$root/scripts/as-root.sh"
if ! /usr/bin/python3 -c "import dask, hyperspy" > /dev/null 2>&1; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-dask python3-hyperspy > /dev/null
fi
if [[ ! -x "$build/bin/aem-tv-denoise" ]]; then
  BUILD_DIR="$build" "$root/scripts/build.sh"
fi

mkdir -p "$python_build"
cmake -S "$root/Wrapping" -B "$python_build" -G Ninja \
  -DITK_DIR="$itk_dir" \
  -DAnalyticalEM_CLI_DIR="$build/bin" \
  -DAnalyticalEM_SHARED_DATA_DIR="$shared" > "$python_build/configure.log" 2>&1 ||
  { cat "$python_build/configure.log"; exit 1; }
cmake --build "$python_build"
cd "$python_build"
ctest -L python --output-on-failure -j "$(nproc)" "$@"
