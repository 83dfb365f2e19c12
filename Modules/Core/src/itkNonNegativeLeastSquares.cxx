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
#include "itkMacro.h"

#include <algorithm>
#include <cmath>

namespace itk
{
namespace
{
// Solves G_PP z_P = h_P for the unknowns in `passive` by Cholesky factorisation; z is 0 elsewhere.
std::vector<double>
SolvePassive(const std::vector<double> & gram, const std::vector<double> & rhs, const std::vector<bool> & passive)
{
  const size_t        n = rhs.size();
  std::vector<size_t> index;
  for (size_t j = 0; j < n; ++j)
  {
    if (passive[j])
    {
      index.push_back(j);
    }
  }
  const size_t        m = index.size();
  std::vector<double> factor(m * m, 0.0);
  double              scale = 0.0;
  for (size_t j = 0; j < m; ++j)
  {
    scale = std::max(scale, std::abs(gram[index[j] * n + index[j]]));
  }
  for (size_t i = 0; i < m; ++i)
  {
    for (size_t j = 0; j <= i; ++j)
    {
      double sum = gram[index[i] * n + index[j]];
      for (size_t k = 0; k < j; ++k)
      {
        sum -= factor[i * m + k] * factor[j * m + k];
      }
      if (i == j)
      {
        if (!(sum > 1e-14 * scale))
        {
          itkGenericExceptionMacro(<< "NonNegativeLeastSquares: the normal equations are singular (unknown " << index[i]
                                   << " is not determined by the data)");
        }
        factor[i * m + i] = std::sqrt(sum);
      }
      else
      {
        factor[i * m + j] = sum / factor[j * m + j];
      }
    }
  }
  std::vector<double> y(m);
  for (size_t i = 0; i < m; ++i)
  {
    double sum = rhs[index[i]];
    for (size_t k = 0; k < i; ++k)
    {
      sum -= factor[i * m + k] * y[k];
    }
    y[i] = sum / factor[i * m + i];
  }
  std::vector<double> z(n, 0.0);
  for (size_t ii = m; ii-- > 0;)
  {
    double sum = y[ii];
    for (size_t k = ii + 1; k < m; ++k)
    {
      sum -= factor[k * m + ii] * z[index[k]];
    }
    z[index[ii]] = sum / factor[ii * m + ii];
  }
  return z;
}
} // namespace

std::vector<double>
NonNegativeLeastSquares::Solve(const std::vector<double> & gram,
                               const std::vector<double> & rhs,
                               std::vector<bool>           constrained)
{
  const size_t n = rhs.size();
  if (gram.size() != n * n || n == 0)
  {
    itkGenericExceptionMacro(<< "NonNegativeLeastSquares: Gram matrix of " << gram.size() << " entries for " << n
                             << " unknowns");
  }
  if (constrained.empty())
  {
    constrained.assign(n, true);
  }
  if (constrained.size() != n)
  {
    itkGenericExceptionMacro(<< "NonNegativeLeastSquares: " << constrained.size() << " constraint flags for " << n
                             << " unknowns");
  }
  double scale = 0.0;
  for (size_t j = 0; j < n; ++j)
  {
    scale = std::max(scale, std::abs(rhs[j]));
  }
  const double tolerance = 1e-12 * std::max(scale, 1e-300);

  // Free unknowns are always passive; constrained ones start at the bound.
  std::vector<bool>   passive(n);
  std::vector<double> x(n, 0.0);
  bool                anyFree = false;
  for (size_t j = 0; j < n; ++j)
  {
    passive[j] = !constrained[j];
    anyFree = anyFree || passive[j];
  }
  if (anyFree)
  {
    x = SolvePassive(gram, rhs, passive);
  }
  for (size_t outer = 0; outer < 3 * n + 10; ++outer)
  {
    // Most promising constrained unknown at its bound: the largest component of h - G x.
    size_t best = n;
    double bestValue = tolerance;
    for (size_t j = 0; j < n; ++j)
    {
      if (passive[j])
      {
        continue;
      }
      double w = rhs[j];
      for (size_t k = 0; k < n; ++k)
      {
        w -= gram[j * n + k] * x[k];
      }
      if (w > bestValue)
      {
        best = j;
        bestValue = w;
      }
    }
    if (best == n)
    {
      return x;
    }
    passive[best] = true;
    for (size_t inner = 0; inner < 3 * n + 10; ++inner)
    {
      const std::vector<double> z = SolvePassive(gram, rhs, passive);
      double                    step = 1.0;
      bool                      feasible = true;
      for (size_t j = 0; j < n; ++j)
      {
        if (passive[j] && constrained[j] && z[j] <= 0.0)
        {
          feasible = false;
          step = std::min(step, x[j] / (x[j] - z[j]));
        }
      }
      if (feasible)
      {
        x = z;
        break;
      }
      // Move towards z until the first constrained unknown reaches 0, and release it.
      for (size_t j = 0; j < n; ++j)
      {
        x[j] += step * (z[j] - x[j]);
        if (passive[j] && constrained[j] && x[j] <= tolerance)
        {
          x[j] = 0.0;
          passive[j] = false;
        }
      }
    }
  }
  return x;
}
} // end namespace itk
