#!/usr/bin/env python3
"""Checks the files that describe the project to hosts that cannot run here: the Slicer extension
(catalog entry, icon, the CMake of the extension build), the ITK remote-module descriptor, the
dashboard configuration and the CI workflow of ITK's remote modules.

- Slicer/ITKAnalyticalEM.json: JSON with only the fields of Slicer's catalog-entry schema v1.0.1,
  the required ones present, its category the programs' top category;
- Slicer/ITKAnalyticalEM.png: a 128 x 128 RGBA PNG whose chunks' CRCs are right;
- Slicer/SlicerExtension.cmake: configured by CMake against a stand-in Slicer (a SlicerConfig that
  defines the variables Slicer's defines): the metadata Slicer's extension build reads is set, and
  every aem-* program lands in Slicer's CLI folder;
- ITKAnalyticalEM.remote.cmake: run with a stand-in itk_fetch_module that checks its arguments (the
  module is the umbrella module of itk-module.cmake);
- CTestConfig.cmake: sets the project and a submit URL;
- .github/workflows/build-test-package.yml: YAML whose jobs use ITKRemoteModuleBuildTestPackageAction's
  build-test-cxx and build-test-package-python workflows at one version tag.

    check_packaging.py SOURCE_ROOT WORK_FOLDER
"""
import glob
import json
import os
import re
import struct
import subprocess
import sys
import zlib

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


SCHEMA_FIELDS = {"$schema", "build_dependencies", "build_subdirectory", "category", "enabled", "scm_revision",
                 "scm_type", "scm_url", "tier"}
REQUIRED = {"$schema", "category", "scm_url"}


def catalog_entry(root):
    entry = json.load(open(os.path.join(root, "Slicer", "ITKAnalyticalEM.json")))
    check(set(entry) <= SCHEMA_FIELDS, f"catalog entry: fields outside the schema {set(entry) - SCHEMA_FIELDS}")
    check(REQUIRED <= set(entry), f"catalog entry: missing {REQUIRED - set(entry)}")
    check("slicer-extension-catalog-entry-schema-v1.0.1.json" in entry["$schema"], "catalog entry: schema version")
    check(entry.get("tier") in (1, 3, 5), "catalog entry: tier")
    categories = set()
    for xml in glob.glob(os.path.join(root, "Modules", "Applications", "cli", "*.xml")):
        categories |= set(m.split(".")[0] for m in re.findall(r"<category>([^<]+)</category>", open(xml).read()))
    check(categories == {entry["category"]}, f"catalog category {entry['category']} vs the programs' {categories}")
    print("catalog entry: fields", sorted(entry))
    return entry


def icon(root):
    data = open(os.path.join(root, "Slicer", "ITKAnalyticalEM.png"), "rb").read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "icon: not a PNG")
    at, chunks = 8, []
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        crc = struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0]
        check(zlib.crc32(kind + body) & 0xFFFFFFFF == crc, f"icon: bad CRC in {kind}")
        chunks.append((kind, body))
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    check(chunks[0][0] == b"IHDR" and (width, height, depth, colour) == (128, 128, 8, 6),
          f"icon: {width} x {height}, depth {depth}, colour type {colour} (128 x 128 RGBA expected)")
    print(f"icon: {width} x {height} RGBA PNG")


