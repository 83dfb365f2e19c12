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
#include "itkSpectrumImage.h"
#include "itkImageFileReader.h"
#include "itkImageFileWriter.h"

#include "itkEMTestData.h"
#include "gtest/gtest.h"

namespace
{
using SpectrumImageType = itk::VectorImage<float, 2>;
using VolumeType = itk::Image<float, 3>;

// A 7 x 5 spectrum image with 37 channels, every sample distinct, full acquisition metadata.
SpectrumImageType::Pointer
MakeSpectrumImage()
{
  auto                        image = SpectrumImageType::New();
  SpectrumImageType::SizeType size = { { 7, 5 } };
  image->SetRegions(size);
  image->SetNumberOfComponentsPerPixel(37);
  const double spacing[2] = { 0.25, 0.5 };
  const double origin[2] = { -1.5, 3.0 };
  image->SetSpacing(spacing);
  image->SetOrigin(origin);
  image->Allocate();
  float * buffer = image->GetBufferPointer();
  for (size_t i = 0; i < 7 * 5 * 37; ++i)
  {
    buffer[i] = 0.5f * static_cast<float>(i) - 100.0f;
  }
  itk::SpectrumImage::SetEnergyAxis(*image, itk::EnergyAxis(-12.345678901234567, 0.012345678901234, 37));
  itk::MicroscopeParameters parameters;
  parameters.SetBeamEnergy(300.0);
  parameters.SetConvergenceSemiAngle(1e-6);
  parameters.SetCollectionSemiAngle(20.0);
  itk::SpectrumImage::SetMicroscopeParameters(*image, parameters);
  itk::SpectrumImage::SetSignalType(*image, "EELS");
  return image;
}

void
ExpectSameSpectrumImage(const SpectrumImageType & expected, const SpectrumImageType & actual)
{
  ASSERT_EQ(actual.GetNumberOfComponentsPerPixel(), expected.GetNumberOfComponentsPerPixel());
  ASSERT_EQ(actual.GetBufferedRegion().GetSize(), expected.GetBufferedRegion().GetSize());
  EXPECT_EQ(actual.GetSpacing(), expected.GetSpacing());
  EXPECT_EQ(actual.GetOrigin(), expected.GetOrigin());
  const size_t n = expected.GetBufferedRegion().GetNumberOfPixels() * expected.GetNumberOfComponentsPerPixel();
  for (size_t i = 0; i < n; ++i)
  {
    ASSERT_EQ(actual.GetBufferPointer()[i], expected.GetBufferPointer()[i]) << "sample " << i;
  }
  EXPECT_EQ(itk::SpectrumImage::GetEnergyAxis(actual), itk::SpectrumImage::GetEnergyAxis(expected));
  EXPECT_EQ(itk::SpectrumImage::GetMicroscopeParameters(actual), itk::SpectrumImage::GetMicroscopeParameters(expected));
  EXPECT_EQ(itk::SpectrumImage::GetSignalType(actual), "EELS");
}

SpectrumImageType::Pointer
WriteAndRead(const SpectrumImageType & image, const std::string & fileName)
{
  const std::string path = itk::EMTest::OutputPath(fileName);
  auto              writer = itk::ImageFileWriter<SpectrumImageType>::New();
  writer->SetInput(&image);
  writer->SetFileName(path);
  writer->Update();
  return itk::ReadImage<SpectrumImageType>(path);
}
} // namespace

TEST(SpectrumImage, AxisSizeMustMatchComponents)
{
  auto image = MakeSpectrumImage();
  EXPECT_THROW(itk::SpectrumImage::SetEnergyAxis(*image, itk::EnergyAxis(0.0, 1.0, 36)), itk::ExceptionObject);
  EXPECT_TRUE(itk::SpectrumImage::HasEnergyAxis(*image));
  auto bare = SpectrumImageType::New();
  EXPECT_FALSE(itk::SpectrumImage::HasEnergyAxis(*bare));
  EXPECT_THROW(itk::SpectrumImage::GetEnergyAxis(*bare), itk::ExceptionObject);
  EXPECT_EQ(itk::SpectrumImage::GetSignalType(*bare), "");
}

TEST(SpectrumImage, MetaImageRoundTripKeepsDataAndCalibration)
{
  const auto image = MakeSpectrumImage();
  ExpectSameSpectrumImage(*image, *WriteAndRead(*image, "SpectrumImageRoundTrip.mha"));
}

TEST(SpectrumImage, NrrdRoundTripKeepsDataAndCalibration)
{
  const auto image = MakeSpectrumImage();
  ExpectSameSpectrumImage(*image, *WriteAndRead(*image, "SpectrumImageRoundTrip.nrrd"));
}

TEST(SpectrumImage, VolumeConversionIsLossless)
{
  const auto      image = MakeSpectrumImage();
  const auto      volume = itk::SpectrumImage::ToVolume(*image);
  const auto      axis = itk::SpectrumImage::GetEnergyAxis(*image);
  const auto      size = volume->GetLargestPossibleRegion().GetSize();
  EXPECT_EQ(size[0], 7u);
  EXPECT_EQ(size[1], 5u);
  EXPECT_EQ(size[2], 37u);
  EXPECT_EQ(volume->GetOrigin()[2], axis.GetOffset());
  EXPECT_EQ(volume->GetSpacing()[2], axis.GetDispersion());
  EXPECT_EQ(volume->GetSpacing()[1], 0.5);
  // Volume voxel (x, y, k) is channel k of spectrum (x, y).
  const VolumeType::IndexType        voxel = { { 3, 4, 11 } };
  const SpectrumImageType::IndexType pixel = { { 3, 4 } };
  EXPECT_EQ(volume->GetPixel(voxel), image->GetPixel(pixel)[11]);

  // Through a MetaImage file and back: the energy calibration rides on origin/spacing.
  const std::string path = itk::EMTest::OutputPath("SpectrumVolumeRoundTrip.mha");
  itk::WriteImage(volume, path);
  const auto back = itk::SpectrumImage::FromVolume(*itk::ReadImage<VolumeType>(path));
  ExpectSameSpectrumImage(*image, *back);
}

TEST(SpectrumImage, FromVolumeRejectsARotatedEnergyAxis)
{
  auto volume = itk::SpectrumImage::ToVolume(*MakeSpectrumImage());
  auto direction = volume->GetDirection();
  direction(0, 0) = 0.0;
  direction(0, 2) = 1.0;
  direction(2, 2) = 0.0;
  direction(2, 0) = 1.0;
  volume->SetDirection(direction);
  EXPECT_THROW(itk::SpectrumImage::FromVolume(*volume), itk::ExceptionObject);
}
