# Module layer for building ITKAnalyticalEM against an *installed* ITK (e.g. Debian's 5.2).
#
# An installed ITK ships ITKConfig.cmake and the module files, but not the macros that build
# modules (ITKModuleMacros / ITKModuleExternal refuse install trees). This file provides the
# few commands our module descriptors and module CMakeLists use, with ITK's names and
# arguments, so the same files also work unchanged inside an ITK source tree:
#
#   itk_module()              record a module descriptor (only defined when ITK did not)
#   em_build_modules()        read all descriptors, find ITK with the union of components,
#                             add the modules in dependency order, then the root test/ folder
#   em_add_module(<name>)     called by a module's CMakeLists.txt: library target, tests, install
#   itk_module_add_library()  a module's compiled library with its <Module>Export.h
#   itk_module_test(), CreateGoogleTestDriver(), CreateTestDriver(), itk_add_test()
#   em_install_package()      installed, exported CMake package ITKAnalyticalEM
include_guard(GLOBAL)
include(GenerateExportHeader)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(EM_INSTALL_INCLUDE_DIR "${CMAKE_INSTALL_INCLUDEDIR}/ITKAnalyticalEM")
set(EM_INSTALL_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ITKAnalyticalEM")
set(EM_EXPORT_SET ITKAnalyticalEMTargets)
set(ITK_TEST_OUTPUT_DIR "${CMAKE_BINARY_DIR}/Testing/Temporary")
file(MAKE_DIRECTORY "${ITK_TEST_OUTPUT_DIR}")

if(NOT COMMAND itk_module)
  function(itk_module name)
    cmake_parse_arguments(PARSE_ARGV 1 _m "EXCLUDE_FROM_DEFAULT;ENABLE_SHARED" "DESCRIPTION"
      "DEPENDS;PRIVATE_DEPENDS;COMPILE_DEPENDS;TEST_DEPENDS;FACTORY_NAMES")
    set_property(GLOBAL APPEND PROPERTY EM_MODULES ${name})
    set_property(GLOBAL PROPERTY EM_MODULE_${name}_DIR "${CMAKE_CURRENT_LIST_DIR}")
    foreach(kind DEPENDS PRIVATE_DEPENDS COMPILE_DEPENDS TEST_DEPENDS FACTORY_NAMES)
      set_property(GLOBAL PROPERTY EM_MODULE_${name}_${kind} "${_m_${kind}}")
    endforeach()
  endfunction()
endif()

# _em_module_property(<out> <module> <kind>)
function(_em_module_property out module kind)
  get_property(value GLOBAL PROPERTY EM_MODULE_${module}_${kind})
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# _em_is_internal(<out> <name>): TRUE for a module declared by this project.
function(_em_is_internal out name)
  get_property(modules GLOBAL PROPERTY EM_MODULES)
  if(name IN_LIST modules)
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# _em_libraries(<out> <deps...>): link items for a dependency list (our targets or ITK's libraries).
function(_em_libraries out)
  set(libs)
  foreach(dep IN LISTS ARGN)
    _em_is_internal(internal ${dep})
    if(internal)
      list(APPEND libs ${dep})
    elseif(DEFINED ${dep}_LIBRARIES)
      list(APPEND libs ${${dep}_LIBRARIES})
    endif()
  endforeach()
  set(${out} "${libs}" PARENT_SCOPE)
endfunction()

# _em_visit(<module>): depth-first topological sort into the global property EM_MODULE_ORDER.
function(_em_visit module)
  get_property(done GLOBAL PROPERTY EM_MODULE_ORDER)
  if(module IN_LIST done)
    return()
  endif()
  get_property(visiting GLOBAL PROPERTY EM_VISITING)
  if(module IN_LIST visiting)
    message(FATAL_ERROR "Cyclic module dependency through ${module}")
  endif()
  set_property(GLOBAL APPEND PROPERTY EM_VISITING ${module})
  foreach(kind DEPENDS PRIVATE_DEPENDS COMPILE_DEPENDS)
    _em_module_property(deps ${module} ${kind})
    foreach(dep IN LISTS deps)
      _em_is_internal(internal ${dep})
      if(internal)
        _em_visit(${dep})
      endif()
    endforeach()
  endforeach()
  set_property(GLOBAL APPEND PROPERTY EM_MODULE_ORDER ${module})
endfunction()

# Modules whose optional third-party dependency is missing are left out (their init file says so
# by setting EM_MODULE_<name>_DISABLED).
macro(em_build_modules)
  file(GLOB _em_descriptors "${PROJECT_SOURCE_DIR}/Modules/*/itk-module.cmake")
  foreach(_em_descriptor IN LISTS _em_descriptors)
    include("${_em_descriptor}")
  endforeach()
  include("${PROJECT_SOURCE_DIR}/itk-module.cmake")

  get_property(_em_modules GLOBAL PROPERTY EM_MODULES)
  set(_em_itk_components ITKIOMeta ITKIONRRD ITKIOPNG)
  foreach(_em_module IN LISTS _em_modules)
    _em_module_property(_em_dir ${_em_module} DIR)
    if(EXISTS "${_em_dir}/itk-module-init.cmake")
      include("${_em_dir}/itk-module-init.cmake")
    endif()
    set(_em_kinds DEPENDS PRIVATE_DEPENDS COMPILE_DEPENDS)
    if(BUILD_TESTING)
      list(APPEND _em_kinds TEST_DEPENDS)
    endif()
    foreach(_em_kind IN LISTS _em_kinds)
      _em_module_property(_em_deps ${_em_module} ${_em_kind})
      foreach(_em_dep IN LISTS _em_deps)
        if(_em_dep MATCHES "^ITK")
          list(APPEND _em_itk_components ${_em_dep})
        endif()
      endforeach()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES _em_itk_components)
  find_package(ITK 5.2 REQUIRED COMPONENTS ${_em_itk_components})
  include(${ITK_USE_FILE})
  set(EM_ITK_COMPONENTS ${_em_itk_components})
  if(BUILD_TESTING)
    find_package(GTest CONFIG REQUIRED)
    include(GoogleTest)
  endif()

  foreach(_em_module IN LISTS _em_modules)
    _em_visit(${_em_module})
  endforeach()
  get_property(_em_order GLOBAL PROPERTY EM_MODULE_ORDER)
  foreach(_em_module IN LISTS _em_order)
    if(EM_MODULE_${_em_module}_DISABLED)
      message(STATUS "AnalyticalEM: module ${_em_module} disabled (${EM_MODULE_${_em_module}_DISABLED})")
      continue()
    endif()
    _em_module_property(_em_dir ${_em_module} DIR)
    if(_em_dir STREQUAL PROJECT_SOURCE_DIR)
      em_add_umbrella_module(${_em_module})
    else()
      add_subdirectory("${_em_dir}" "${PROJECT_BINARY_DIR}/Modules/${_em_module}")
    endif()
  endforeach()
