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

#include "fuzz_hdf5_reader.h"
#include "itkEMChildProcess.h"
#include "itkHSPYImageIO.h"
#include "itkHSPYReading.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace
{
void
ReadInProcess(const std::string & path)
{
  if (!itk::EMHDF5Reading::HasHDF5Signature(path) || !itk::HSPYReading::IsHyperSpy(path))
  {
    return;
  }
  const auto header = itk::EMHDF5Reading::Deserialize(itk::EMHDF5Reading::Serialize(itk::HSPYReading::ReadHeader(path, 0)), "fuzz");
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

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, size_t size)
{
  return FuzzHDF5Reader(data, size, "fuzz_hspy.hspy", ReadInProcess, ReadAsUsersDo);
}
