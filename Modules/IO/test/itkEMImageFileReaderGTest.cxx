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
