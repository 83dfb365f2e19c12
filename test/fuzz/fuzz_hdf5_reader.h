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
#ifndef fuzz_hdf5_reader_h
#define fuzz_hdf5_reader_h

// What the fuzz harnesses of the HDF5 readers share: each input is written to a scratch file and
// read in this process (so that libFuzzer sees the coverage), or, with EM_FUZZ_CONTAINED=1, as
// users read files (libhdf5 in a child process); the sanitizers' settings for libhdf5.

#include "fuzz_inputs.h"
#include "itkEMChildProcess.h"
#include "itkMacro.h"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

// libhdf5 leaks metadata-cache entries when it gives up on a corrupt object header; those leaks are
// the library's, and are not reported (leaks of this project's code still are).
extern "C" const char *
__lsan_default_suppressions()
{
  return "leak:libhdf5_serial.so\n";
}

// A corrupt object header makes libhdf5 ask malloc for terabytes; malloc refuses and the library
// reports an error, which is what happens outside the sanitizer too.
extern "C" const char *
__asan_default_options()
{
  return "allocator_may_return_null=1";
}

template <typename TInProcess, typename TAsUsers>
int
FuzzHDF5Reader(const std::uint8_t * data, size_t size, const char * name, TInProcess inProcess, TAsUsers asUsers)
{
  static const std::string path = [name]
  {
    const char * shm = "/dev/shm";
    return std::string(access(shm, W_OK) == 0 ? shm : "/tmp") + "/" + name + "_" + std::to_string(getpid());
  }();
  static const bool contained = []
  {
    // A hang costs 2 s, below libFuzzer's -timeout. The triage replays with a longer limit
    // (EM_FUZZ_IDLE_LIMIT), which a child printing a sanitizer report on a loaded machine needs.
    const char * limit = std::getenv("EM_FUZZ_IDLE_LIMIT");
    itk::EMChildProcess::SetIdleLimit(limit != nullptr ? std::atof(limit) : 2.0);
    return std::getenv("EM_FUZZ_CONTAINED") != nullptr;
  }();
  if (!WriteFuzzInput(path, data, size))
  {
    return 0;
  }
  try
  {
    contained ? asUsers(path) : inProcess(path);
  }
  catch (const itk::ExceptionObject &)
  {
  }
  return 0;
}

#endif
