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
#include "itkLinearSpectrumFitter.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

namespace
{
using itk::LinearSpectrumFitter;
using itk::QuantificationFitterEnum;

// Columns of a small spectrum model: a decaying background, a step edge and a peak.
std::vector<std::vector<double>>
Columns(size_t n)
{
  std::vector<std::vector<double>> columns(3, std::vector<double>(n));
  for (size_t k = 0; k < n; ++k)
  {
    const double e = 1.0 + static_cast<double>(k) / static_cast<double>(n);
    columns[0][k] = std::pow(e, -3.0);
    columns[1][k] = k > n / 3 ? std::pow(e, -1.5) : 0.0;
    columns[2][k] = std::exp(-0.5 * std::pow((static_cast<double>(k) - 0.7 * n) / 5.0, 2));
  }
  return columns;
}

std::vector<const double *>
Pointers(const std::vector<std::vector<double>> & columns)
{
  std::vector<const double *> pointers;
  for (const auto & c : columns)
  {
    pointers.push_back(c.data());
  }
  return pointers;
}

std::vector<double>
Model(const std::vector<std::vector<double>> & columns, const std::vector<double> & x)
{
  std::vector<double> y(columns[0].size(), 0.0);
  for (size_t j = 0; j < columns.size(); ++j)
  {
    for (size_t k = 0; k < y.size(); ++k)
    {
      y[k] += x[j] * columns[j][k];
    }
  }
  return y;
}
} // namespace

TEST(LinearSpectrumFitter, RecoversNoiselessCoefficientsWithEveryFitter)
{
  const auto                columns = Columns(400);
  const std::vector<double> truth{ 5000.0, 800.0, 300.0 };
  const auto                y = Model(columns, truth);
  for (const auto fitter : { QuantificationFitterEnum::OrdinaryLeastSquares, QuantificationFitterEnum::WeightedLeastSquares,
                             QuantificationFitterEnum::PoissonMaximumLikelihood })
  {
    LinearSpectrumFitter::Settings settings;
    settings.Fitter = fitter;
    const LinearSpectrumFitter      solver(3, settings);
    LinearSpectrumFitter::Workspace workspace;
    LinearSpectrumFitter::Result    result;
    solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
    ASSERT_TRUE(result.Valid) << fitter;
    for (size_t j = 0; j < 3; ++j)
    {
      EXPECT_NEAR(result.Coefficients[j], truth[j], 1e-9 * truth[j]) << fitter << " column " << j;
    }
    EXPECT_NEAR(result.ReducedChiSquare, 0.0, 1e-12);
    EXPECT_NEAR(result.ReducedDeviance, 0.0, 1e-10);
  }
}

TEST(LinearSpectrumFitter, CRLBOfOneColumnIsAnalytic)
{
  // M = theta a: F = sum a^2 / (theta a) = sum a / theta, so CRLB = sqrt(theta / sum a).
  std::vector<std::vector<double>> columns(1, std::vector<double>(200));
  double                           sum = 0.0;
  for (size_t k = 0; k < 200; ++k)
  {
    columns[0][k] = 1.0 + std::sin(0.05 * static_cast<double>(k));
    sum += columns[0][k];
  }
  const double                    theta = 37.5;
  const auto                      y = Model(columns, { theta });
  const LinearSpectrumFitter      solver(1, {});
  LinearSpectrumFitter::Workspace workspace;
  LinearSpectrumFitter::Result    result;
  solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  ASSERT_TRUE(result.Valid);
  EXPECT_NEAR(result.CRLB[0], std::sqrt(theta / sum), 1e-13);
}

TEST(LinearSpectrumFitter, CRLBMatchesTheSpreadOfPoissonFits)
{
  // 2000 Poisson realisations: the standard deviation of each ML coefficient approaches its
  // CRLB (efficient estimator), within the sampling error of a standard deviation (~1.6 %, 3
  // sigma: 5 %).
  const auto                columns = Columns(300);
  const std::vector<double> truth{ 2000.0, 300.0, 80.0 };
  const auto                mean = Model(columns, truth);
  LinearSpectrumFitter::Settings settings;
  settings.Fitter = QuantificationFitterEnum::PoissonMaximumLikelihood;
  const LinearSpectrumFitter      solver(3, settings);
  LinearSpectrumFitter::Workspace workspace;
  LinearSpectrumFitter::Result    result;
  std::mt19937                    generator(11);
  std::vector<double>             sum(3, 0.0), squares(3, 0.0), crlb(3, 0.0), y(300);
  const int                       runs = 2000;
  for (int run = 0; run < runs; ++run)
  {
    for (size_t k = 0; k < 300; ++k)
    {
      y[k] = static_cast<double>(std::poisson_distribution<int>(mean[k])(generator));
    }
    solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
    ASSERT_TRUE(result.Valid);
    for (size_t j = 0; j < 3; ++j)
    {
      sum[j] += result.Coefficients[j];
      squares[j] += result.Coefficients[j] * result.Coefficients[j];
      crlb[j] += result.CRLB[j] / runs;
    }
  }
  for (size_t j = 0; j < 3; ++j)
  {
    const double average = sum[j] / runs;
    const double spread = std::sqrt(squares[j] / runs - average * average);
    std::cout << "column " << j << ": bias " << average - truth[j] << ", std " << spread << ", mean CRLB " << crlb[j]
              << std::endl;
    EXPECT_NEAR(spread / crlb[j], 1.0, 0.05) << j;
    EXPECT_LT(std::abs(average - truth[j]), 4.0 * crlb[j] / std::sqrt(runs)) << j;
  }
}

