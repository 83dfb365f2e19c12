#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the examples need (skipped when they
# are all present already). Needs root, or sudo.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libinsighttoolkit5-dev libfftw3-dev libeigen3-dev libjsoncpp-dev zlib1g-dev libgsl-dev libxc-dev
  libgtest-dev libbenchmark-dev
  clang libclang-rt-14-dev
  python3-numpy python3-scipy python3-skimage python3-hyperspy python3-h5py python3-yaml
  libvtk9-dev libgl1-mesa-dri libexpat1-dev
  xvfb xauth time
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "All build dependencies are installed."
  exit 0
fi

source "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"
echo "Installing: ${missing[*]}"
as_root apt-get update -q
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
