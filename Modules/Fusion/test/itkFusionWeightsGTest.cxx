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
#include "itkFusionKernels.h"
#include "itkFusionWeights.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

TEST(FusionWeights, HalfPrecisionRounding)
{
  EXPECT_EQ(itk::FusionWeights::RoundToHalfPrecision(1.0), 1.0);
  EXPECT_EQ(itk::FusionWeights::RoundToHalfPrecision(0.1), 0.0999755859375);          // 0x2E66
  EXPECT_EQ(itk::FusionWeights::RoundToHalfPrecision(1.0 + 1.0 / 2048.0), 1.0);       // tie to even
  EXPECT_EQ(itk::FusionWeights::RoundToHalfPrecision(1.0 + 3.0 / 2048.0), 1.001953125); // tie to even (up)
  EXPECT_EQ(itk::FusionWeights::RoundToHalfPrecision(65504.0), 65504.0);
  EXPECT_TRUE(std::isinf(itk::FusionWeights::RoundToHalfPrecision(70000.0)));
  EXPECT_EQ(itk::FusionWeights::RoundToHalfPrecision(1e-7), std::ldexp(2.0, -24)); // subnormal half
  EXPECT_EQ(itk::FusionWeights::RoundToHalfPrecision(-0.5), -0.5);
}

// The reference's weights for Sc, Dy, O (Z = 21, 66, 8, gamma = 1.6), specification table.
TEST(FusionWeights, ReferenceTableForScandiumDysprosiumOxygen)
{
  const std::vector<double> z{ 21, 66, 8 };
  const auto                check = [&](itk::FusionWeightingEnum method, const std::vector<double> & expected) {
    const auto weights = itk::FusionWeights::Compute(method, z, 1.6, true);
    for (size_t e = 0; e < 3; ++e)
    {
      EXPECT_NEAR(weights[e], expected[e], 5e-9) << method << " element " << e;
      EXPECT_EQ(weights[e], static_cast<double>(static_cast<float>(weights[e]))); // exact in float
    }
  };
  check(itk::FusionWeightingEnum::Unweighted, { 1, 1, 1 });
  check(itk::FusionWeightingEnum::AtomicNumberOverMean, { 0.66308594, 2.08398438, 0.25268555 });
  check(itk::FusionWeightingEnum::PowerOverMean, { 0.40209961, 2.51171875, 0.08581543 });
  check(itk::FusionWeightingEnum::AtomicNumberOverSum, { 0.22106934, 0.69482422, 0.08422852 });
  check(itk::FusionWeightingEnum::PowerOverSum, { 0.13403320, 0.83740234, 0.02861023 });
  // Co, S, O with method 1.
  const auto cobalt = itk::FusionWeights::Compute(itk::FusionWeightingEnum::AtomicNumberOverMean, { 27, 16, 8 }, 1.6, true);
  EXPECT_NEAR(cobalt[0], 1.587891, 5e-7);
  EXPECT_NEAR(cobalt[1], 0.941406, 5e-7);
  EXPECT_NEAR(cobalt[2], 0.470703, 5e-7);
  // Without rounding the weights are the exact ratios.
  const auto exact = itk::FusionWeights::Compute(itk::FusionWeightingEnum::AtomicNumberOverSum, z, 1.6, false);
  EXPECT_DOUBLE_EQ(exact[1], 66.0 / 95.0);
  EXPECT_THROW(itk::FusionWeights::Compute(itk::FusionWeightingEnum::Custom, z, 1.6, true), itk::ExceptionObject);
  EXPECT_THROW(itk::FusionWeights::Compute(itk::FusionWeightingEnum::Unweighted, { 21, 0 }, 1.6, true), itk::ExceptionObject);
}

