#!/usr/bin/env bash
# Builds ITK 5.4.3 (only the modules this project uses, no wrapping) once per machine, then this
# project against it, and runs its C++ tests:
#
#   scripts/test-with-itk-5.4.sh [ITK_5.4.3_SOURCE] [CTEST_ARGS...]
#
# The ITK source is, in this order: the folder given (an unpacked source or a checkout of the
# v5.4.3 tag), $ITK54_SOURCE_DIR, or Debian 13's insighttoolkit5 5.4.3 source package (apt-get
# source with a deb-src entry for trixie, added here when missing). ITK is built into
# $AEM_ITK54_DIR (default ~/.cache/itk-analyticalem/itk-5.4.3), this project into
# $BUILD_DIR (default build-itk5.4/). The Debian packages of scripts/install-dependencies.sh are
# needed; Debian's own ITK 5.2.1 stays installed and unused by this build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${AEM_ITK54_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/itk-analyticalem/itk-5.4.3}"
build="${BUILD_DIR:-$root/build-itk5.4}"
source_dir="${ITK54_SOURCE_DIR:-}"
if [[ $# -gt 0 && -f "$1/CMakeLists.txt" ]]; then
  source_dir="$1"
  shift
fi
export PATH="/usr/bin:/bin:$PATH"
source "$root/scripts/as-root.sh"

"$root/scripts/install-dependencies.sh"
mkdir -p "$cache"
if [[ -z "$source_dir" ]]; then
  source_dir="$cache/src"
  if [[ ! -f "$source_dir/CMakeLists.txt" ]]; then
    list=/etc/apt/sources.list.d/itk-analyticalem-trixie-src.sources
    if [[ ! -f "$list" ]]; then
      printf '%s\n' "Types: deb-src" "URIs: http://deb.debian.org/debian" "Suites: trixie" "Components: main" \
        "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" | as_root tee "$list" > /dev/null
      as_root apt-get update -qq
    fi
    (cd "$cache" && apt-get source --download-only insighttoolkit5/trixie > /dev/null &&
      rm -rf src && dpkg-source -x insighttoolkit5_5.4.3-*.dsc src > /dev/null)
  fi
fi
if [[ "$(sed -n 's/^set(ITK_VERSION_\(MAJOR\|MINOR\|PATCH\) "\([0-9]*\)")/\2/p' "$source_dir/CMake/itkVersion.cmake" 2>/dev/null |
  paste -sd.)" != "5.4.3" ]]; then
  echo "$source_dir is not ITK 5.4.3" >&2
  exit 1
fi

itk_build="$cache/build"
if [[ ! -f "$itk_build/.analyticalem-complete" ]]; then
  source "$root/scripts/itk-build-options.sh"
  itk_module_options ITKCommon ITKIOImageBase ITKIOMeta ITKIONRRD ITKIOPNG ITKImageIntensity ITKFFT ITKHDF5 ITKVTK \
    ITKGoogleTest
  cmake -S "$source_dir" -B "$itk_build" "${itk_common_options[@]}" -DITK_USE_SYSTEM_EIGEN=ON \
    -DITK_USE_KWSTYLE=OFF > "$cache/configure.log"
  ninja -C "$itk_build" -j "$(nproc)" > "$cache/build.log"
  touch "$itk_build/.analyticalem-complete"
fi

mkdir -p "$build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DITK_DIR="$itk_build" \
  -DPython3_EXECUTABLE=/usr/bin/python3 -DEM_PYTHON_EXECUTABLE=/usr/bin/python3 > "$build/configure.log" 2>&1 ||
  { cat "$build/configure.log"; exit 1; }
ninja -C "$build"
(cd "$build" && xvfb-run -a -s "-screen 0 1280x1024x24" ctest --output-on-failure -j "$(nproc)" "$@")
