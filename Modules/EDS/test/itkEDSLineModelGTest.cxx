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
#include "itkEDSLineIntensityImageFilter.h"
#include "itkEDSLineModel.h"
#include "itkEMMetaData.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace
{
// 0 to 20.47 keV in 10 eV channels, as a Velox or Bruker detector records.
const itk::EnergyAxis Axis(0.0, 10.0, 2048);

// Counts of a line of \a total counts (area) at \a energy, with the detector's width.
void
AddLine(std::vector<double> & spectrum, double energy, double total, double resolution = 130.0)
{
  const double sigma = itk::EDSLineModel::GetFWHM(energy, resolution) / 2.3548200450309493;
  for (size_t c = 0; c < spectrum.size(); ++c)
  {
    const double z = (Axis.GetEnergy(static_cast<double>(c)) - energy) / sigma;
    spectrum[c] += total * Axis.GetDispersion() * std::exp(-0.5 * z * z) / (sigma * std::sqrt(2.0 * M_PI));
  }
}

std::vector<double>
Apply(const std::vector<double> & matrix, const std::vector<double> & spectrum)
{
  std::vector<double> result(matrix.size() / spectrum.size());
  for (size_t i = 0; i < result.size(); ++i)
  {
    result[i] = std::inner_product(spectrum.begin(), spectrum.end(), matrix.begin() + i * spectrum.size(), 0.0);
  }
  return result;
}
} // namespace

TEST(EDSXrayLineTable, LinesAndFamilies)
{
  // xraylib 4.0's energies (keV): Fe KL3 6.4039, Fe L3M5 0.7045, O KL3 0.5249, Au M5N7 2.1216.
  EXPECT_DOUBLE_EQ(itk::EDSXrayLineTable::GetLine("Fe_Ka").Energy, 6403.9);
  EXPECT_DOUBLE_EQ(itk::EDSXrayLineTable::GetLine("Fe_La").Energy, 704.5);
  EXPECT_DOUBLE_EQ(itk::EDSXrayLineTable::GetLine("O_ka").Energy, 524.9);
  EXPECT_DOUBLE_EQ(itk::EDSXrayLineTable::GetLine("Au_Ma").Energy, 2121.6);
  const auto family = itk::EDSXrayLineTable::GetFamily("Fe", 'K');
  ASSERT_EQ(family.size(), 2u);
  EXPECT_EQ(family[0].Line, "Ka");
  EXPECT_EQ(family[0].Weight, 1.0);
  // K-beta over K-alpha of iron is 0.13 to 0.14 in measured and computed tables.
  EXPECT_GT(family[1].Weight, 0.12);
  EXPECT_LT(family[1].Weight, 0.15);
  // Refused with the name the user gave.
  for (const char * name : { "Fe_Kz", "Xx_Ka", "FeKa" })
  {
    try
    {
      itk::EDSXrayLineTable::GetLine(name);
      ADD_FAILURE() << name << " accepted";
    }
    catch (const itk::ExceptionObject & error)
    {
      EXPECT_NE(std::string(error.GetDescription()).find(name), std::string::npos) << error.GetDescription();
    }
  }
}

TEST(EDSLineModel, FWHMFollowsFioriAndNewbury)
{
  EXPECT_DOUBLE_EQ(itk::EDSLineModel::GetFWHM(5898.7, 130.0), 130.0);
  EXPECT_DOUBLE_EQ(itk::EDSLineModel::GetFWHM(5898.7 + 1000.0, 130.0), std::sqrt(130.0 * 130.0 + 2500.0));
}

TEST(EDSLineModel, WindowsRemoveALinearBackgroundAndCountTheLine)
{
  itk::EDSLineModel model;
  model.SetLines({ "Fe_Ka", "Cu_Ka" });
  const std::vector<double> matrix = model.Compute(Axis);
  // A linear background alone measures zero: the background windows lie symmetric about the line
  // only to the channel, so the tolerance is the slope times a channel per window.
  std::vector<double> spectrum(Axis.GetSize());
  for (size_t c = 0; c < spectrum.size(); ++c)
  {
    spectrum[c] = 50.0 + 0.01 * static_cast<double>(c);
  }
  for (const double value : Apply(matrix, spectrum))
  {
    EXPECT_NEAR(value, 0.0, 0.01 * 30.0);
  }
  // A line of 10^4 counts: the window of +/- 1 FWHM holds erf(2 sqrt(ln 2)) = 98.1 % of it.
  AddLine(spectrum, 6403.9, 1e4);
  const double inside = std::erf(2.0 * std::sqrt(std::log(2.0)));
  EXPECT_NEAR(Apply(matrix, spectrum)[0], 1e4 * inside, 1e4 * 0.01);
  EXPECT_NEAR(Apply(matrix, spectrum)[1], 0.0, 0.3);
}

