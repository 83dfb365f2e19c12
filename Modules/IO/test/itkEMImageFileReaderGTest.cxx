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
#include "itkEMImageFileReader.h"
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"

#include "itkEMTestData.h"
#include "itkImageFileWriter.h"
#include "itkVectorImage.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;

// 7 x 5 pixels of 37 channels, every sample distinct, with an energy axis.
std::string
WriteSpectrumImage(const std::string & name)
{
  auto image = SpectrumType::New();
  image->SetRegions(itk::Size<2>{ { 7, 5 } });
  image->SetNumberOfComponentsPerPixel(37);
  const double spacing[2] = { 0.25, 0.5 };
  const double origin[2] = { -1.5, 3.0 };
  image->SetSpacing(spacing);
  image->SetOrigin(origin);
  image->Allocate();
  float * data = image->GetBufferPointer();
  for (size_t i = 0; i < 7 * 5 * 37; ++i)
  {
    data[i] = 0.5f * static_cast<float>(i) - 100.0f;
  }
  itk::EnergyAxis(-10.0, 0.25, 37).WriteTo(image->GetMetaDataDictionary());
  const std::string path = itk::EMTest::OutputPath(name);
  itk::WriteImage(image, path);
  return path;
}

template <typename TImage>
void
ExpectSameImage(const TImage * expected, const TImage * actual)
{
  ASSERT_EQ(expected->GetBufferedRegion(), actual->GetBufferedRegion());
  ASSERT_EQ(expected->GetNumberOfComponentsPerPixel(), actual->GetNumberOfComponentsPerPixel());
  EXPECT_EQ(expected->GetSpacing(), actual->GetSpacing());
  EXPECT_EQ(expected->GetOrigin(), actual->GetOrigin());
  EXPECT_EQ(expected->GetDirection(), actual->GetDirection());
  const size_t samples =
    expected->GetBufferedRegion().GetNumberOfPixels() * expected->GetNumberOfComponentsPerPixel();
  for (size_t i = 0; i < samples; ++i)
  {
    ASSERT_EQ(expected->GetBufferPointer()[i], actual->GetBufferPointer()[i]) << "sample " << i;
  }
}
} // namespace

TEST(EMImageFileReader, ReadsWhatImageFileReaderReads)
{
  const std::string path = WriteSpectrumImage("EMImageFileReader_spectra.mha");

  // Straight into the buffer: float samples into a VectorImage of float.
  const auto expected = itk::ReadImage<SpectrumType>(path);
  const auto direct = itk::ReadEMImage<SpectrumType>(path);
  ExpectSameImage(expected.GetPointer(), direct.GetPointer());
  EXPECT_DOUBLE_EQ(itk::EnergyAxis::ReadFrom(direct->GetMetaDataDictionary(), 37).GetDispersion(), 0.25);
  EXPECT_EQ(direct->GetPixel({ { 6, 4 } })[36], 0.5f * (7 * 5 * 37 - 1) - 100.0f);

  // Converted as by ImageFileReader: float samples into a VectorImage of double.
  using DoubleSpectrumType = itk::VectorImage<double, 2>;
  ExpectSameImage(itk::ReadImage<DoubleSpectrumType>(path).GetPointer(),
                  itk::ReadEMImage<DoubleSpectrumType>(path).GetPointer());

  // Part of the image (streaming): the requested region only.
  auto reader = itk::EMImageFileReader<SpectrumType>::New();
  reader->SetFileName(path);
  reader->UpdateOutputInformation();
  const itk::ImageRegion<2> part({ { 2, 1 } }, { { 3, 2 } });
  reader->GetOutput()->SetRequestedRegion(part);
  reader->Update();
  EXPECT_EQ(reader->GetOutput()->GetPixel({ { 3, 2 } }), expected->GetPixel({ { 3, 2 } }));
}

