set(DOCUMENTATION "Atomic structure for core-loss cross sections: self-consistent Kohn-Sham
(local-density) atoms on a logarithmic radial grid, bound and continuum radial orbitals, and
generalised oscillator strengths of inner shells computed from them.")

itk_module(AnalyticalEMAtomicPhysics
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
