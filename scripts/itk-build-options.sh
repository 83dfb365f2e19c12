# Sourced by the scripts that build an ITK for this project (build-wrapped-itk.sh,
# test-with-itk-5.4.sh): the CMake options they share, in the array itk_common_options. Call
# itk_module_options MODULE... to append one -DModule_<name>=ON per ITK module.
# shellcheck shell=bash
itk_common_options=(
  -G Ninja
  -DCMAKE_BUILD_TYPE=Release
  -DBUILD_SHARED_LIBS=ON
  -DBUILD_TESTING=OFF
  -DBUILD_EXAMPLES=OFF
  -DITK_BUILD_DEFAULT_MODULES=OFF
  -DITK_USE_SYSTEM_HDF5=ON
  -DITK_USE_SYSTEM_ZLIB=ON
  -DITK_USE_SYSTEM_EXPAT=ON
  -DITK_USE_SYSTEM_PNG=ON
  -DITK_USE_SYSTEM_GOOGLETEST=ON
  -DITK_USE_FFTWF=ON -DITK_USE_FFTWD=ON -DITK_USE_SYSTEM_FFTW=ON
  -DITK_USE_CLANG_FORMAT=OFF
  -DITK_FORBID_DOWNLOADS=ON
)

itk_module_options() {
  local module
  for module in "$@"; do
    itk_common_options+=("-DModule_${module}:BOOL=ON")
  done
}
