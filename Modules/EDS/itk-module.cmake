set(DOCUMENTATION "EDS (energy-dispersive X-ray) spectrum images: X-ray line intensity maps by
integration windows with background windows or by a fit of every line family with a smooth
background, and Cliff-Lorimer compositions.")

itk_module(AnalyticalEMEDS
  DEPENDS
    ITKCommon
    AnalyticalEMCore
  TEST_DEPENDS
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
