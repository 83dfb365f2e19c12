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
#include "itkHydrogenicCrossSection.h"
#include "itkLowLossConvolver.h"
#include "itkLowLossModels.h"

#include "itkEMTestData.h"
#include "itkEMTestTable.h"
#include "itkMultiThreaderBase.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

namespace
{
const std::string     LowLossComponents = "reference/pyeelsmodel-sim32/lowloss_components.csv";
const std::string     CoreLossComponents = "reference/pyeelsmodel-sim32/coreloss_components.csv";
const itk::EnergyAxis LowLossAxis(-10.0, 0.5, 2048);
const itk::EnergyAxis CoreLossAxis(200.0, 0.5, 2048);

std::vector<double>
ZeroLossPeak(const itk::EnergyAxis & axis)
{
  std::vector<double> zlp(axis.GetSize());
  for (itk::SizeValueType i = 0; i < zlp.size(); ++i)
  {
    zlp[i] = itk::LowLossPeaks::Gaussian(axis.GetEnergy(static_cast<double>(i)), 1.0, 0.0, 1.0);
  }
  return zlp;
}

double
Sum(const std::vector<double> & values)
{
  double sum = 0.0;
  for (const double v : values)
  {
    sum += v;
  }
  return sum;
}

// Largest relative difference over the reference values above 1e-200 (smaller ones underflow
// differently); values at or below it must be below 1e-200 too.
double
WorstRelative(const std::vector<double> & computed, const std::vector<double> & expected)
{
  double worst = 0.0;
  for (size_t i = 0; i < expected.size(); ++i)
  {
    if (std::abs(expected[i]) > 1e-200)
    {
      worst = std::max(worst, std::abs(computed[i] / expected[i] - 1.0));
    }
    else if (std::abs(computed[i]) > 1e-200)
    {
      worst = 1.0;
    }
  }
  return worst;
}

std::vector<double>
DirectConvolution(const std::vector<double> & model, const std::vector<double> & lowLoss)
{
  const auto z0 = static_cast<long>(itk::LowLossConvolver::ZeroLossChannel(lowLoss.data(), lowLoss.size()));
  const double        sum = Sum(lowLoss);
  std::vector<double> out(model.size(), 0.0);
  for (long k = 0; k < static_cast<long>(model.size()); ++k)
  {
    for (long i = 0; i < static_cast<long>(lowLoss.size()); ++i)
    {
      const long source = k - (i - z0);
      if (source >= 0 && source < static_cast<long>(model.size()))
      {
        out[k] += lowLoss[i] / sum * model[source];
      }
    }
  }
  return out;
}
} // namespace

TEST(LowLoss, ZeroLossAndPlasmonsMatchTheReference)
{
  EM_REQUIRE_SHARED_DATA(LowLossComponents);
  const auto columns = itk::EMTest::ReadCSVColumns(itk::EMTest::SharedDataPath(LowLossComponents));
  const auto zlp = ZeroLossPeak(LowLossAxis);
  EXPECT_LT(WorstRelative(zlp, columns.at("zlp_gauss_fwhm1")), 1e-14);
  EXPECT_NEAR(Sum(zlp), 2.128936827211877, 1e-14);

  const itk::DrudePlasmonSeries series(LowLossAxis, itk::DrudePlasmonSeries::Parameters{});
  for (const double t : { 0.5, 1.0 })
  {
    const auto plasmon = series.Compute(t, Sum(zlp));
    std::vector<double> lowLoss(zlp.size());
    for (size_t i = 0; i < zlp.size(); ++i)
    {
      lowLoss[i] = zlp[i] + plasmon[i];
    }
    const std::string suffix = t == 0.5 ? "0.5" : "1.0";
    const double      worst = WorstRelative(lowLoss, columns.at("lowloss_tlambda" + suffix));
    std::cout << "low loss t/lambda " << suffix << ": largest relative difference " << worst << std::endl;
    EXPECT_LT(worst, 1e-12);
    if (t == 0.5)
    {
      EXPECT_LT(WorstRelative(plasmon, columns.at("plasmon_tlambda0.5")), 1e-12);
      EXPECT_NEAR(Sum(lowLoss), 3.5100234310010663, 1e-13);
    }
    // The log-ratio thickness of the model is exact.
    EXPECT_NEAR(std::log(Sum(lowLoss) / Sum(zlp)), t, 1e-14);
  }
  EXPECT_THROW(series.Compute(-0.1, 1.0), itk::ExceptionObject);
}

TEST(LowLoss, ConvolutionMatchesTheReference)
{
  EM_REQUIRE_SHARED_DATA(LowLossComponents);
  EM_REQUIRE_SHARED_DATA(CoreLossComponents);
  const auto low = itk::EMTest::ReadCSVColumns(itk::EMTest::SharedDataPath(LowLossComponents));
  const auto core = itk::EMTest::ReadCSVColumns(itk::EMTest::SharedDataPath(CoreLossComponents));
  itk::CrossSectionSettings settings;
  settings.BeamVoltage = 300e3;
  settings.ConvergenceSemiAngle = 1e-9;
  settings.CollectionSemiAngle = 20e-3;
  const auto oxygen = itk::HydrogenicCrossSection::FromEdge("O", "K").Compute(CoreLossAxis, settings);
  const auto & lowLoss = low.at("lowloss_tlambda0.5");
  EXPECT_EQ(itk::LowLossConvolver::ZeroLossChannel(lowLoss.data(), lowLoss.size()), 20u);

  const itk::LowLossConvolver            convolver(oxygen.size(), lowLoss.size());
  itk::LowLossConvolver::Workspace       workspace(convolver);
  itk::LowLossConvolver::Spectrum        kernel;
  convolver.TransformKernel(lowLoss.data(), kernel, workspace);
  std::vector<double> convolved(oxygen.size());
  convolver.Convolve(oxygen.data(), kernel, convolved.data(), workspace);

  const auto & expected = core.at("O_K_convolved_with_lowloss_tlambda0.5");
  double       largest = 0.0, worst = 0.0;
  for (size_t i = 0; i < expected.size(); ++i)
  {
    largest = std::max(largest, std::abs(expected[i]));
    worst = std::max(worst, std::abs(convolved[i] - expected[i]));
  }
  std::cout << "O K (x) low loss: largest difference " << worst / largest << " of the maximum (FFT length "
            << convolver.GetTransformLength() << ")" << std::endl;
  EXPECT_LT(worst, 1e-12 * largest);
}

