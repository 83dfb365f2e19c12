set(DOCUMENTATION "EELS physics and spectrum-image processing: hydrogenic and tabulated-GOS
core-loss cross sections, background models, low-loss (multiple-scattering) convolution,
log-ratio thickness and a core-loss spectrum-image simulator.")

itk_module(AnalyticalEMSpectroscopy
  DEPENDS
    ITKCommon
    ITKFFT
    AnalyticalEMCore
  PRIVATE_DEPENDS
    ITKHDF5
  TEST_DEPENDS
    AnalyticalEMIO
    ITKIOMeta
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
