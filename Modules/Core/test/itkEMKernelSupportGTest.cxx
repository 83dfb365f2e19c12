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
#include "itkEMKernelSupport.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <random>

TEST(EMKernelSupport, NaturalLogMatchesTheLibrary)
{
  // Log-uniform over the normal range, and densely around 1 where ln x -> 0: within 4 ulp of
  // the library's correctly rounded (< 1 ulp) result.
  std::mt19937                           generator(1);
  std::uniform_real_distribution<double> exponent(-700.0, 700.0), nearOne(-1e-3, 1e-3);
  double                                 worst = 0.0;
  const auto check = [&](double x) {
    const double expected = std::log(x);
    const double error = std::abs(itk::NaturalLog(x) - expected) / std::max(std::abs(expected), 1e-300);
    worst = std::max(worst, error);
    ASSERT_LE(error, 4.0 * std::numeric_limits<double>::epsilon()) << x;
  };
  for (int i = 0; i < 200000; ++i)
  {
    check(std::exp(exponent(generator)));
    check(1.0 + nearOne(generator));
  }
  for (const double x : { std::numeric_limits<double>::min(), std::numeric_limits<double>::max(), 0.5, 2.0,
                          std::sqrt(0.5), std::sqrt(2.0), 1.0 + 1e-15, 1.0 - 1e-16 })
  {
    check(x);
  }
  EXPECT_EQ(itk::NaturalLog(1.0), 0.0);
  std::cout << "largest relative error " << worst << std::endl;
}
