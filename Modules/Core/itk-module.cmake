set(DOCUMENTATION "Spectrum-image conventions of ITKAnalyticalEM: the EnergyAxis and microscope
parameters (stored in an image's MetaDataDictionary so they survive MetaImage and NRRD round
trips), physical constants, the element and edge table, and non-negative least squares.")

itk_module(AnalyticalEMCore
  DEPENDS
    ITKCommon
  COMPILE_DEPENDS
    ITKHDF5 # itkEMHDF5Support.h, the HDF5 helpers of the IO and EELS physics sources
  TEST_DEPENDS
    ITKIOMeta
    ITKIONRRD
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
