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
// libFuzzer harness of the Velox EMD reader, under AddressSanitizer and UBSan (scripts/fuzz.sh).
// Each input is written to a file and read:
//  - by default in this process (the reading half, VeloxEMDReading, every signal it lists, and a
//    decoding of its spectrum streams), so that libFuzzer sees the coverage of this project's code
//    and of libhdf5 and jsoncpp;
//  - with EM_FUZZ_CONTAINED=1 through VeloxEMDImageIO as users read files, libhdf5 in a child
//    process.
// scripts/fuzz.sh runs the first in libFuzzer's fork mode, then replays every input that crashed
// or hung the first through the second, which must end cleanly.

#include "fuzz_hdf5_reader.h"
#include "fuzz_inputs.h"
#include "itkEMChildProcess.h"
#include "itkVeloxEMDImageIO.h"
#include "itkVeloxEMDReading.h"
#include "itkVeloxSpectrumStreamDecoder.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace
{
// Signals tried per input, and the largest decoded image read in process.
constexpr unsigned int  SignalsTried = 4;
constexpr std::uint64_t LargestImageBytes = std::uint64_t(64) << 20;

itk::ImageIORegion
WholeRegion(const itk::EMHDF5Reading::Header & header)
{
  itk::ImageIORegion region(static_cast<unsigned int>(header.Dimensions.size()));
  for (unsigned int d = 0; d < header.Dimensions.size(); ++d)
  {
    region.SetIndex(d, 0);
    region.SetSize(d, header.Dimensions[d]);
  }
  return region;
}

void
ReadInProcess(const std::string & path)
{
  if (!itk::EMHDF5Reading::HasHDF5Signature(path) || !itk::VeloxEMDReading::IsVelox(path))
  {
    return;
  }
  for (unsigned int s = 0; s < SignalsTried; ++s)
  {
    itk::VeloxEMDReading::Selection selection;
    selection.Index = s;
    const auto header = itk::EMHDF5Reading::Deserialize(
      itk::EMHDF5Reading::Serialize(itk::VeloxEMDReading::ReadHeader(path, selection)), "fuzz");
    const itk::ImageIORegion region = WholeRegion(header);
    std::uint64_t            pixels = region.GetNumberOfPixels();
    if (pixels * header.Components > LargestImageBytes / 4)
    {
      return;
    }
    // Streams: each record, then its values decoded into counts as the reader does.
    std::vector<std::uint32_t>     counts(pixels * header.Components);
    itk::VeloxSpectrumStreamDecoder decoder(header.Dimensions[0], header.Dimensions.size() > 1 ? header.Dimensions[1] : 1,
                                            header.Components, 0, 1u << 20, 0, region.GetSize(1), counts.data());
    std::vector<char>              received;
    itk::EMChildProcess::Channel   local(-1, [&](const char * data, size_t size) { received.insert(received.end(), data, data + size); });
    itk::VeloxEMDReading::SendData(path, selection, region, local);
    if (header.DataPath == "stream")
    {
      for (size_t at = 0; at + sizeof(itk::VeloxEMDReading::StreamRecord) <= received.size();)
      {
        itk::VeloxEMDReading::StreamRecord record;
        std::memcpy(&record, received.data() + at, sizeof(record));
        at += sizeof(record);
        const size_t bytes = std::min<std::uint64_t>(record.Count * record.Width, received.size() - at);
        std::vector<std::uint16_t> values(bytes / 2);
        std::memcpy(values.data(), received.data() + at, values.size() * 2);
        decoder.Restart(record.FirstFrame);
        decoder.Add(values.data(), values.size());
        at += bytes;
      }
    }
    if (s + 1 >= header.NumberOfSignals)
    {
      return;
    }
  }
}

void
ReadAsUsersDo(const std::string & path)
{
  ReadEverySignal(itk::VeloxEMDImageIO::New(), path);
}
} // namespace
extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, size_t size)
{
  return FuzzHDF5Reader(data, size, "fuzz_velox.emd", ReadInProcess, ReadAsUsersDo);
}
