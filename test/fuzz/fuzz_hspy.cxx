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
// libFuzzer harness of the HyperSpy reader, under AddressSanitizer and UBSan (scripts/fuzz.sh).
// Each input is written to a file and read:
//  - by default in this process (the reading half, HSPYReading, and its header round trip), so
//    that libFuzzer sees the coverage of this project's code and of libhdf5;
//  - with EM_FUZZ_CONTAINED=1 through HSPYImageIO as users read files, libhdf5 in a child process.
// scripts/fuzz.sh runs the first in libFuzzer's fork mode, then replays every input that crashed
// or hung the first through the second, which must end cleanly.

#include "itkEMChildProcess.h"
#include "itkHSPYImageIO.h"
#include "itkHSPYReading.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace
{
std::string
ScratchFile()
{
  const char * shm = "/dev/shm";
  return std::string(access(shm, W_OK) == 0 ? shm : "/tmp") + "/fuzz_hspy_" + std::to_string(getpid()) + ".hspy";
}

void
ReadInProcess(const std::string & path)
{
  if (!itk::HSPYReading::HasHDF5Signature(path) || !itk::HSPYReading::IsHyperSpy(path))
  {
    return;
  }
  const auto header = itk::HSPYReading::Deserialize(itk::HSPYReading::Serialize(itk::HSPYReading::ReadHeader(path, 0)));
  size_t     received = 0;
  itk::EMChildProcess::Channel local(-1, [&](const char *, size_t size) { received += size; });
  itk::HSPYReading::SendData(path, header.DataPath, header.Component, local);
}

void
ReadAsUsersDo(const std::string & path)
{
  auto io = itk::HSPYImageIO::New();
  if (io->CanReadFile(path.c_str()))
  {
    io->SetFileName(path);
    io->ReadImageInformation();
    std::vector<char> buffer(io->GetImageSizeInBytes());
    io->Read(buffer.data());
  }
}
} // namespace

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

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, size_t size)
{
  static const std::string path = ScratchFile();
  static const bool        contained = []
  {
    // A hang costs 2 s, below libFuzzer's -timeout. The triage replays with a longer limit
    // (EM_FUZZ_IDLE_LIMIT), which a child printing a sanitizer report on a loaded machine needs.
    const char * limit = std::getenv("EM_FUZZ_IDLE_LIMIT");
    itk::EMChildProcess::SetIdleLimit(limit != nullptr ? std::atof(limit) : 2.0);
    return std::getenv("EM_FUZZ_CONTAINED") != nullptr;
  }();
  std::FILE * file = std::fopen(path.c_str(), "wb");
  if (file == nullptr)
  {
    return 0;
  }
  const bool written = std::fwrite(data, 1, size, file) == size;
  if (std::fclose(file) != 0 || !written)
  {
    return 0;
  }
  try
  {
    contained ? ReadAsUsersDo(path) : ReadInProcess(path);
  }
  catch (const itk::ExceptionObject &)
  {
  }
  return 0;
}
