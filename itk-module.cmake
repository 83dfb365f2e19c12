# Umbrella module: enabling AnalyticalEM enables every filter module of the project.
# (AnalyticalEMVisualization needs VTK and is deliberately not a dependency.)
file(READ "${CMAKE_CURRENT_LIST_DIR}/README.md" DOCUMENTATION)

itk_module(AnalyticalEM
  DEPENDS
    AnalyticalEMCore
    AnalyticalEMDenoising
    AnalyticalEMFusion
    AnalyticalEMIO
    AnalyticalEMAtomicPhysics
    AnalyticalEMEELSPhysics
    AnalyticalEMEELSFilters
    AnalyticalEMEDS
  TEST_DEPENDS
    ITKTestKernel
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  )
