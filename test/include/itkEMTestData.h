/*=========================================================================
 *
 *  Copyright the ITKAnalyticalEM contributors
 *
 *  Licensed under the Apache License, Version 2.0 (the "License");
 *  you may not use this file except in compliance with the License.
 *  You may obtain a copy of the License at
 *
 *         http://www.apache.org/licenses/LICENSE-2.0.txt
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 *
 *=========================================================================*/
#ifndef itkEMTestData_h
#define itkEMTestData_h

// Paths used by the project's tests: the shared instrument data / reference outputs (optional;
// tests skip without them), a scratch folder, and the Python interpreter for side-by-side runs.

#include <cstdlib>
#include <string>
#include <sys/stat.h>

namespace itk
{
namespace EMTest
{
/** $EM_SHARED_DATA_DIR if set, else the folder configured at build time. */
inline std::string
SharedDataDirectory()
{
  const char * fromEnvironment = std::getenv("EM_SHARED_DATA_DIR");
  return (fromEnvironment != nullptr && *fromEnvironment != '\0') ? std::string(fromEnvironment)
                                                                  : std::string(EM_SHARED_DATA_DIR);
}

inline bool
PathExists(const std::string & path)
{
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

/** Absolute path of a file below the shared folder (it may not exist). */
inline std::string
SharedDataPath(const std::string & relativePath)
{
  return SharedDataDirectory() + "/" + relativePath;
}

/** Scratch folder for files written by tests. */
inline std::string
OutputPath(const std::string & fileName)
{
  return std::string(EM_TEST_OUTPUT_DIR) + "/" + fileName;
}

inline std::string
PythonExecutable()
{
  return EM_PYTHON_EXECUTABLE;
}
} // namespace EMTest
} // end namespace itk

/** Skips the current GoogleTest when a file of the shared data folder is missing. */
#define EM_REQUIRE_SHARED_DATA(relativePath)                                                              \
  do                                                                                                       \
  {                                                                                                        \
    if (!itk::EMTest::PathExists(itk::EMTest::SharedDataPath(relativePath)))                              \
    {                                                                                                      \
      GTEST_SKIP() << "shared data not found: " << itk::EMTest::SharedDataPath(relativePath)              \
                   << " (set EM_SHARED_DATA_DIR to the folder holding data/ and reference/)";              \
    }                                                                                                      \
  } while (false)

#endif