endmacro()

# The umbrella module: an interface target on all filter modules, plus the root test/ folder.
function(em_add_umbrella_module name)
  set(itk-module ${name})
  _em_module_property(deps ${name} DEPENDS)
  add_library(${name} INTERFACE)
  target_link_libraries(${name} INTERFACE ${deps})
  add_library(ITKAnalyticalEM::${name} ALIAS ${name})
  install(TARGETS ${name} EXPORT ${EM_EXPORT_SET})
  if(BUILD_TESTING AND EXISTS "${PROJECT_SOURCE_DIR}/test/CMakeLists.txt")
    add_subdirectory("${PROJECT_SOURCE_DIR}/test" "${PROJECT_BINARY_DIR}/test")
  endif()
endfunction()

# em_add_module(<name>): called from Modules/<Group>/CMakeLists.txt.
function(em_add_module name)
  set(itk-module ${name})
  set(_em_module_include_dir "${CMAKE_CURRENT_SOURCE_DIR}/include")
  set(_em_module_binary_include_dir "${CMAKE_CURRENT_BINARY_DIR}/include")
  _em_module_property(public_deps ${name} DEPENDS)
  _em_module_property(private_deps ${name} PRIVATE_DEPENDS)
  _em_libraries(_em_public_libs ${public_deps})
  _em_libraries(_em_private_libs ${private_deps})
  if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/src/CMakeLists.txt")
    add_subdirectory(src)
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE
      $<BUILD_INTERFACE:${_em_module_include_dir}> $<INSTALL_INTERFACE:${EM_INSTALL_INCLUDE_DIR}>)
    target_link_libraries(${name} INTERFACE ${_em_public_libs})
  endif()
  add_library(ITKAnalyticalEM::${name} ALIAS ${name})
  install(TARGETS ${name} EXPORT ${EM_EXPORT_SET}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY "${_em_module_include_dir}/" DESTINATION ${EM_INSTALL_INCLUDE_DIR})
  if(BUILD_TESTING AND EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/test/CMakeLists.txt")
    add_subdirectory(test)
  endif()
endfunction()

if(NOT COMMAND itk_module_add_library)
  # itk_module_add_library(<name> <sources...>): the compiled part of a module.
  function(itk_module_add_library name)
    add_library(${name} ${ARGN})
    generate_export_header(${name}
      EXPORT_MACRO_NAME ${name}_EXPORT
      EXPORT_FILE_NAME "${_em_module_binary_include_dir}/${name}Export.h")
    target_include_directories(${name} PUBLIC
      $<BUILD_INTERFACE:${_em_module_include_dir}>
      $<BUILD_INTERFACE:${_em_module_binary_include_dir}>
      $<INSTALL_INTERFACE:${EM_INSTALL_INCLUDE_DIR}>)
    target_link_libraries(${name} PUBLIC ${_em_public_libs} PRIVATE ${_em_private_libs})
    set_target_properties(${name} PROPERTIES
      VERSION ${ITKAnalyticalEM_VERSION} SOVERSION ${ITKAnalyticalEM_VERSION_MAJOR})
    install(FILES "${_em_module_binary_include_dir}/${name}Export.h" DESTINATION ${EM_INSTALL_INCLUDE_DIR})
  endfunction()
endif()

if(NOT COMMAND itk_module_test)
  # Sets <module>-Test_LIBRARIES: the module itself plus its TEST_DEPENDS.
  macro(itk_module_test)
    _em_module_property(_em_test_deps ${itk-module} TEST_DEPENDS)
    _em_libraries(_em_test_libs ${_em_test_deps})
    set(${itk-module}-Test_LIBRARIES ${itk-module} ${_em_test_libs})
  endmacro()
endif()

if(NOT COMMAND CreateGoogleTestDriver)
  # One GoogleTest executable per module; ctest learns the test names from the executable.
  # ITK_LIBRARIES is linked because UseITK registers the IO factories of every requested component.
  function(CreateGoogleTestDriver KIT KIT_LIBS KitTests)
    set(exe ${KIT}GTestDriver)
    add_executable(${exe} ${KitTests})
    target_link_libraries(${exe} ${KIT_LIBS} ${ITK_LIBRARIES} GTest::gtest GTest::gtest_main)
    # GTEST_SKIP (no shared data, no X display) shows as skipped in ctest, not as passed.
    gtest_discover_tests(${exe} TEST_PREFIX "${KIT}." DISCOVERY_TIMEOUT 30
      PROPERTIES SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]")
  endfunction()
endif()

if(NOT COMMAND CreateTestDriver)
  # The classic ITK test driver (one executable dispatching on the test name; --compare etc.).
  function(CreateTestDriver KIT KIT_LIBS KitTests)
    set(CMAKE_TESTDRIVER_BEFORE_TESTMAIN "#include \"itkTestDriverBeforeTest.inc\"")
    set(CMAKE_TESTDRIVER_AFTER_TESTMAIN "#include \"itkTestDriverAfterTest.inc\"")
    create_test_sourcelist(Tests ${KIT}TestDriver.cxx ${KitTests}
      EXTRA_INCLUDE itkTestDriverIncludeRequiredIOFactories.h
      FUNCTION ProcessArgumentsAndRegisterRequiredFactories)
    add_executable(${KIT}TestDriver ${KIT}TestDriver.cxx ${Tests} ${ARGN})
    target_link_libraries(${KIT}TestDriver ${KIT_LIBS} ${ITK_LIBRARIES} ${ITKTestKernel_LIBRARIES})
  endfunction()
endif()

if(NOT COMMAND itk_add_test)
  function(itk_add_test)
    add_test(${ARGN})
  endfunction()
endif()

# Installed package: find_package(ITKAnalyticalEM) gives ITKAnalyticalEM::<Module> targets.
macro(em_install_package)
  install(EXPORT ${EM_EXPORT_SET} NAMESPACE ITKAnalyticalEM:: DESTINATION ${EM_INSTALL_CMAKE_DIR})
  set(EM_VTK_DEPENDENCY "")
  if(TARGET AnalyticalEMVisualization)
    # The viewing module's targets link VTK's.
    set(EM_VTK_DEPENDENCY "find_dependency(VTK 9.1 COMPONENTS ${EM_VTK_COMPONENTS})")
  endif()
  configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/ITKAnalyticalEMConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/ITKAnalyticalEMConfig.cmake"
    INSTALL_DESTINATION ${EM_INSTALL_CMAKE_DIR})
  write_basic_package_version_file("${PROJECT_BINARY_DIR}/ITKAnalyticalEMConfigVersion.cmake"
    COMPATIBILITY SameMinorVersion)
  install(FILES "${PROJECT_BINARY_DIR}/ITKAnalyticalEMConfig.cmake"
    "${PROJECT_BINARY_DIR}/ITKAnalyticalEMConfigVersion.cmake"
    DESTINATION ${EM_INSTALL_CMAKE_DIR})
endmacro()
