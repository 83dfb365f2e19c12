# The project as a 3D Slicer extension: configured with -DSlicer_DIR=<Slicer build>/Slicer-build
# (or by Slicer's extension build from the catalog entry Slicer/ITKAnalyticalEM.json), the aem-*
# programs become Slicer command-line modules. They parse their own module description (--xml)
# and follow the CLI protocol themselves, so they are built as they are (an executable and the
# library Slicer can run in-process) and placed where Slicer looks for CLI modules;
# SlicerExecutionModel's GenerateCLP is not needed.
set(EXTENSION_NAME ITKAnalyticalEM)
set(EXTENSION_HOMEPAGE "https://github.com/InsightSoftwareConsortium/ITKAnalyticalEM#readme")
set(EXTENSION_CATEGORY "AnalyticalEM")
set(EXTENSION_CONTRIBUTORS "ITKAnalyticalEM contributors")
set(EXTENSION_DESCRIPTION "Analytical electron microscopy: EELS zero-loss alignment and model-based quantification with error maps, EDS line maps, total-variation denoising and fusion of HAADF images with elemental maps; reads Gatan DM, EMSA/MSA, HyperSpy, Velox EMD and Bruker BCF files.")
set(EXTENSION_ICONURL "https://raw.githubusercontent.com/InsightSoftwareConsortium/ITKAnalyticalEM/main/Slicer/ITKAnalyticalEM.png")
set(EXTENSION_SCREENSHOTURLS "")
set(EXTENSION_DEPENDS "NA")
set(EXTENSION_BUILD_SUBDIRECTORY ".")

find_package(Slicer REQUIRED)
include(${Slicer_USE_FILE})

# Called after the programs are defined (em_build_modules): each goes to Slicer's CLI folders,
# the executable to the bin folder and its library (<name>Lib, loaded in-process) to the lib one.
function(em_slicer_cli_modules)
  get_property(programs GLOBAL PROPERTY EM_CLI_PROGRAMS)
  foreach(program IN LISTS programs)
    set_target_properties(${program} ${program}Lib PROPERTIES
      RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/${Slicer_CLIMODULES_BIN_DIR}"
      LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/${Slicer_CLIMODULES_LIB_DIR}")
    install(TARGETS ${program} ${program}Lib
      RUNTIME DESTINATION ${Slicer_INSTALL_CLIMODULES_BIN_DIR} COMPONENT RuntimeLibraries
      LIBRARY DESTINATION ${Slicer_INSTALL_CLIMODULES_LIB_DIR} COMPONENT RuntimeLibraries)
  endforeach()
  include(${Slicer_EXTENSION_GENERATE_CONFIG})
  include(${Slicer_EXTENSION_CPACK})
endfunction()
