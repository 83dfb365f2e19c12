set(DOCUMENTATION "Fused multi-modal imaging: an elastic HAADF image fused with EDX/EELS
elemental maps into denoised chemical maps, by the published reference iteration (reproducible)
or by a proximal-gradient solver with Poisson likelihoods, Huber-TV and automatic parameters.")

itk_module(AnalyticalEMFusion
  DEPENDS
    ITKCommon
    AnalyticalEMCore
    AnalyticalEMDenoising
  TEST_DEPENDS
    ITKIOMeta
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
