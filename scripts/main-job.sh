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
"$build/bin/AnalyticalEMCoreLossSimulation" "$output/coreloss-simulation"
"$build/bin/AnalyticalEMAlignZeroLoss" "$output/coreloss-simulation/lowloss.mha" "$output/coreloss-alignment" \
  --companion "$output/coreloss-simulation/coreloss.mha" --method crosscorrelation
"$build/bin/AnalyticalEMQuantify" "$output/coreloss-alignment/companion0_aligned.mha" "$output/coreloss-quantification" \
  --lowloss "$output/coreloss-alignment/lowloss_aligned.mha"
# Montages, the spectrum-image explorer and the convergence plots (VTK needs an X display).
if [[ -x "$build/bin/AnalyticalEMViews" ]]; then
  if [[ -n "${DISPLAY:-}" ]]; then
    "$build/bin/AnalyticalEMViews" "$output"
  else
    xvfb-run -a -s "-screen 0 1600x1200x24" "$build/bin/AnalyticalEMViews" "$output"
  fi
fi
echo "Main job finished; results are in $output (tv-denoising/, fusion/, coreloss-simulation/, coreloss-alignment/, coreloss-quantification/, views/)"
