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
#include "itkLinearCombinationOfPowerLaws.h"
#include "itkPowerLawBackground.h"

#include "itkEMTestData.h"
#include "itkEMTestTable.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

namespace
{
const std::string     Components = "reference/pyeelsmodel-sim32/coreloss_components.csv";
const itk::EnergyAxis SeedAxis(200.0, 0.5, 2048);

double
WorstRelative(const std::vector<double> & computed, const std::vector<double> & expected)
{
  double worst = 0.0;
  for (size_t i = 0; i < expected.size(); ++i)
  {
    worst = std::max(worst, std::abs(computed[i] / expected[i] - 1.0));
  }
  return worst;
}

// Positive, non-increasing and convex at every point of a fine grid over the window.
bool
IsPositiveDecreasingConvex(const itk::LinearCombinationOfPowerLaws & lcpl, const std::vector<double> & a, double x0,
                           double x1)
{
  const auto & r = lcpl.GetExponents();
  for (int i = 0; i <= 500; ++i)
  {
    const double x = x0 + (x1 - x0) * i / 500.0;
    double       b = 0.0, slope = 0.0, curvature = 0.0;
    for (size_t k = 0; k < r.size(); ++k)
    {
      const double term = a[k] * lcpl.Term(static_cast<unsigned int>(k), x);
      b += term;
      slope += -r[k] * term / x;
      curvature += r[k] * (r[k] + 1.0) * term / (x * x);
    }
    if (b < 0.0 || slope > 0.0 || curvature < 0.0)
    {
      return false;
    }
  }
  return true;
}

bool
Satisfies(const std::vector<std::vector<double>> & rows, const std::vector<double> & a, double tolerance = 0.0)
{
  for (const auto & row : rows)
  {
    double g = 0.0, size = 0.0;
    for (size_t k = 0; k < a.size(); ++k)
    {
      g += row[k] * a[k];
      size += std::abs(row[k] * a[k]);
    }
    if (g < -tolerance * size)
    {
      return false;
    }
  }
  return true;
}
} // namespace

TEST(Backgrounds, MatchTheReferenceComponents)
{
  EM_REQUIRE_SHARED_DATA(Components);
  const auto columns = itk::EMTest::ReadCSVColumns(itk::EMTest::SharedDataPath(Components));
  const itk::PowerLawBackground powerLaw(SeedAxis.GetOffset());
  const double worstPowerLaw = WorstRelative(powerLaw.Compute(SeedAxis, 1000.0, 3.0), columns.at("powerlaw_A1000_r3"));
  EXPECT_LT(worstPowerLaw, 1e-14);

  const itk::LinearCombinationOfPowerLaws lcpl(itk::LinearCombinationOfPowerLaws::EvenlySpacedExponents(1.0, 5.0, 4),
                                               itk::LinearCombinationOfPowerLaws::DefaultReferenceEnergy(SeedAxis));
  EXPECT_DOUBLE_EQ(lcpl.GetExponents()[1], 7.0 / 3.0);
  const auto   basis = lcpl.Basis(SeedAxis);
  const char * names[] = { "lcpl_r1", "lcpl_r2.333", "lcpl_r3.667", "lcpl_r5" };
  double       worst = 0.0;
  for (unsigned int k = 0; k < 4; ++k)
  {
    const std::vector<double> column(basis.begin() + k * 2048, basis.begin() + (k + 1) * 2048);
    worst = std::max(worst, WorstRelative(column, columns.at(names[k])));
  }
  std::cout << "largest relative difference: power law " << worstPowerLaw << ", LCPL bases " << worst << std::endl;
  EXPECT_LT(worst, 1e-14);
}

