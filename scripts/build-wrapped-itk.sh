#!/usr/bin/env bash
# Builds ITK 5.2.1 with Python wrapping from Debian's own source package, once per machine, into a
# cache folder outside the repository (Debian's ITK has no wrapping, and ITK wrapping only works
# for a module built against an ITK *build tree*).
#
#   scripts/build-wrapped-itk.sh            # build (or reuse) the wrapped ITK; prints its path
#   scripts/build-wrapped-itk.sh --check    # prints the path if it is built, else exits with 1
#   AEM_WRAPPED_ITK_DIR=/path scripts/...   # another cache folder
#
# Only the ITK modules this project needs are enabled (25 with their dependencies), with the
# system SWIG, CastXML, HDF5, zlib, FFTW and GoogleTest. Pixel types float and double, dimensions
# 2 and 3. On 2 cores: 33 min from nothing (download, configure and build). The folder holds
# src/ (the unpacked source), build/ (the ITK build tree) and build/.analyticalem-complete once
# the build has finished.
set -euo pipefail

cache="${AEM_WRAPPED_ITK_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/itk-analyticalem/itk-5.2.1-python}"
build="$cache/build"
stamp="$build/.analyticalem-complete"
if [[ -f "$stamp" ]]; then
  echo "$build"
  exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
  exit 1
fi
mkdir -p "$cache"
# Debian's Python first: ITK's wrapping must match the /usr/bin/python3 that imports it.
export PATH="/usr/bin:/bin:$PATH"

source "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"

# apt-get source needs deb-src entries; add them for Debian's own suites when there are none.
if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  as_root tee /etc/apt/sources.list.d/itk-analyticalem-deb-src.sources > /dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
fi
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends dpkg-dev swig castxml cmake ninja-build g++ \
  python3-dev python3-numpy libhdf5-dev zlib1g-dev libfftw3-dev libgsl-dev libxc-dev libgtest-dev libexpat1-dev libpng-dev \
  libjpeg-dev > /dev/null

if [[ ! -f "$cache/src/CMakeLists.txt" ]]; then
  (cd "$cache" && apt-get source --download-only insighttoolkit5 > /dev/null 2>&1 &&
    rm -rf src && dpkg-source -x insighttoolkit5_5.2.1-*.dsc src > /dev/null)
fi
# ITK 5.2's Python support uses np.bool, which numpy 1.24 removed.
sed -i 's/\bnp\.bool)/np.bool_)/' "$cache/src/Wrapping/Generators/Python/itk/support/types.py"
# ITK builds each Python module with link-time optimisation, which moves the wrappers' code
# generation into one long link per module; off, as the wrappers are built at -O0 below.
sed -i 's/INTERPROCEDURAL_OPTIMIZATION_RELEASE TRUE/INTERPROCEDURAL_OPTIMIZATION_RELEASE FALSE/' \
  "$cache/src/Wrapping/Generators/Python/CMakeLists.txt"
# ITK 5.2 assumes some vector pixel type is wrapped; an empty list must be quoted.
sed -i 's/VectorTypes ${WRAP_ITK_VECTOR})/VectorTypes "${WRAP_ITK_VECTOR}")/' \
  "$cache/src/Modules/Core/Common/wrapping/itkImageDuplicator.wrap"

source "$(dirname "${BASH_SOURCE[0]}")/itk-build-options.sh"
# ITKMesh because ITKCommon's wrapping declares itk::MeshRegion, whose header lives there.
itk_module_options ITKCommon ITKMesh ITKImageFilterBase ITKIOImageBase ITKIOMeta ITKIONRRD ITKFFT ITKHDF5 \
  ITKGoogleTest ITKBridgeNumPy
# Wrapped pixel types float and double only (the filters' types), no itk::Vector or
# CovariantVector pixels (spectra are VectorImages), at -O0: the wrappers only pass calls on, and
# the filters themselves are built by Wrapping/ at -O3.
# ITKGroup_Core is on by default and would add the spatial objects, meshes, GPU and
# finite-difference modules, whose wrappers were a third of the build; nothing here uses them.
cmake -S "$cache/src" -B "$build" "${itk_common_options[@]}" \
  -DITKGroup_Core=OFF \
  -DITK_WRAP_PYTHON=ON \
  -DITK_WRAP_float=ON \
  -DITK_WRAP_double=ON \
  -DITK_WRAP_unsigned_char=OFF \
  -DITK_WRAP_signed_short=OFF \
  -DITK_WRAP_rgb_unsigned_char=OFF \
  -DITK_WRAP_rgba_unsigned_char=OFF \
  -DITK_WRAP_vector_float=OFF \
  -DITK_WRAP_covariant_vector_float=OFF \
  -DCMAKE_CXX_FLAGS_RELEASE="-O0 -DNDEBUG" \
  -DCMAKE_C_FLAGS_RELEASE="-O0 -DNDEBUG" \
  -DITK_WRAP_IMAGE_DIMS="2;3" \
  -DITK_USE_SYSTEM_SWIG=ON \
  -DITK_USE_SYSTEM_CASTXML=ON \
  -DITK_USE_SYSTEM_JPEG=ON \
  -DGTEST_SRC=/usr/src/googletest/googletest \
  -DPython3_EXECUTABLE=/usr/bin/python3 \
  -DPython_EXECUTABLE=/usr/bin/python3 > "$cache/configure.log" 2>&1 ||
  { tail -n 40 "$cache/configure.log" >&2; exit 1; }
echo "Building ITK with Python wrapping in $build (log: $cache/build.log)" >&2
ninja -C "$build" -j "$(nproc)" > "$cache/build.log" 2>&1 || { tail -n 40 "$cache/build.log" >&2; exit 1; }
touch "$stamp"
echo "$build"
