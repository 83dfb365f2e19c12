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
#ifndef fuzz_inputs_h
#define fuzz_inputs_h

// What the fuzz harnesses of file readers share: the input written to a file, and every signal
// of a file of several read as users read them.

#include "itkEMMultiSignalImageIO.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

/** Writes the fuzzer's input to \a path; false when it could not. */
inline bool
WriteFuzzInput(const std::string & path, const std::uint8_t * data, size_t size)
{
  std::FILE * file = std::fopen(path.c_str(), "wb");
  if (file == nullptr)
  {
    return false;
  }
  const bool written = std::fwrite(data, 1, size, file) == size;
  return std::fclose(file) == 0 && written;
}

/** Reads the first few signals of \a path through \a io, each whole, as users read them. */
inline void
ReadEverySignal(itk::EMMultiSignalImageIO * io, const std::string & path)
{
  constexpr unsigned int  signalsTried = 4;
  constexpr std::uint64_t largestImageBytes = std::uint64_t(64) << 20;
  if (!io->CanReadFile(path.c_str()))
  {
    return;
  }
  for (unsigned int s = 0; s < signalsTried; ++s)
  {
    io->SetSignalIndex(s);
    io->SetFileName(path);
    io->ReadImageInformation();
    if (io->GetImageSizeInBytes() > largestImageBytes)
    {
      return;
    }
    itk::ImageIORegion region(io->GetNumberOfDimensions());
    for (unsigned int d = 0; d < io->GetNumberOfDimensions(); ++d)
    {
      region.SetIndex(d, 0);
      region.SetSize(d, io->GetDimensions(d));
    }
    io->SetIORegion(region);
    std::vector<char> buffer(io->GetImageSizeInBytes());
    io->Read(buffer.data());
    if (s + 1 >= io->GetNumberOfSignals())
    {
      return;
    }
  }
}

#endif
