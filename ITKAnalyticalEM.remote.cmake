# The entry of this module in ITK's Modules/Remote: ITK fetches it when Module_AnalyticalEM is ON.
# Its module, AnalyticalEM (itk-module.cmake), enables every filter module of the project.
itk_fetch_module(AnalyticalEM
  "Analytical electron microscopy: EELS zero-loss alignment, model-based core-loss quantification
  with error maps, EDS line maps, total-variation denoising and HAADF/EDS fusion; readers of Gatan
  DM, EMSA/MSA, HyperSpy, Thermo Fisher Velox and Bruker files."
  MODULE_COMPLIANCE_LEVEL 2
  GIT_REPOSITORY https://github.com/InsightSoftwareConsortium/ITKAnalyticalEM.git
  GIT_TAG main
  )
