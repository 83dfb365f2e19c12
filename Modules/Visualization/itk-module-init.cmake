# VTK is optional: without it (or with EM_USE_VTK off) the module is left out of the build.
set(EM_VTK_COMPONENTS
  ChartsCore CommonCore CommonDataModel InteractionStyle IOImage ImagingCore RenderingAnnotation
  RenderingContext2D RenderingContextOpenGL2 RenderingCore RenderingFreeType RenderingOpenGL2)
find_package(VTK 9.1 QUIET COMPONENTS ${EM_VTK_COMPONENTS})
option(EM_USE_VTK "Build the VTK viewing module (AnalyticalEMVisualization)" ${VTK_FOUND})
if(NOT EM_USE_VTK OR NOT VTK_FOUND)
  set(EM_MODULE_AnalyticalEMVisualization_DISABLED "VTK 9.1 not found or EM_USE_VTK off")
endif()