TEST(FusionKernels, PowerIsAccurateToDoubleRounding)
{
  std::mt19937                           generator(1);
  std::uniform_real_distribution<double> exponent(-40.0, 40.0);
  double                                 worst = 0.0;
  for (int i = 0; i < 200000; ++i)
  {
    const double x = std::exp2(exponent(generator));
    for (const double a : { 0.6, 1.6, 0.6000000238418579, 2.5 })
    {
      const double expected = std::pow(x, a);
      worst = std::max(worst, std::abs(itk::FusionKernels::Power(x, a) - expected) / expected);
    }
  }
  EXPECT_LT(worst, 2e-14); // |a ln x| up to 70 here: the error grows like 1e-16 |a ln x|
  EXPECT_EQ(itk::FusionKernels::Power(0.0, 0.6), 0.0);
  EXPECT_EQ(itk::FusionKernels::Power(-1.0, 1.6), 0.0);
  EXPECT_EQ(itk::FusionKernels::Power(1.0, 1.6), 1.0);
}

TEST(FusionKernels, FloatPowerIsWithinTwoAndAHalfUlp)
{
  std::mt19937                           generator(2);
  std::uniform_real_distribution<double> exponent(-120.0, 120.0);
  double                                 worst = 0.0;
  for (int i = 0; i < 500000; ++i)
  {
    const auto x = static_cast<float>(std::exp2(exponent(generator)));
    for (const float a : { 0.4f, 0.6f, 1.0f, 1.6f })
    {
      const double expected = std::pow(static_cast<double>(x), static_cast<double>(a));
      if (expected < 1.2e-38 || expected > 3e38)
      {
        continue; // outside the normal float range
      }
      worst = std::max(worst, std::abs(itk::FusionKernels::PowerFloat(x, a) - expected) / expected);
    }
  }
  EXPECT_LT(worst, 3e-7); // 2.5 float ulp (an ulp is 6e-8 to 1.2e-7 relative)
  std::cout << "float power, worst relative error " << worst << std::endl;
  EXPECT_EQ(itk::FusionKernels::PowerFloat(0.0f, 0.6f), 0.0f);
  EXPECT_EQ(itk::FusionKernels::PowerFloat(1.0f, 0.6f), 1.0f);
}

TEST(FusionKernels, CountInvalidFindsEveryNonFiniteAndNegativeValue)
{
  std::vector<float> values(1001, 1.5f); // odd length: the vector loop has a remainder
  EXPECT_EQ(itk::FusionKernels::CountInvalid(values.data(), values.size(), true), 0u);
  values[0] = std::numeric_limits<float>::quiet_NaN();
  values[500] = std::numeric_limits<float>::infinity();
  values[1000] = -std::numeric_limits<float>::infinity();
  values[7] = -0.25f;
  values[8] = -0.0f; // negative zero is a valid non-negative value
  values[9] = std::numeric_limits<float>::max();
  EXPECT_EQ(itk::FusionKernels::CountInvalid(values.data(), values.size(), true), 4u);
  EXPECT_EQ(itk::FusionKernels::CountInvalid(values.data(), values.size(), false), 3u);

  const std::vector<double> doubles{ 0.0, -std::numeric_limits<double>::denorm_min(), std::nan("") };
  EXPECT_EQ(itk::FusionKernels::CountInvalid(doubles.data(), doubles.size(), true), 2u);
  EXPECT_EQ(itk::FusionKernels::CountInvalid(doubles.data(), doubles.size(), false), 1u);
}

TEST(FusionKernels, MinimumMaximumOfAnyLength)
{
  for (const itk::SizeValueType n : { 1, 2, 17, 1000 })
  {
    std::vector<double> values(n);
    for (itk::SizeValueType i = 0; i < n; ++i)
    {
      values[i] = std::sin(0.7 * static_cast<double>(i) + 0.3);
    }
    double minimum = 0.0;
    double maximum = 0.0;
    itk::FusionKernels::MinimumMaximum(values.data(), n, minimum, maximum);
    EXPECT_EQ(minimum, *std::min_element(values.begin(), values.end()));
    EXPECT_EQ(maximum, *std::max_element(values.begin(), values.end()));
  }
}
