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
// Every spectroscopy filter reports its progress while it runs and stops with
// itk::ProcessAborted when asked to.
#include "itkCoreLossQuantificationFilter.h"
#include "itkCoreLossSimulator.h"
#include "itkEELSAlignFilter.h"
#include "itkElementalQuantificationFilter.h"
#include "itkThicknessImageFilter.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <vector>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
using SimulatorType = itk::CoreLossSimulator<float>;

SimulatorType::Pointer
Simulator()
{
  auto simulator = SimulatorType::New();
  simulator->UseSeedMaps(48, 40);
  simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
  simulator->SetAddNoise(true);
  return simulator;
}

/** Runs \a filter once watching its progress, then again aborting it at its first report. */
void
ExpectProgressAndAbort(itk::ProcessObject * filter)
{
  std::vector<float> seen;
  const auto         watch =
    filter->AddObserver(itk::ProgressEvent(), [&](const itk::EventObject &) { seen.push_back(filter->GetProgress()); });
  filter->Update();
  filter->RemoveObserver(watch);
  ASSERT_FALSE(seen.empty()) << filter->GetNameOfClass() << " reported no progress";
  EXPECT_TRUE(std::any_of(seen.begin(), seen.end(), [](float p) { return p > 0.0f && p < 1.0f; }))
    << filter->GetNameOfClass() << " reported no progress between start and end";
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end())) << filter->GetNameOfClass() << [&] { std::string s; for (float p : seen) s += " " + std::to_string(p); return s; }();
  EXPECT_FLOAT_EQ(seen.back(), 1.0f) << filter->GetNameOfClass();

  bool       asked = false;
  const auto abort = filter->AddObserver(itk::ProgressEvent(), [&](const itk::EventObject &) {
    if (filter->GetProgress() > 0.0f && !asked)
    {
      asked = true;
      filter->AbortGenerateDataOn();
    }
  });
  filter->Modified();
  EXPECT_THROW(filter->Update(), itk::ProcessAborted) << filter->GetNameOfClass() << " did not stop";
  EXPECT_TRUE(asked);
  filter->RemoveObserver(abort);
}
} // namespace

TEST(FilterProgress, SimulatorReportsAndAborts)
{
  ExpectProgressAndAbort(Simulator());
}

TEST(FilterProgress, AlignmentReportsAndAborts)
{
  auto simulator = Simulator();
  simulator->Update();
  for (auto method : { itk::ZeroLossMethodEnum::Argmax, itk::ZeroLossMethodEnum::CrossCorrelation })
  {
    auto align = itk::EELSAlignFilter<SpectrumType>::New();
    align->SetInput(simulator->GetLowLossOutput());
    align->SetCompanion(0, simulator->GetCoreLossOutput());
    align->SetMethod(method);
    align->SetShift(itk::SpectrumShiftEnum::Fourier);
    ExpectProgressAndAbort(align);
  }
}

TEST(FilterProgress, ThicknessReportsAndAborts)
{
  auto simulator = Simulator();
  simulator->Update();
  auto thickness = itk::ThicknessImageFilter<SpectrumType>::New();
  thickness->SetInput(simulator->GetLowLossOutput());
  ExpectProgressAndAbort(thickness);
}

TEST(FilterProgress, QuantificationReportsAndAborts)
{
  auto simulator = Simulator();
  simulator->SetDrift(itk::SimulatedDriftEnum::None);
  simulator->Update();
  auto quantify = itk::CoreLossQuantificationFilter<SpectrumType>::New();
  quantify->SetInput(simulator->GetCoreLossOutput());
  quantify->SetLowLoss(simulator->GetLowLossOutput());
  quantify->SetEdges({ { "C", "K" }, { "N", "K" }, { "O", "K" }, { "Fe", "L" } });
  ExpectProgressAndAbort(quantify);
}

TEST(FilterProgress, ElementalQuantificationReportsAndAborts)
{
  auto simulator = Simulator();
  simulator->Update();
  auto quantify = itk::ElementalQuantificationFilter<SpectrumType>::New();
  quantify->SetInput(simulator->GetCoreLossOutput());
  quantify->SetLowLoss(simulator->GetLowLossOutput());
  quantify->SetEdges({ { "C", "K" }, { "N", "K" }, { "O", "K" }, { "Fe", "L" } });
  ExpectProgressAndAbort(quantify);
}
