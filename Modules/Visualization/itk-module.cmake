set(DOCUMENTATION "Viewing with VTK 9: the ITK-to-VTK image bridge, a spectrum-image explorer
(navigator image and the spectrum under the cursor, with fitted models and edge onsets), map
montages, convergence and spectrum plots; every view renders off-screen to PNG or opens
interactively. Needs VTK (module disabled without it).")

itk_module(AnalyticalEMVisualization
  DEPENDS
    ITKCommon
    ITKVTK
    AnalyticalEMCore
    AnalyticalEMEELSFilters
  TEST_DEPENDS
    ITKIOMeta
    AnalyticalEMIO
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
