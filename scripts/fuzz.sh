#!/usr/bin/env bash
# Builds a libFuzzer harness of the IO readers or of the programs' argument parser with clang
# (AddressSanitizer + UBSan) and runs it for a bounded time on a seed corpus made here: small
# generated files, plus the shared data files when ../shared is present. A crash fails (exit 1) and leaves its input in the work folder.
# hspy, velox: the crashes and hangs of libhdf5 itself are triaged instead (see below and
# test/fuzz/triage_hdf5.py); a fault in this project's code, or one the reader does not contain,
# fails.
#   scripts/fuzz.sh gatan_dm|msa|hspy|velox|bcf|cli BUILD_DIR [SECONDS]
# Exit 77 (ctest's skip) when clang's libFuzzer is not installed.
set -euo pipefail
harness="$1"
build="$(cd "$2" && pwd)"
seconds="${3:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${EM_SHARED_DATA_DIR:-$root/../shared}"
work="$build/fuzz/$harness"
mkdir -p "$work/corpus" "$work/artifacts"

if ! command -v clang++ > /dev/null || ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, long) { return 0; }' |
    clang++ -x c++ -fsanitize=fuzzer - -o "$work/probe" 2> /dev/null; then
  echo "clang++ with libFuzzer not found (Debian: clang libclang-rt-14-dev); skipped"
  exit 77
fi

case "$harness" in
  gatan_dm) sources=("$root/Modules/IO/src/itkGatanDMTagTree.cxx") ;;
  msa) sources=("$root/Modules/IO/src/itkMSAImageIO.cxx" "$root/Modules/Core/src/itkEMMetaData.cxx"
                "$root/Modules/Core/src/itkEnergyAxis.cxx") ;;
  hspy) sources=("$root/Modules/IO/src/itkHSPYImageIO.cxx" "$root/Modules/IO/src/itkHSPYReading.cxx"
                 "$root/Modules/IO/src/itkEMHDF5Reading.cxx"
                 "$root/Modules/Core/src/itkEMChildProcess.cxx" "$root/Modules/Core/src/itkEMMetaData.cxx"
                 "$root/Modules/Core/src/itkEnergyAxis.cxx" "$root/Modules/Core/src/itkSpatialUnits.cxx") ;;
  velox) sources=("$root/Modules/IO/src/itkVeloxEMDImageIO.cxx" "$root/Modules/IO/src/itkVeloxEMDReading.cxx"
                  "$root/Modules/IO/src/itkVeloxEMDMetadata.cxx"
                  "$root/Modules/IO/src/itkEMMultiSignalImageIO.cxx"
                  "$root/Modules/IO/src/itkEMHDF5Reading.cxx"
                  "$root/Modules/Core/src/itkEELSEdgeTable.cxx" "$root/Modules/Core/src/itkEELSEdgeTableData.cxx"
                  "$root/Modules/Core/src/itkEMChildProcess.cxx" "$root/Modules/Core/src/itkEMMetaData.cxx"
                  "$root/Modules/Core/src/itkEnergyAxis.cxx" "$root/Modules/Core/src/itkSpatialUnits.cxx") ;;
  bcf) sources=("$root/Modules/IO/src/itkBrukerBCFImageIO.cxx" "$root/Modules/IO/src/itkBrukerBCFHeader.cxx"
                "$root/Modules/IO/src/itkBrukerHypermapDecoder.cxx" "$root/Modules/IO/src/itkBrukerSFSContainer.cxx"
                "$root/Modules/IO/src/itkEMMultiSignalImageIO.cxx" "$root/Modules/Core/src/itkEMMetaData.cxx"
                "$root/Modules/Core/src/itkEnergyAxis.cxx") ;;
  cli) sources=("$root/Modules/Applications/src/itkEMCommandLine.cxx" "$root/Modules/Applications/src/itkEMModuleDescription.cxx"
               "$root/Modules/Applications/src/itkEMOutputTransaction.cxx" "$root/Modules/Applications/src/itkEMProgress.cxx") ;;
  *) echo "unknown harness $harness" >&2; exit 2 ;;
esac
max_len=65536
extra=()
if [ "$harness" = bcf ]; then
  max_len=262144
  extra=(-I"$root/Modules/IO/src" -lz -lexpat)
fi
if [ "$harness" = cli ] && ! grep -q '^ITK_DIR:[A-Z]*=/usr/lib/cmake/ITK-5.2$' "$build/CMakeCache.txt"; then
  # The harness links the build's own IO and Core libraries beside the system ITK 5.2.
  echo "the cli harness needs a build against the system ITK 5.2; skipped"
  exit 77
fi
if [ "$harness" = cli ]; then
  # The parser is instrumented; the image IO it asks about (file formats, signal names) is the
  # build's own IO and Core libraries.
  max_len=4096
  extra=(-DAEM_CLI_XML_DIR="\"$root/Modules/Applications/cli\"" -I"$root/Modules/Applications/include"
        -I"$build/Modules/AnalyticalEMApplications/include" -DAnalyticalEMApplications_STATIC_DEFINE
        -L"$build/lib" -Wl,-rpath,"$build/lib" -lAnalyticalEMIO -lAnalyticalEMCore -lexpat)
fi
if [ "$harness" = hspy ] || [ "$harness" = velox ]; then
  max_len=262144
  extra=(-I/usr/include/hdf5/serial -I/usr/include/jsoncpp -I"$root/Modules/IO/src" -lhdf5_serial -ljsoncpp)