def slicer_extension(root, work):
    """Configures a project that defines two CLI targets and includes SlicerExtension.cmake against
    a stand-in Slicer, then checks what Slicer's extension build would read."""
    fake = os.path.join(work, "FakeSlicer")
    os.makedirs(fake, exist_ok=True)
    for name in ("UseSlicer.cmake", "GenerateConfig.cmake", "CPack.cmake"):
        open(os.path.join(fake, name), "w").write(f'set_property(GLOBAL APPEND PROPERTY FAKE_SLICER_INCLUDED "{name}")\n')
    open(os.path.join(fake, "SlicerConfig.cmake"), "w").write(f"""
set(Slicer_USE_FILE "{fake}/UseSlicer.cmake")
set(Slicer_EXTENSION_GENERATE_CONFIG "{fake}/GenerateConfig.cmake")
set(Slicer_EXTENSION_CPACK "{fake}/CPack.cmake")
set(Slicer_CLIMODULES_BIN_DIR "lib/Slicer-5.8/cli-modules")
set(Slicer_CLIMODULES_LIB_DIR "lib/Slicer-5.8/cli-modules")
set(Slicer_INSTALL_CLIMODULES_BIN_DIR "lib/Slicer-5.8/cli-modules")
set(Slicer_INSTALL_CLIMODULES_LIB_DIR "lib/Slicer-5.8/cli-modules")
""")
    project = os.path.join(work, "project")
    os.makedirs(project, exist_ok=True)
    open(os.path.join(project, "main.c"), "w").write("int main(void) { return 0; }\n")
    open(os.path.join(project, "module.c"), "w").write("int ModuleEntryPoint(int c, char **v) { return 0; }\n")
    open(os.path.join(project, "CMakeLists.txt"), "w").write(f"""
cmake_minimum_required(VERSION 3.16)
project(SlicerExtensionCheck C)
set(Slicer_DIR "{fake}")
include("{root}/Slicer/SlicerExtension.cmake")
foreach(program aem-fuse aem-info)
  add_library(${{program}}Lib SHARED module.c)
  add_executable(${{program}} main.c)
  set_property(GLOBAL APPEND PROPERTY EM_CLI_PROGRAMS ${{program}})
endforeach()
em_slicer_cli_modules()
get_property(included GLOBAL PROPERTY FAKE_SLICER_INCLUDED)
foreach(variable EXTENSION_NAME EXTENSION_HOMEPAGE EXTENSION_CATEGORY EXTENSION_CONTRIBUTORS EXTENSION_DESCRIPTION
                 EXTENSION_ICONURL EXTENSION_DEPENDS)
  message(STATUS "${{variable}}=${{${{variable}}}}")
endforeach()
get_target_property(folder aem-info RUNTIME_OUTPUT_DIRECTORY)
message(STATUS "FOLDER=${{folder}}")
get_target_property(library_folder aem-infoLib LIBRARY_OUTPUT_DIRECTORY)
message(STATUS "LIBRARY_FOLDER=${{library_folder}}")
message(STATUS "INCLUDED=${{included}}")
""")
    result = subprocess.run(["cmake", "-S", project, "-B", os.path.join(work, "project-build")], capture_output=True, text=True)
    check(result.returncode == 0, f"Slicer extension CMake: {result.stderr[-2000:]}")
    values = dict(re.findall(r"-- (\w+)=(.*)", result.stdout))
    for name in ("EXTENSION_NAME", "EXTENSION_HOMEPAGE", "EXTENSION_CATEGORY", "EXTENSION_CONTRIBUTORS",
                 "EXTENSION_DESCRIPTION", "EXTENSION_ICONURL", "EXTENSION_DEPENDS"):
        check(values.get(name, "") != "", f"Slicer extension: {name} not set")
    check(values.get("EXTENSION_CATEGORY") == json.load(open(os.path.join(root, "Slicer", "ITKAnalyticalEM.json")))["category"],
          "Slicer extension: category differs from the catalog entry's")
    check(values.get("EXTENSION_ICONURL", "").endswith("Slicer/ITKAnalyticalEM.png"), "Slicer extension: icon URL")
    check(values.get("FOLDER", "").endswith("lib/Slicer-5.8/cli-modules"), f"CLI folder {values.get('FOLDER')}")
    check(values.get("LIBRARY_FOLDER", "").endswith("lib/Slicer-5.8/cli-modules"),
          f"CLI library folder {values.get('LIBRARY_FOLDER')}")
    check(values.get("INCLUDED") == "UseSlicer.cmake;GenerateConfig.cmake;CPack.cmake",
          f"Slicer's files included: {values.get('INCLUDED')}")
    print("Slicer extension CMake: metadata set, programs in", values.get("FOLDER"))


def remote_module(root, work):
    module = re.search(r"itk_module\((\w+)", open(os.path.join(root, "itk-module.cmake")).read()).group(1)
    script = os.path.join(work, "remote.cmake")
    open(script, "w").write(f"""
function(itk_fetch_module name description)
  cmake_parse_arguments(PARSE_ARGV 2 _fetch "" "MODULE_COMPLIANCE_LEVEL;GIT_REPOSITORY;GIT_TAG" "")
  if(NOT name STREQUAL "{module}")
    message(FATAL_ERROR "module ${{name}}, itk-module.cmake says {module}")
  endif()
  if(description STREQUAL "" OR NOT _fetch_GIT_REPOSITORY MATCHES "^https://.*\\\\.git$" OR _fetch_GIT_TAG STREQUAL "")
    message(FATAL_ERROR "description, GIT_REPOSITORY (https://...git) and GIT_TAG are required")
  endif()
  if(NOT _fetch_MODULE_COMPLIANCE_LEVEL MATCHES "^[0-5]$" OR _fetch_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "bad arguments: ${{_fetch_UNPARSED_ARGUMENTS}}")
  endif()
  message(STATUS "remote module ${{name}} at ${{_fetch_GIT_REPOSITORY}} ${{_fetch_GIT_TAG}}, level ${{_fetch_MODULE_COMPLIANCE_LEVEL}}")
endfunction()
include("{root}/ITKAnalyticalEM.remote.cmake")
include("{root}/CTestConfig.cmake")
if(NOT CTEST_PROJECT_NAME OR NOT CTEST_SUBMIT_URL MATCHES "^https://")
  message(FATAL_ERROR "CTestConfig.cmake: project name and submit URL")
endif()
""")
    result = subprocess.run(["cmake", "-P", script], capture_output=True, text=True)
    check(result.returncode == 0, f"remote module descriptor or CTestConfig: {result.stderr.strip()}")
    print(result.stdout.strip())


def workflow(root):
    import yaml
    text = yaml.safe_load(open(os.path.join(root, ".github", "workflows", "build-test-package.yml")))
    jobs = text.get("jobs", {})
    uses = [job.get("uses", "") for job in jobs.values()]
    action = "InsightSoftwareConsortium/ITKRemoteModuleBuildTestPackageAction/.github/workflows/"
    for name in ("build-test-cxx.yml", "build-test-package-python.yml"):
        check(any(u.startswith(action + name + "@") for u in uses), f"workflow: no job uses {name}")
    tags = {u.split("@")[1] for u in uses}
    check(len(tags) == 1 and re.match(r"^v\d+\.\d+\.\d+$", next(iter(tags))), f"workflow: one version tag {tags}")
    check(text.get(True) is not None or "on" in text, "workflow: no trigger")
    print("workflow: jobs", sorted(jobs), "at", tags)


def main(root, work):
    os.makedirs(work, exist_ok=True)
    catalog_entry(root)
    icon(root)
    slicer_extension(root, work)
    remote_module(root, work)
    workflow(root)
    print("packaging files:", "all checks passed" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
