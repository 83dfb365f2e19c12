# em_python_add_test(<name> <script> [args...]): a Python test of a wrapped module.
#
# The script runs under ITK's test driver with the wrapped ITK on its path and this folder's
# helpers (aem_python_testing.py) importable; it gets --cli-dir (the C++ programs to compare
# with), --shared (instrument data) and --output-dir. Label python; exit code 77 means skipped.
get_filename_component(_em_python_support_dir "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)

function(em_python_add_test name script)
  set(output_dir "${ITK_TEST_OUTPUT_DIR}/${name}")
  itk_python_add_test(NAME ${name}
    TEST_DRIVER_ARGS --add-before-env PYTHONPATH "${_em_python_support_dir}"
    COMMAND "${CMAKE_CURRENT_SOURCE_DIR}/${script}"
      --cli-dir "${AnalyticalEM_CLI_DIR}"
      --shared "${AnalyticalEM_SHARED_DATA_DIR}"
      --output-dir "${output_dir}"
      ${ARGN}
    )
  set_property(TEST ${name} APPEND PROPERTY LABELS python)
  set_property(TEST ${name} PROPERTY SKIP_RETURN_CODE 77)
endfunction()

# em_python_add_example(<name> <script> [args...]): runs one of examples/python (label python).
get_filename_component(_em_python_examples_dir "${CMAKE_CURRENT_LIST_DIR}/../../examples/python" ABSOLUTE)

function(em_python_add_example name script)
  itk_python_add_test(NAME ${name} COMMAND "${_em_python_examples_dir}/${script}" ${ARGN})
  set_property(TEST ${name} APPEND PROPERTY LABELS python)
  set_property(TEST ${name} PROPERTY SKIP_RETURN_CODE 77)
endfunction()
