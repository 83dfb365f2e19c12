# aem_wrap_enum_names(HEADER ENUM...): in the submodule being wrapped, arguments of the enum types
# ENUM (SWIG's spelling, e.g. itkEELSEnums::ZeroLossMethod) also accept the value's name as a
# Python string: the C++ name ("CrossCorrelation") or the programs' token ("crosscorrelation"),
# looked up in the enum's name table (itkEMEnumNames.h) that HEADER declares.
set(AEM_ENUM_NAMES_SWIG_FILE "${CMAKE_CURRENT_LIST_DIR}/EMEnumNames.i")
set(AEM_ENUM_NAMES_PYTHON_HEADER "${CMAKE_CURRENT_LIST_DIR}/EMEnumNamesPython.h")
macro(aem_wrap_enum_names header)
  if(ITK_WRAP_PYTHON)
    string(APPEND ITK_WRAP_PYTHON_SWIG_EXT "%include \"${AEM_ENUM_NAMES_SWIG_FILE}\"\n"
      "%{\n#include \"${AEM_ENUM_NAMES_PYTHON_HEADER}\"\n#include \"${header}\"\n%}\n")
    foreach(_aem_enum ${ARGN})
      string(APPEND ITK_WRAP_PYTHON_SWIG_EXT "AEM_ENUM_ACCEPTS_NAMES(${_aem_enum})\n")
    endforeach()
  endif()
endmacro()
