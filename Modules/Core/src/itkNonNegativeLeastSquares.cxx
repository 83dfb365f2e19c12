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
#include "itkEMDenseSolvers.h"
#include "itkMacro.h"

#include <cmath>

namespace itk
{
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
  // The unknowns scaled to a unit diagonal of G (x = s z), and a row z_j >= 0 per constrained one.
  std::vector<double> scale(n);
  for (size_t j = 0; j < n; ++j)
  {
    if (!(gram[j * n + j] > 0.0) || !std::isfinite(gram[j * n + j]))
    {
      itkGenericExceptionMacro(<< "NonNegativeLeastSquares: the normal equations are singular (unknown " << j
                               << " is not determined by the data)");
    }
    scale[j] = 1.0 / std::sqrt(gram[j * n + j]);
  }
  std::vector<double> scaledGram(n * n), scaledRhs(n), rows;
  for (size_t i = 0; i < n; ++i)
  {
    scaledRhs[i] = scale[i] * rhs[i];
    for (size_t j = 0; j < n; ++j)
    {
      scaledGram[i * n + j] = scale[i] * gram[i * n + j] * scale[j];
    }
    if (constrained[i])
    {
      rows.resize(rows.size() + n, 0.0);
      rows[rows.size() - n + i] = 1.0;
    }
  }
  EMActiveSetQuadraticProgram program;
  std::vector<double>         z;
  if (!program.Solve(scaledGram, scaledRhs, rows, static_cast<unsigned int>(n), z))
  {
    itkGenericExceptionMacro(<< "NonNegativeLeastSquares: the normal equations are singular (the data do not "
                                "determine every unknown)");
  }
  for (size_t j = 0; j < n; ++j)
  {
    z[j] *= scale[j];
  }
  return z;
}
} // end namespace itk