TEST(LinearSpectrumFitter, ConstraintsGiveTheReducedFitWhenActive)
{
  // Data with a negative third amplitude: with x_2 >= 0 the optimum has x_2 = 0 and the other two
  // equal the unconstrained fit of the first two columns.
  const auto columns = Columns(300);
  const auto y = Model(columns, { 1000.0, 200.0, -50.0 });
  LinearSpectrumFitter::Settings constrained;
  constrained.Constraints = { { 0.0, 0.0, 1.0 } };
  LinearSpectrumFitter::Workspace workspace;
  LinearSpectrumFitter::Result    result, reduced;
  LinearSpectrumFitter(3, constrained).Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  const std::vector<std::vector<double>> two(columns.begin(), columns.begin() + 2);
  LinearSpectrumFitter(2, {}).Fit(Pointers(two).data(), y.data(), y.size(), reduced, workspace);
  ASSERT_TRUE(result.Valid);
  EXPECT_NEAR(result.Coefficients[2], 0.0, 1e-9);
  EXPECT_NEAR(result.Coefficients[0], reduced.Coefficients[0], 1e-8 * std::abs(reduced.Coefficients[0]));
  EXPECT_NEAR(result.Coefficients[1], reduced.Coefficients[1], 1e-8 * std::abs(reduced.Coefficients[1]));
  // Inactive constraints change nothing; a row coupling two columns is honoured.
  const auto positive = Model(columns, { 1000.0, 200.0, 50.0 });
  LinearSpectrumFitter(3, constrained).Fit(Pointers(columns).data(), positive.data(), positive.size(), result, workspace);
  EXPECT_NEAR(result.Coefficients[2], 50.0, 1e-7);
  LinearSpectrumFitter::Settings coupled;
  coupled.Constraints = { { 0.0, 1.0, -10.0 } }; // x_1 >= 10 x_2
  LinearSpectrumFitter(3, coupled).Fit(Pointers(columns).data(), positive.data(), positive.size(), result, workspace);
  ASSERT_TRUE(result.Valid);
  EXPECT_GE(result.Coefficients[1] - 10.0 * result.Coefficients[2], -1e-8);
  EXPECT_NEAR(result.Coefficients[1] - 10.0 * result.Coefficients[2], 0.0, 1e-6 * result.Coefficients[1]);
}

TEST(LinearSpectrumFitter, BadSpectraGiveInvalidResults)
{
  auto                            columns = Columns(100);
  auto                            y = Model(columns, { 100.0, 10.0, 1.0 });
  const LinearSpectrumFitter      solver(3, {});
  LinearSpectrumFitter::Workspace workspace;
  LinearSpectrumFitter::Result    result;
  y[5] = std::nan("");
  solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  EXPECT_FALSE(result.Valid);
  EXPECT_TRUE(std::isnan(result.Coefficients[0]));
  y[5] = 1.0;
  std::fill(columns[2].begin(), columns[2].end(), 0.0); // a zero column: singular
  solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  EXPECT_FALSE(result.Valid);
  columns[2] = columns[1]; // collinear
  solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  EXPECT_FALSE(result.Valid);
  solver.Fit(Pointers(columns).data(), y.data(), 3, result, workspace); // channels <= columns
  EXPECT_FALSE(result.Valid);
  EXPECT_THROW(LinearSpectrumFitter(0, {}), itk::ExceptionObject);
  LinearSpectrumFitter::Settings wrongRow;
  wrongRow.Constraints = { { 1.0 } };
  EXPECT_THROW(LinearSpectrumFitter(3, wrongRow), itk::ExceptionObject);
}