fi
clang++ -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DAnalyticalEMIO_STATIC_DEFINE -DAnalyticalEMCore_STATIC_DEFINE -include "$root/test/fuzz/itk_clang_compiler_detection.h" \
  -I/usr/include/ITK-5.2 -I"$root/Modules/IO/include" -I"$root/Modules/Core/include" \
  -I"$build/Modules/AnalyticalEMIO/include" -I"$build/Modules/AnalyticalEMCore/include" \
  "$root/test/fuzz/fuzz_$harness.cxx" "${sources[@]}" \
  -L/usr/lib -lITKIOImageBase-5.2 -lITKCommon-5.2 -litksys-5.2 "${extra[@]}" -o "$work/fuzz_$harness"

# Seeds: generated files, and the real ones when they are there (never stored in the repository).
if [ "$harness" = msa ]; then
  printf '#FORMAT : EMSA/MAS Spectral Data File\n#NPOINTS : 3\n#DATATYPE : Y\n#XPERCHAN : 0.5\n#OFFSET : -2\n#SPECTRUM :\n1, 2, 3\n#ENDOFDATA :\n' > "$work/corpus/y.msa"
  printf '#FORMAT : EMSA/MAS Spectral Data File\n#NPOINTS : 2.0\n#NCOLUMNS : 1\n#DATATYPE : XY\n#XUNITS : keV\n#XPERCHAN : 1.0\n#OFFSET : 0\n#BEAMKV -kV: 300\n#SPECTRUM :\r\n0, 5\r\n1, 2.0 E-06\r\n' > "$work/corpus/xy.msa"
  find "$shared/data/eels" -name '*.msa' -exec cp {} "$work/corpus/" \; 2> /dev/null || true
elif [ "$harness" = hspy ]; then
  /usr/bin/python3 "$root/test/fuzz/make_hspy_seeds.py" "$work/corpus"
  find "$shared/data/eels" -name '*.hspy' -exec cp {} "$work/corpus/" \; 2> /dev/null || true
elif [ "$harness" = velox ]; then
  /usr/bin/python3 "$root/test/fuzz/make_velox_seeds.py" "$work/corpus"
elif [ "$harness" = bcf ]; then
  /usr/bin/python3 "$root/test/fuzz/make_bcf_seeds.py" "$work/corpus"
  # The small public samples Debian's HyperSpy ships, when present.
  find /usr/lib/python3/dist-packages/hyperspy/tests/io/bruker_data -name '*.bcf' -size -256k \
    -exec cp {} "$work/corpus/" \; 2> /dev/null || true
elif [ "$harness" = cli ]; then
  # Argument lists as users and Slicer give them; the first byte names the program by the sorted
  # description files (2 aem-eels-quantify, 5 aem-fuse, 8 aem-tv-denoise, 9 the XML parser).
  mkdir -p "$work/sandbox" && touch "$work/sandbox/in.mha" "$work/sandbox/hl.msa"
  printf '\10-l\n0.05\n--norm\nisotropic\n-n\n100\nin.mha\nout.mha\n' > "$work/corpus/tv-denoise"
  printf '\2--beamEnergy=300\n--edges\nTi:L,O:K\n--exclude\n450,470\nhl.msa\nout.mha\n--returnparameterfile\nr.txt\n' \
    > "$work/corpus/quantify"
  printf '\5--map\nin.mha\n-m\nin.mha\n--elements\nSc,Dy\n--iterations=50\nin.mha\nfused\n--echo\n' > "$work/corpus/fuse"
  printf '\11' | cat - "$root/Modules/Applications/cli/aem-tv-denoise.xml" > "$work/corpus/description"
else
  # A DM3 header and a root group of one int32 data tag, then the real files' heads.
  printf '\0\0\0\3\0\0\0\042\0\0\0\1\0\0\0\0\0\1\25\0\1d%%%%%%%%\0\0\0\1\0\0\0\3\1\0\0\0\0\0\0\0\0\0\0\0' > "$work/corpus/tiny.dm3"
  for file in "$shared"/data/dm/*.dm3 "$shared"/data/dm/*.dm4; do
    [ -f "$file" ] && head -c 65536 "$file" > "$work/corpus/$(basename "$file")"
  done
fi
cd "$work"
if [ "$harness" = cli ]; then
  cd sandbox # where the argument lists' relative paths point
fi
if [ "$harness" != hspy ] && [ "$harness" != velox ]; then
  # libFuzzer's own exit code for a crash is 77, ctest's code for a skipped test: ask for 1.
  "$work/fuzz_$harness" -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 \
    -error_exitcode=1 -timeout_exitcode=1 -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    "$work/corpus" 2>&1 | tail -n 25
  exit 0
fi
# libhdf5 itself crashes and hangs on some corrupt files, which the reader contains in a child
# process. The fuzzing runs in process (so that it sees the coverage) in libFuzzer's fork mode,
# which goes on after those; then every input that crashed or hung is triaged.
rm -rf "$work/artifacts" && mkdir -p "$work/artifacts"
"./fuzz_$harness" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$seconds" \
  -max_len="$max_len" -rss_limit_mb=2048 -timeout=3 -artifact_prefix="$work/artifacts/" corpus > "$work/log.txt" 2>&1 || true
grep "^#[0-9]*:" "$work/log.txt" | tail -n 1
/usr/bin/python3 "$root/test/fuzz/triage_hdf5.py" "$work/fuzz_$harness" "$work/artifacts" "$root"
