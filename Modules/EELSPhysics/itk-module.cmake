set(DOCUMENTATION "EELS physics: the edge table's use, hydrogenic, tabulated-GOS and computed core-loss
cross sections, power-law backgrounds, zero-loss and plasmon models, low-loss (multiple-scattering)
convolution and the forward model of a core-loss spectrum.")

itk_module(AnalyticalEMEELSPhysics
  DEPENDS
    ITKCommon
    ITKFFT
    AnalyticalEMCore
    AnalyticalEMAtomicPhysics
  PRIVATE_DEPENDS
    ITKHDF5
  TEST_DEPENDS
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
