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
#include "itkCoreLossSimulator.h"
#include "itkThicknessImageFilter.h"

#include "gtest/gtest.h"

#include <cmath>

namespace
{
using SimulatorType = itk::CoreLossSimulator<float>;
using SpectrumType = SimulatorType::SpectrumImageType;
using FilterType = itk::ThicknessImageFilter<SpectrumType>;

// The seed's 32 x 32 low loss (noiseless, with the drift pattern) and its t/lambda truth.
SimulatorType::Pointer
SeedLowLoss()
{
  const auto maps = SimulatorType::MakeSeedMaps(32, 32);
  auto       simulator = SimulatorType::New();
  simulator->SetSeedMaps(maps);
  simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
  simulator->SetAddNoise(false);
  simulator->Update();
  return simulator;
}
} // namespace

TEST(ThicknessImageFilter, MirroredZeroLossIsExactOnTheSimulation)
{
  auto simulator = SeedLowLoss();
  auto filter = FilterType::New();
  filter->SetInput(simulator->GetLowLossOutput());
  filter->SetZeroLossIntegral(itk::ZeroLossIntegralEnum::Mirrored);
  filter->Update();
  const float * thickness = simulator->GetThicknessMap()->GetBufferPointer();
  double        worst = 0.0;
  for (size_t p = 0; p < 1024; ++p)
  {
    worst = std::max(worst, std::abs(static_cast<double>(filter->GetOutput()->GetBufferPointer()[p]) - thickness[p]));
  }
  // The simulated zero-loss peak is a symmetric Gaussian on a channel and the plasmons start above
  // 0 eV, so the mirrored integral is the whole zero-loss sum: exact up to float32 storage.
  std::cout << "mirrored: largest |t/lambda - truth| " << worst << std::endl;
  EXPECT_LT(worst, 1e-6);
  EXPECT_EQ(filter->GetNumberOfInvalidPixels(), 0u);
  EXPECT_FALSE(itk::EnergyAxis::IsDefinedIn(filter->GetOutput()->GetMetaDataDictionary()));
}

TEST(ThicknessImageFilter, WindowCountsThePlasmonTailUnderTheZeroLoss)
{
  auto simulator = SeedLowLoss();
  auto filter = FilterType::New();
  filter->SetInput(simulator->GetLowLossOutput());
  filter->Update(); // +-3 eV
  const auto * truth = simulator->GetThicknessMap();
  double       lowest = 1.0, highest = -1.0;
  for (size_t p = 0; p < 1024; ++p)
  {
    const double bias = static_cast<double>(filter->GetOutput()->GetBufferPointer()[p]) - truth->GetBufferPointer()[p];
    lowest = std::min(lowest, bias);
    highest = std::max(highest, bias);
  }
  // The window also holds the Drude intensity between 0 and 3 eV: the estimate is low, slightly.
  std::cout << "window +-3 eV: t/lambda - truth in " << lowest << " ... " << highest << std::endl;
  EXPECT_LT(highest, 0.0);
  EXPECT_GT(lowest, -0.02);
}

TEST(ThicknessImageFilter, InvalidPixelsAndBadInput)
{
  auto image = SpectrumType::New();
  image->SetRegions(SpectrumType::SizeType{ { 4, 1 } });
  image->SetNumberOfComponentsPerPixel(64);
  image->Allocate(true);
  itk::EnergyAxis(-5.0, 0.5, 64).WriteTo(image->GetMetaDataDictionary());
  float * data = image->GetBufferPointer();
  for (int k = 0; k < 64; ++k)
  {
    data[0 * 64 + k] = std::exp(-0.5 * (k - 10) * (k - 10)) + 0.01f; // a good peak at channel 10
    data[2 * 64 + k] = std::exp(-0.5 * (k - 1) * (k - 1));          // peak too close to the start
    data[3 * 64 + k] = k == 30 ? std::nanf("") : 1.0f;
  }
  // pixel 1: all zero
  auto filter = FilterType::New();
  filter->SetInput(image);
  filter->Update();
  const float * t = filter->GetOutput()->GetBufferPointer();
  EXPECT_TRUE(std::isfinite(t[0]));
  EXPECT_GT(t[0], 0.0f);
  EXPECT_TRUE(std::isnan(t[1]));
  EXPECT_TRUE(std::isnan(t[2]));
  EXPECT_TRUE(std::isnan(t[3]));
  EXPECT_EQ(filter->GetNumberOfInvalidPixels(), 3u);

  filter->SetZeroLossHalfWidth(0.0);
  EXPECT_THROW(filter->Update(), itk::ExceptionObject);
  auto unlabelled = SpectrumType::New();
  unlabelled->SetRegions(SpectrumType::SizeType{ { 4, 1 } });
  unlabelled->SetNumberOfComponentsPerPixel(64);
  unlabelled->Allocate(true);
  auto other = FilterType::New();
  other->SetInput(unlabelled);
  EXPECT_THROW(other->Update(), itk::ExceptionObject); // no energy axis
}
