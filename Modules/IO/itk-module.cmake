set(DOCUMENTATION "Readers and writers for the files microscopists have: Gatan DigitalMicrograph
DM3/DM4, EMSA/MSA spectra and HyperSpy .hspy (HDF5), as ITK ImageIO factories.")

itk_module(AnalyticalEMIO
  DEPENDS
    ITKIOImageBase
    AnalyticalEMCore
  PRIVATE_DEPENDS
    ITKHDF5
  TEST_DEPENDS
    ITKIOMeta
    ITKHDF5
    ITKGoogleTest
  FACTORY_NAMES
    ImageIO::AnalyticalEM
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
