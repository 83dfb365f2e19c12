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
#include "itkEMHugePageBuffers.h"
#include "itkImage.h"
#include "itkVectorImage.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace
{
/** kB of anonymous huge pages in the mapping of this process that contains \a address. */
long
HugePageKilobytesAround(const void * address)
{
  const auto    target = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream maps("/proc/self/smaps");
  std::string   line;
  bool          inside = false;
  while (std::getline(maps, line))
  {
    std::uintptr_t first = 0;
    std::uintptr_t last = 0;
    char           dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> first >> dash >> last && dash == '-')
    {
      inside = first <= target && target < last;
    }
    else if (inside && line.rfind("AnonHugePages:", 0) == 0)
    {
      return std::stol(line.substr(14));
    }
  }
  return -1;
}
} // namespace

TEST(EMHugePageBuffers, LargeBuffersFaultInHugePagesAndStartAtZero)
{
  if (!itk::EMHugePageBuffers::IsAvailable())
  {
    GTEST_SKIP() << "the kernel offers no transparent huge pages by madvise";
  }
  ASSERT_TRUE(itk::EMHugePageBuffers::Register());
  ASSERT_TRUE(itk::EMHugePageBuffers::Register()); // once is enough, twice is harmless

  using SpectrumImageType = itk::VectorImage<float, 2>;
  auto spectra = SpectrumImageType::New();
  spectra->SetRegions(itk::Size<2>{ { 64, 64 } });
  spectra->SetNumberOfComponentsPerPixel(1024); // 16 MiB
  spectra->Allocate(true);
  EXPECT_STREQ(spectra->GetPixelContainer()->GetNameOfClass(), "HugePageImportImageContainer");
  const float * data = spectra->GetBufferPointer();
  const size_t  count = 64 * 64 * 1024;
  EXPECT_EQ(std::count(data, data + count, 0.0f), static_cast<std::ptrdiff_t>(count));
  // 16 MiB hold at least seven whole 2 MiB pages wherever the buffer starts.
  EXPECT_GE(HugePageKilobytesAround(data + count / 2), 7 * 2048);

  using MapType = itk::Image<double, 2>;
  auto map = MapType::New();
  map->SetRegions(itk::Size<2>{ { 1024, 1024 } }); // 8 MiB
  map->Allocate();
  EXPECT_STREQ(map->GetPixelContainer()->GetNameOfClass(), "HugePageImportImageContainer");
  std::fill(map->GetBufferPointer(), map->GetBufferPointer() + 1024 * 1024, 2.5);
  EXPECT_EQ(map->GetPixel({ { 1023, 1023 } }), 2.5);

  auto labels = itk::Image<unsigned char, 2>::New(); // other pixel types keep ITK's container
  EXPECT_STREQ(labels->GetPixelContainer()->GetNameOfClass(), "ImportImageContainer");
}

TEST(EMHugePageBuffers, AdviseCoversOnlyWholePagesInside)
{
  constexpr size_t page = size_t{ 2 } << 20;
  EXPECT_EQ(itk::EMHugePageBuffers::Advise(nullptr, page - 1), 0u);
  if (!itk::EMHugePageBuffers::IsAvailable())
  {
    GTEST_SKIP() << "the kernel offers no transparent huge pages by madvise";
  }
  std::unique_ptr<char[]> buffer(new char[5 * page]);
  const size_t            advised = itk::EMHugePageBuffers::Advise(buffer.get() + 1, 4 * page);
  EXPECT_GE(advised, 3 * page);
  EXPECT_LE(advised, 4 * page);
  EXPECT_EQ(advised % page, 0u);
}
