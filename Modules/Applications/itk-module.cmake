set(DOCUMENTATION "Command-line modules (aem-*) that follow 3D Slicer's CLI protocol: a module
description printed by --xml, flags and positional arguments parsed from that description,
progress tags for Slicer or a progress bar in a terminal, return-parameter files, and outputs
written to temporary names and renamed only on success.")

itk_module(AnalyticalEMApplications
  DEPENDS
    ITKCommon
    ITKIOImageBase
    ITKIOMeta
    ITKIONRRD
    ITKImageIntensity # aem-eds-maps: VectorIndexSelectionCastImageFilter
    AnalyticalEMCore
    AnalyticalEMIO
    AnalyticalEMDenoising
    AnalyticalEMFusion
    AnalyticalEMEELSFilters
    AnalyticalEMEDS
  TEST_DEPENDS
    ITKGoogleTest
  DESCRIPTION
    "${DOCUMENTATION}"
  EXCLUDE_FROM_DEFAULT
  ENABLE_SHARED
  )
