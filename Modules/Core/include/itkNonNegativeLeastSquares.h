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
#ifndef itkNonNegativeLeastSquares_h
#define itkNonNegativeLeastSquares_h

#include "AnalyticalEMCoreExport.h"

#include <vector>

namespace itk
{
/** \brief Small dense least squares with non-negativity on chosen unknowns, in normal-equation
 * form, solved by the project's active-set quadratic programme (EMActiveSetQuadraticProgram).
 *
 * Minimises x^T G x / 2 - h^T x (i.e. ||A x - b||^2 with G = A^T A and h = A^T b, which callers
 * accumulate in double over their data) subject to x_j >= 0 for every j with
 * constrained[j] == true; the other unknowns are free. Meant for a handful of unknowns (gains of
 * a few elements, the amplitudes of a spectrum model). Throws if G is not square, sizes differ or
 * G is singular.
 *
 * \ingroup AnalyticalEMCore
 */
class AnalyticalEMCore_EXPORT NonNegativeLeastSquares
{
public:
  /** G row-major n x n, h of size n; an empty \a constrained means all unknowns are >= 0. */
  static std::vector<double>
  Solve(const std::vector<double> & gram, const std::vector<double> & rhs, std::vector<bool> constrained = {});
};
} // end namespace itk

#endif
