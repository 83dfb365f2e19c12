#!/usr/bin/env bash
# The main job: installs the dependencies, builds, and runs the project's pipeline on its
# built-in inputs (and on the real DyScO3 data of ../shared when present), writing the results to
# OUTPUT_FOLDER (default: output/).
#   scripts/main-job.sh [OUTPUT_FOLDER]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
output="$(mkdir -p "${1:-$root/output}" && cd "${1:-$root/output}" && pwd)"
shared="${EM_SHARED_DATA_DIR:-$root/../shared}"

"$root/scripts/install-dependencies.sh"
BUILD_DIR="$build" "$root/scripts/build.sh"
"$build/bin/AnalyticalEMTVPhantom" "$output/tv-denoising"
"$build/bin/AnalyticalEMFusionExample" "$output/fusion" "$shared"
# The seeds end to end: simulate the C/N/O/Fe scan with drift, align, quantify with CRLB maps,
# form the ADF-like image, fuse; maps, fused maps, costs and summary.txt (accuracy, stage times).
# --overwrite: a second main job replaces the results of the first.
"$build/bin/aem-pipeline" "$output/pipeline" --overwrite
if [[ -f "$shared/data/fusion/PTO_Trilayer/HAADF.mha" ]]; then
  dyscO3="$shared/data/fusion/PTO_Trilayer"
  "$build/bin/aem-pipeline" "$output/pipeline-DyScO3" --overwrite --haadf "$dyscO3/HAADF.mha" \
    --map "$dyscO3/Sc.mha" --map "$dyscO3/Dy.mha" --map "$dyscO3/O.mha"
fi
# Montages, the spectrum-image explorer and the convergence plots (VTK needs an X display).
if [[ -x "$build/bin/AnalyticalEMViews" ]]; then
  if [[ -n "${DISPLAY:-}" ]]; then
    "$build/bin/AnalyticalEMViews" "$output/pipeline"
  else
    xvfb-run -a -s "-screen 0 1600x1200x24" "$build/bin/AnalyticalEMViews" "$output/pipeline"
  fi
fi
echo
cat "$output/pipeline/summary.txt"
echo "Main job finished; results are in $output (tv-denoising/, fusion/, pipeline/ with views/ and summary.txt$(
  [[ -d "$output/pipeline-DyScO3" ]] && echo ", pipeline-DyScO3/"))"