TEST(Backgrounds, PowerLawGradientAndStartValues)
{
  const itk::PowerLawBackground background(200.0);
  double                        dA = 0.0, dr = 0.0;
  background.Gradient(450.0, 1200.0, 3.2, dA, dr);
  // Central differences: exact (to round-off) for the linear amplitude; for the exponent the
  // truncation error (h^2 / 6) |d3f/dr3| and the round-off 1e-16 |f| / h are both below 1e-8 |dr|.
  EXPECT_NEAR(dA, (background.Evaluate(450.0, 1201.0, 3.2) - background.Evaluate(450.0, 1199.0, 3.2)) / 2.0, 1e-13);
  const double h = 1e-5;
  EXPECT_NEAR(dr, (background.Evaluate(450.0, 1200.0, 3.2 + h) - background.Evaluate(450.0, 1200.0, 3.2 - h)) / (2 * h),
              1e-8 * std::abs(dr));
  EXPECT_EQ(background.Evaluate(-1.0, 1.0, 3.0), 0.0);

  // An exact power law is recovered from any window; too few counts fall back to r = 3.
  const auto spectrum = background.Compute(SeedAxis, 5000.0, 2.7);
  const auto start = background.EstimateFromWindow(SeedAxis, spectrum.data(), 100, 300);
  EXPECT_NEAR(start.Exponent, 2.7, 1e-10);
  EXPECT_NEAR(start.Amplitude / 5000.0, 1.0, 1e-10);
  const std::vector<double> dark(2048, 0.5);
  const auto                fallback = background.EstimateFromWindow(SeedAxis, dark.data(), 0, 100);
  EXPECT_EQ(fallback.Exponent, 3.0);
  EXPECT_EQ(fallback.Amplitude, 0.5);
  const auto rising = itk::PowerLawBackground(200.0).Compute(SeedAxis, 10.0, -2.0); // r < 0: not a background
  EXPECT_EQ(background.EstimateFromWindow(SeedAxis, rising.data(), 0, 200).Exponent, 3.0);
  EXPECT_THROW(background.EstimateFromWindow(SeedAxis, spectrum.data(), 10, 10), itk::ExceptionObject);
  EXPECT_THROW(background.EstimateFromWindow(SeedAxis, spectrum.data(), 10, 4000), itk::ExceptionObject);
  EXPECT_THROW(itk::PowerLawBackground(0.0), itk::ExceptionObject);
}

TEST(Backgrounds, ConvexityConstraints)
{
  const itk::LinearCombinationOfPowerLaws lcpl(itk::LinearCombinationOfPowerLaws::EvenlySpacedExponents(1.0, 5.0, 4),
                                               200.0);
  const double x0 = 200.0, x1 = 1223.5;
  const auto   sufficient = lcpl.ConvexityConstraints(itk::BackgroundConstraintEnum::Sufficient, x0, x1);
  const auto   necessary = lcpl.ConvexityConstraints(itk::BackgroundConstraintEnum::Necessary, x0, x1);
  EXPECT_EQ(sufficient.size(), 10u); // 2^(n-1) + 2
  EXPECT_EQ(necessary.size(), 5u);   // 3 points + 2
  EXPECT_EQ(lcpl.ConvexityConstraints(itk::BackgroundConstraintEnum::NonNegative, x0, x1).size(), 4u);
  EXPECT_TRUE(lcpl.ConvexityConstraints(itk::BackgroundConstraintEnum::None, x0, x1).empty());

  // Random coefficients (scaled so that every term matters on the window): whatever satisfies
  // the sufficient rows is a positive, decreasing, convex background, and every such background
  // satisfies the necessary rows.
  std::mt19937                     generator(7);
  std::normal_distribution<double> normal;
  int                              sufficientCount = 0, shapedCount = 0;
  for (int trial = 0; trial < 50000; ++trial)
  {
    std::vector<double> a(4);
    for (unsigned int k = 0; k < 4; ++k)
    {
      a[k] = normal(generator) / lcpl.Term(k, std::sqrt(x0 * x1));
    }
    const bool shaped = IsPositiveDecreasingConvex(lcpl, a, x0, x1);
    if (Satisfies(sufficient, a))
    {
      ++sufficientCount;
      EXPECT_TRUE(shaped) << trial;
    }
    if (shaped)
    {
      ++shapedCount;
      EXPECT_TRUE(Satisfies(necessary, a, 1e-12)) << trial;
    }
  }
  std::cout << "of 50000 random coefficient sets: " << shapedCount << " positive, decreasing and convex, "
            << sufficientCount << " satisfy the sufficient rows" << std::endl;
  EXPECT_GT(sufficientCount, 100);
  EXPECT_GT(shapedCount, sufficientCount);

  EXPECT_THROW(lcpl.ConvexityConstraints(itk::BackgroundConstraintEnum::Sufficient, 300.0, 200.0), itk::ExceptionObject);
  EXPECT_THROW(itk::LinearCombinationOfPowerLaws({ 2.0, 1.0 }, 200.0), itk::ExceptionObject);
  EXPECT_THROW(itk::LinearCombinationOfPowerLaws({}, 200.0), itk::ExceptionObject);
  EXPECT_THROW(itk::LinearCombinationOfPowerLaws({ 1.0, 2.0 }, -1.0), itk::ExceptionObject);
  EXPECT_THROW(lcpl.Evaluate(300.0, { 1.0 }), itk::ExceptionObject);
}
