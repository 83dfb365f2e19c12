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
#include "itkVeloxEMDImageIO.h"
#include "itkVeloxSpectrumStreamDecoder.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <vector>

namespace
{
constexpr std::uint16_t End = 65535;

// A 2 x 2 scan of 3 channels, two frames: the events of each pixel, then its end.
const std::vector<std::uint16_t> Stream = {
  0, 0, End, 1, End, End, 2, 2, 2, End, // frame 0: pixels (0,0) (1,0) (0,1) (1,1)
  1, End, End, 0, 2, End, End,          // frame 1
  2, 2                                  // events of a third frame that never ends a pixel
};
} // namespace

TEST(VeloxSpectrumStreamDecoder, CountsEventsPerPixelChannelAndFrame)
{
  std::vector<std::uint32_t>     counts(2 * 2 * 3, 0);
  itk::VeloxSpectrumStreamDecoder decoder(2, 2, 3, 0, 2, 0, 2, counts.data());
  decoder.Add(Stream.data(), Stream.size());
  // Worked out by hand from the stream above; the third frame is outside [0, 2).
  const std::vector<std::uint32_t> expected = { 2, 1, 0, /**/ 0, 1, 0, /**/ 1, 0, 1, /**/ 0, 0, 3 };
  EXPECT_EQ(counts, expected);
  EXPECT_EQ(decoder.GetFrame(), 2u);
  EXPECT_EQ(decoder.GetNumberOfInvalidEvents(), 0u);
}

TEST(VeloxSpectrumStreamDecoder, FramesRowsPiecesAndInvalidChannels)
{
  // Frame 1 alone, second row alone, values arriving one at a time.
  std::vector<std::uint32_t>     counts(2 * 3, 0);
  itk::VeloxSpectrumStreamDecoder decoder(2, 2, 3, 1, 2, 1, 1, counts.data());
  for (const auto value : Stream)
  {
    decoder.Add(&value, 1);
  }
  EXPECT_EQ(counts, (std::vector<std::uint32_t>{ 1, 0, 1, 0, 0, 0 }));

  // A channel beyond the detector's is counted as invalid, never written.
  std::vector<std::uint32_t>       few(2 * 2 * 3, 0);
  const std::vector<std::uint32_t> wide = { 3, 70000, 1, End };
  itk::VeloxSpectrumStreamDecoder  checked(2, 2, 3, 0, 1, 0, 2, few.data());
  checked.Add(wide.data(), wide.size());
  EXPECT_EQ(checked.GetNumberOfInvalidEvents(), 2u);
  EXPECT_EQ(few[1], 1u);
  EXPECT_EQ(std::accumulate(few.begin(), few.end(), 0u), 1u);
}

TEST(VeloxEMDImageIO, RefusesFilesThatAreNotVelox)
{
  auto io = itk::VeloxEMDImageIO::New();
  const std::string text = "velox_not_hdf5.emd";
  std::ofstream(text) << "not an HDF5 file";
  EXPECT_FALSE(io->CanReadFile(text.c_str()));
  io->SetFileName(text);
  EXPECT_THROW(io->ReadImageInformation(), itk::ExceptionObject);
  std::remove(text.c_str());
}
