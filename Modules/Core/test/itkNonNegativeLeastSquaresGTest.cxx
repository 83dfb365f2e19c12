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
#include "itkNonNegativeLeastSquares.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

namespace
{
// G = A^T A and h = A^T b of a random m x n matrix A and b = A x_true + noise.
void
NormalEquations(size_t m, size_t n, const std::vector<double> & truth, double noise, unsigned seed,
                std::vector<double> & gram, std::vector<double> & rhs, std::vector<double> & a, std::vector<double> & b)
{
  std::mt19937                           generator(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::normal_distribution<double>       normal(0.0, noise);
  a.resize(m * n);
  b.assign(m, 0.0);
  for (size_t i = 0; i < m; ++i)
  {
    for (size_t j = 0; j < n; ++j)
    {
      a[i * n + j] = uniform(generator);
      b[i] += a[i * n + j] * truth[j];
    }
    b[i] += normal(generator);
  }
  gram.assign(n * n, 0.0);
  rhs.assign(n, 0.0);
  for (size_t i = 0; i < m; ++i)
  {
    for (size_t j = 0; j < n; ++j)
    {
      rhs[j] += a[i * n + j] * b[i];
      for (size_t k = 0; k < n; ++k)
      {
        gram[j * n + k] += a[i * n + j] * a[i * n + k];
      }
    }
  }
}
} // namespace

TEST(NonNegativeLeastSquares, InteriorSolutionIsTheLeastSquaresSolution)
{
  std::vector<double> gram, rhs, a, b;
  NormalEquations(50, 4, { 1.0, 2.0, 0.5, 3.0 }, 0.0, 1, gram, rhs, a, b);
  const auto x = itk::NonNegativeLeastSquares::Solve(gram, rhs);
  EXPECT_NEAR(x[0], 1.0, 1e-10);
  EXPECT_NEAR(x[1], 2.0, 1e-10);
  EXPECT_NEAR(x[2], 0.5, 1e-10);
  EXPECT_NEAR(x[3], 3.0, 1e-10);
}

// KKT conditions: x >= 0, gradient g = G x - h is 0 on positive unknowns and >= 0 at the bound.
TEST(NonNegativeLeastSquares, SatisfiesTheKarushKuhnTuckerConditions)
{
  for (unsigned seed = 2; seed < 12; ++seed)
  {
    std::vector<double> gram, rhs, a, b;
    NormalEquations(40, 6, { 1.0, -2.0, 0.5, -0.3, 2.0, -1.0 }, 0.1, seed, gram, rhs, a, b);
    const auto x = itk::NonNegativeLeastSquares::Solve(gram, rhs);
    for (size_t j = 0; j < 6; ++j)
    {
      double gradient = -rhs[j];
      for (size_t k = 0; k < 6; ++k)
      {
        gradient += gram[j * 6 + k] * x[k];
      }
      ASSERT_GE(x[j], 0.0);
      if (x[j] > 0.0)
      {
        ASSERT_NEAR(gradient, 0.0, 1e-8) << "seed " << seed << " unknown " << j;
      }
      else
      {
        ASSERT_GE(gradient, -1e-8) << "seed " << seed << " unknown " << j;
      }
    }
  }
}

TEST(NonNegativeLeastSquares, FreeUnknownsMayBeNegative)
{
  std::vector<double> gram, rhs, a, b;
  NormalEquations(60, 3, { -4.0, 2.0, -1.0 }, 0.0, 3, gram, rhs, a, b);
  const auto x = itk::NonNegativeLeastSquares::Solve(gram, rhs, { false, true, true });
  EXPECT_LT(x[0], 0.0);
  EXPECT_GE(x[2], 0.0);
  EXPECT_EQ(x[2], 0.0);
  const auto unconstrained = itk::NonNegativeLeastSquares::Solve(gram, rhs, { false, false, false });
  EXPECT_NEAR(unconstrained[0], -4.0, 1e-10);
  EXPECT_NEAR(unconstrained[2], -1.0, 1e-10);
}

TEST(NonNegativeLeastSquares, RejectsBadInput)
{
  EXPECT_THROW(itk::NonNegativeLeastSquares::Solve({ 1.0, 0.0, 0.0 }, { 1.0, 1.0 }), itk::ExceptionObject);
  EXPECT_THROW(itk::NonNegativeLeastSquares::Solve({ 1.0, 1.0, 1.0, 1.0 }, { 1.0, 1.0 }, { false, false }),
               itk::ExceptionObject); // singular
}
