# em_python_add_test(<name> <script> [args...]): a Python test of a wrapped module.
#
# The script runs with the wrapped ITK on its path and this folder's helpers
# (aem_python_testing.py) importable; it gets --cli-dir (the C++ programs to compare with),
# --shared (instrument data) and --output-dir. Label python; exit code 77 means skipped.
#
# Plain add_test with the environment set by CTest rather than ITK's itk_python_add_test: that
# one runs the script under itkTestDriver, which would make the wrapped ITK build ITKTestKernel
# and the fourteen image and mesh IO modules it depends on, none of which the tests use.
get_filename_component(_em_python_support_dir "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)

function(_em_add_python_command_test name)
  set(wrapped_itk_dir "${ITK_DIR}/Wrapping/Generators/Python")
  if(NOT EXISTS "${wrapped_itk_dir}/WrapITK.pth")
    message(FATAL_ERROR "${wrapped_itk_dir}/WrapITK.pth must exist: ITK_DIR is not a wrapped ITK build tree")
  endif()
  # The itk package's parent, the package folder (SWIG modules and libraries) and the test helpers.
  set(python_path "${wrapped_itk_dir}" "${ITK_PYTHON_PACKAGE_DIR}" "${_em_python_support_dir}")
  if(DEFINED ENV{PYTHONPATH})
    list(APPEND python_path "$ENV{PYTHONPATH}")
  endif()
  string(REPLACE ";" ":" python_path "${python_path}")
  add_test(NAME ${name} COMMAND "${Python3_EXECUTABLE}" ${ARGN} WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
  set_tests_properties(${name} PROPERTIES
    LABELS python
    SKIP_RETURN_CODE 77
    ENVIRONMENT "PYTHONPATH=${python_path};LD_LIBRARY_PATH=${ITK_PYTHON_PACKAGE_DIR}")
endfunction()

function(em_python_add_test name script)
  _em_add_python_command_test(${name} "${CMAKE_CURRENT_SOURCE_DIR}/${script}"
    --cli-dir "${AnalyticalEM_CLI_DIR}"
    --shared "${AnalyticalEM_SHARED_DATA_DIR}"
    --output-dir "${ITK_TEST_OUTPUT_DIR}/${name}"
    ${ARGN})
endfunction()

# em_python_add_example(<name> <script> [args...]): runs one of examples/python (label python).
get_filename_component(_em_python_examples_dir "${CMAKE_CURRENT_LIST_DIR}/../../examples/python" ABSOLUTE)

function(em_python_add_example name script)
  _em_add_python_command_test(${name} "${_em_python_examples_dir}/${script}" ${ARGN})
endfunction()
