# Helpers shared by the modules' test folders (usable in every build mode).
get_filename_component(EM_SOURCE_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
if(NOT DEFINED EM_SHARED_DATA_DIR)
  set(EM_SHARED_DATA_DIR "${EM_SOURCE_ROOT}/../shared")
endif()
if(NOT DEFINED EM_PYTHON_EXECUTABLE)
  find_program(EM_PYTHON_EXECUTABLE NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
endif()

# em_configure_test_target(<target>): common include folder, the shared-data default, the Python
# interpreter for side-by-side comparisons and a precompiled header of the heavy includes.
function(em_configure_test_target target)
  target_include_directories(${target} PRIVATE "${EM_SOURCE_ROOT}/test/include")
  target_compile_definitions(${target} PRIVATE
    "EM_SHARED_DATA_DIR=\"${EM_SHARED_DATA_DIR}\""
    "EM_PYTHON_EXECUTABLE=\"${EM_PYTHON_EXECUTABLE}\""
    "EM_TEST_OUTPUT_DIR=\"${ITK_TEST_OUTPUT_DIR}\"")
  target_precompile_headers(${target} PRIVATE <gtest/gtest.h> <itkImage.h> <itkVectorImage.h>)
endfunction()
