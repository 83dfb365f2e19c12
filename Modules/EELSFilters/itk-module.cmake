set(DOCUMENTATION "EELS spectrum-image filters: zero-loss alignment, model-based core-loss
quantification with Cramer-Rao error maps, log-ratio thickness and a core-loss spectrum-image
simulator, with the linear spectrum fitter and the model design they share.")

itk_module(AnalyticalEMEELSFilters
  DEPENDS
    ITKCommon
    ITKFFT
    AnalyticalEMCore
    AnalyticalEMEELSPhysics
  TEST_DEPENDS
    AnalyticalEMIO
    ITKIOMeta
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