namespace
{
// A spectrum image of TComponent samples (7 x 5 pixels, 37 channels) spread over the type's range.
template <typename TComponent>
std::string
WriteCounts(const std::string & name)
{
  using CountsType = itk::VectorImage<TComponent, 2>;
  auto image = CountsType::New();
  image->SetRegions(itk::Size<2>{ { 7, 5 } });
  image->SetNumberOfComponentsPerPixel(37);
  image->Allocate();
  // The integer types' whole range; +-1e30 for the real ones (high - low must be finite).
  const double low = std::max(static_cast<double>(std::numeric_limits<TComponent>::lowest()), -1e30);
  const double high = std::min(static_cast<double>(std::numeric_limits<TComponent>::max()), 1e30);
  for (size_t i = 0; i < 7 * 5 * 37; ++i)
  {
    image->GetBufferPointer()[i] = static_cast<TComponent>(low + (high - low) * static_cast<double>(i % 97) / 96.0);
  }
  const std::string path = itk::EMTest::OutputPath(name);
  itk::WriteImage(image, path);
  return path;
}

// TComponent samples read as TOutput, whole and streamed, as ImageFileReader reads them.
template <typename TComponent, typename TOutput>
void
ExpectWidenedAsByImageFileReader(const std::string & name)
{
  using OutputType = itk::VectorImage<TOutput, 2>;
  const std::string path = WriteCounts<TComponent>(name);
  const auto        expected = itk::ReadImage<OutputType>(path);
  ExpectSameImage(expected.GetPointer(), itk::ReadEMImage<OutputType>(path).GetPointer());
  auto reader = itk::EMImageFileReader<OutputType>::New();
  reader->SetFileName(path);
  reader->UpdateOutputInformation();
  const itk::ImageRegion<2> rows({ { 0, 2 } }, { { 7, 2 } });
  reader->GetOutput()->SetRequestedRegion(rows);
  reader->Update();
  EXPECT_EQ(reader->GetOutput()->GetBufferedRegion(), rows);
  for (const itk::Index<2> index : { itk::Index<2>{ { 0, 2 } }, itk::Index<2>{ { 6, 3 } } })
  {
    EXPECT_EQ(reader->GetOutput()->GetPixel(index), expected->GetPixel(index)) << name;
  }
}
} // namespace

// Narrower samples are widened in the output's own buffer; wider ones go through ImageFileReader.
TEST(EMImageFileReader, ConvertsComponentTypesAsImageFileReaderDoes)
{
  ExpectWidenedAsByImageFileReader<std::uint8_t, float>("EMImageFileReader_u8.mha");
  ExpectWidenedAsByImageFileReader<std::int8_t, float>("EMImageFileReader_s8.mha");
  ExpectWidenedAsByImageFileReader<std::uint16_t, float>("EMImageFileReader_u16.mha");
  ExpectWidenedAsByImageFileReader<std::int16_t, double>("EMImageFileReader_s16.mha");
  ExpectWidenedAsByImageFileReader<std::uint32_t, float>("EMImageFileReader_u32.mha");
  ExpectWidenedAsByImageFileReader<std::int32_t, double>("EMImageFileReader_s32.mha");
  ExpectWidenedAsByImageFileReader<float, double>("EMImageFileReader_f32.mha");
  ExpectWidenedAsByImageFileReader<double, float>("EMImageFileReader_f64.mha");
  ExpectWidenedAsByImageFileReader<std::uint64_t, float>("EMImageFileReader_u64.mha");
}

TEST(EMImageFileReader, ReadsAFileWithASingletonAxisIntoFewerDimensions)
{
  using VolumeType = itk::Image<float, 3>;
  auto volume = VolumeType::New();
  volume->SetRegions(itk::Size<3>{ { 4, 3, 1 } });
  volume->Allocate();
  for (size_t i = 0; i < 12; ++i)
  {
    volume->GetBufferPointer()[i] = static_cast<float>(i * i);
  }
  const std::string path = itk::EMTest::OutputPath("EMImageFileReader_slice.mha");
  itk::WriteImage(volume, path);

  using MapType = itk::Image<float, 2>;
  ExpectSameImage(itk::ReadImage<MapType>(path).GetPointer(), itk::ReadEMImage<MapType>(path).GetPointer());
  EXPECT_EQ(itk::ReadEMImage<MapType>(path)->GetPixel({ { 3, 2 } }), 121.0f);
}

TEST(EMImageFileReader, RealInstrumentFilesReadAsByImageFileReader)
{
  EM_REQUIRE_SHARED_DATA("data/dm/EELS_SI.dm4");
  EM_REQUIRE_SHARED_DATA("data/eels/LSMO_linescan/LSMO_linescan_low_loss.hspy");
  itk::AnalyticalEMImageIOFactory::RegisterOneFactory();
  for (const char * file : { "data/dm/EELS_SI.dm4", "data/eels/LSMO_linescan/LSMO_linescan_low_loss.hspy" })
  {
    const std::string path = itk::EMTest::SharedDataPath(file);
    const auto        expected = itk::ReadImage<SpectrumType>(path);
    const auto        direct = itk::ReadEMImage<SpectrumType>(path);
    ExpectSameImage(expected.GetPointer(), direct.GetPointer());
    EXPECT_EQ(expected->GetMetaDataDictionary().GetKeys(), direct->GetMetaDataDictionary().GetKeys()) << file;
  }
}
