set(DOCUMENTATION "Spectrum-image conventions of ITKAnalyticalEM: the EnergyAxis, microscope
parameters, physical constants and the element/edge table, stored in an image's MetaDataDictionary so they survive
MetaImage and NRRD round trips.")

itk_module(AnalyticalEMCore
  DEPENDS
    ITKCommon
  TEST_DEPENDS
    ITKIOMeta
    ITKIONRRD
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