TEST(EDSLineModel, FitSeparatesOverlappingFamilies)
{
  // Mn K-beta (6490 eV) lies under Fe K-alpha (6404 eV); the fit tells them apart exactly when
  // the spectrum is the model's: both families with the table's weights and a quadratic.
  itk::EDSLineModel model;
  model.SetMethod(itk::EDSLineMethodEnum::Fit);
  model.SetLines({ "Fe_Ka", "Mn_Ka", "Mn_Kb" });
  const std::vector<double> matrix = model.Compute(Axis);
  std::vector<double>       spectrum(Axis.GetSize());
  for (size_t c = 0; c < spectrum.size(); ++c)
  {
    const double t = Axis.GetEnergy(static_cast<double>(c)) / 1000.0;
    spectrum[c] = 40.0 - 2.0 * t + 0.1 * t * t;
  }
  for (const auto & member : itk::EDSXrayLineTable::GetFamily("Fe", 'K'))
  {
    AddLine(spectrum, member.Energy, 3000.0 * member.Weight);
  }
  for (const auto & member : itk::EDSXrayLineTable::GetFamily("Mn", 'K'))
  {
    AddLine(spectrum, member.Energy, 5000.0 * member.Weight);
  }
  const std::vector<double> intensities = Apply(matrix, spectrum);
  EXPECT_NEAR(intensities[0], 3000.0, 1e-6);
  EXPECT_NEAR(intensities[1], 5000.0, 1e-6);
  EXPECT_NEAR(intensities[2], 5000.0 * itk::EDSXrayLineTable::GetLine("Mn_Kb").Weight, 1e-6);
}

using SpectrumImage = itk::VectorImage<float, 2>;

// Pixel p holds (p % 6 + 1) x 1000 counts of Fe K and 2000 of Cu K on no background.
SpectrumImage::Pointer
FeCuSpectrumImage(unsigned int width, unsigned int height)
{
  auto image = SpectrumImage::New();
  image->SetRegions(SpectrumImage::SizeType{ { width, height } });
  image->SetNumberOfComponentsPerPixel(static_cast<unsigned int>(Axis.GetSize()));
  image->Allocate();
  Axis.WriteTo(image->GetMetaDataDictionary());
  for (unsigned int p = 0; p < width * height; ++p)
  {
    std::vector<double> spectrum(Axis.GetSize(), 0.0);
    for (const auto & member : itk::EDSXrayLineTable::GetFamily("Fe", 'K'))
    {
      AddLine(spectrum, member.Energy, 1000.0 * (p % 6 + 1) * member.Weight);
    }
    for (const auto & member : itk::EDSXrayLineTable::GetFamily("Cu", 'K'))
    {
      AddLine(spectrum, member.Energy, 2000.0 * member.Weight);
    }
    std::copy(spectrum.begin(), spectrum.end(), image->GetBufferPointer() + p * Axis.GetSize());
  }
  return image;
}

TEST(EDSLineIntensityImageFilter, MapsAndCliffLorimerCompositions)
{
  const auto image = FeCuSpectrumImage(3, 2);
  auto filter = itk::EDSLineIntensityImageFilter<SpectrumImage>::New();
  filter->SetInput(image);
  filter->SetLines({ "Fe_Ka", "Cu_Ka" });
  filter->SetMethod(itk::EDSLineMethodEnum::Fit);
  filter->SetKFactors({ 1.0, 1.5 });
  filter->Update();
  const auto * maps = filter->GetOutput();
  const auto * composition = filter->GetCompositionOutput();
  ASSERT_EQ(maps->GetNumberOfComponentsPerPixel(), 2u);
  for (unsigned int p = 0; p < 6; ++p)
  {
    const float * values = maps->GetBufferPointer() + 2 * p;
    EXPECT_NEAR(values[0], 1000.0 * (p + 1), 0.05) << p;
    EXPECT_NEAR(values[1], 2000.0, 0.05) << p;
    // Cliff-Lorimer: C_Fe / C_Cu = (k_Fe I_Fe) / (k_Cu I_Cu), the fractions summing to 1.
    const double fe = 1.0 * 1000.0 * (p + 1), cu = 1.5 * 2000.0;
    EXPECT_NEAR(composition->GetBufferPointer()[2 * p], fe / (fe + cu), 1e-5) << p;
    EXPECT_NEAR(composition->GetBufferPointer()[2 * p + 1], cu / (fe + cu), 1e-5) << p;
  }
  EXPECT_EQ(itk::EMMetaData::GetString(maps->GetMetaDataDictionary(), "Element"), "Fe Cu");
}

TEST(EDSLineIntensityImageFilter, ReportsProgressAndHonoursAbort)
{
  auto filter = itk::EDSLineIntensityImageFilter<SpectrumImage>::New();
  filter->SetInput(FeCuSpectrumImage(64, 48));
  filter->SetLines({ "Fe_Ka", "Cu_Ka" });
  std::vector<float> seen;
  const auto         watch =
    filter->AddObserver(itk::ProgressEvent(), [&](const itk::EventObject &) { seen.push_back(filter->GetProgress()); });
  filter->Update();
  filter->RemoveObserver(watch);
  EXPECT_TRUE(std::any_of(seen.begin(), seen.end(), [](float p) { return p > 0.0f && p < 1.0f; }));
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  ASSERT_FALSE(seen.empty());
  EXPECT_FLOAT_EQ(seen.back(), 1.0f);
  bool asked = false;
  filter->AddObserver(itk::ProgressEvent(), [&](const itk::EventObject &) {
    if (filter->GetProgress() > 0.0f && !asked)
    {
      asked = true;
      filter->AbortGenerateDataOn();
    }
  });
  filter->Modified();
  EXPECT_THROW(filter->Update(), itk::ProcessAborted);
  EXPECT_TRUE(asked);
}
