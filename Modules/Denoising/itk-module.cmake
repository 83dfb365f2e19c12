set(DOCUMENTATION "Total-variation (ROF) denoising of scalar and vector images, 2-D and 3-D,
by fast gradient projection on the dual (Beck-Teboulle FGP), with bounds and duality-gap
stopping. The same solver is the TV proximal step of the fusion filter.")

itk_module(AnalyticalEMDenoising
  DEPENDS
    ITKCommon
    AnalyticalEMCore
  TEST_DEPENDS
    ITKIOMeta
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