TEST(LowLoss, ConvolutionEqualsTheDirectSumForAnyLengths)
{
  std::mt19937                           generator(3);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const std::pair<size_t, size_t>        lengths[] = { { 1019, 37 }, { 7, 13 }, { 1, 1 }, { 2038, 2038 }, { 97, 301 } };
  for (const auto & [n, p] : lengths)
  {
    std::vector<double> model(n), lowLoss(p);
    for (auto & v : model)
    {
      v = uniform(generator);
    }
    for (auto & v : lowLoss)
    {
      v = uniform(generator);
    }
    const itk::LowLossConvolver      convolver(n, p);
    itk::LowLossConvolver::Workspace workspace(convolver);
    itk::LowLossConvolver::Spectrum  kernel, transformed;
    convolver.TransformKernel(lowLoss.data(), kernel, workspace);
    std::vector<double> viaFFT(n), viaTransformedModel(n);
    convolver.Convolve(model.data(), kernel, viaFFT.data(), workspace);
    convolver.TransformModel(model.data(), transformed, workspace);
    convolver.Convolve(transformed, kernel, viaTransformedModel.data(), workspace);
    const auto direct = DirectConvolution(model, lowLoss);
    double     worst = 0.0, largest = 0.0;
    for (size_t k = 0; k < n; ++k)
    {
      largest = std::max(largest, std::abs(direct[k]));
      worst = std::max(worst, std::abs(viaFFT[k] - direct[k]));
      EXPECT_EQ(viaFFT[k], viaTransformedModel[k]);
    }
    EXPECT_LE(worst, 1e-13 * largest) << n << " x " << p << " (FFT length " << convolver.GetTransformLength() << ")";
    EXPECT_GE(convolver.GetTransformLength(), n + p - 1);
  }
  EXPECT_EQ(itk::LowLossConvolver::FastTransformLength(4100), 4116u); // 2^2 3 7^3
  EXPECT_EQ(itk::LowLossConvolver::FastTransformLength(6113), 6125u); // 5^3 7^2
  EXPECT_EQ(itk::LowLossConvolver::FastTransformLength(1), 1u);
}

TEST(LowLoss, ConvolverIsSharedAcrossThreads)
{
  const size_t                           n = 2048, p = 2048, pixels = 64;
  std::mt19937                           generator(5);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double>                    model(n), lowLosses(pixels * p);
  for (auto & v : model)
  {
    v = uniform(generator);
  }
  for (auto & v : lowLosses)
  {
    v = uniform(generator);
  }
  const itk::LowLossConvolver convolver(n, p);
  const auto                  run = [&](size_t pixel, std::vector<double> & out) {
    itk::LowLossConvolver::Workspace workspace(convolver);
    itk::LowLossConvolver::Spectrum  kernel;
    convolver.TransformKernel(lowLosses.data() + pixel * p, kernel, workspace);
    convolver.Convolve(model.data(), kernel, out.data() + pixel * n, workspace);
  };
  std::vector<double> serial(pixels * n), parallel(pixels * n);
  for (size_t pixel = 0; pixel < pixels; ++pixel)
  {
    run(pixel, serial);
  }
  auto threader = itk::MultiThreaderBase::New();
  threader->SetNumberOfWorkUnits(8);
  threader->ParallelizeArray(0, pixels, [&](itk::SizeValueType pixel) { run(pixel, parallel); }, nullptr);
  EXPECT_EQ(serial, parallel);
}

TEST(LowLoss, RejectsBadInput)
{
  EXPECT_THROW(itk::LowLossConvolver(0, 10), itk::ExceptionObject);
  EXPECT_THROW(itk::LowLossConvolver(10, 0), itk::ExceptionObject);
  const itk::LowLossConvolver      convolver(8, 4);
  itk::LowLossConvolver::Workspace workspace(convolver);
  itk::LowLossConvolver::Spectrum  kernel;
  const double                     zeros[4] = { 0, 0, 0, 0 };
  const double                     negative[4] = { -1, -2, 0.5, 0 };
  const double                     withNaN[4] = { 1, std::nan(""), 2, 0 };
  EXPECT_THROW(convolver.TransformKernel(zeros, kernel, workspace), itk::ExceptionObject);
  EXPECT_THROW(convolver.TransformKernel(negative, kernel, workspace), itk::ExceptionObject);
  EXPECT_THROW(convolver.TransformKernel(withNaN, kernel, workspace), itk::ExceptionObject);
  std::vector<double>             out(8);
  const itk::LowLossConvolver::Spectrum tooShort(3);
  const double                          model[8] = {};
  EXPECT_THROW(convolver.Convolve(model, tooShort, out.data(), workspace), itk::ExceptionObject);
  EXPECT_THROW(itk::DrudePlasmonSeries(LowLossAxis, itk::DrudePlasmonSeries::Parameters{ 0.0 }), itk::ExceptionObject);
}
