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
#include "itkFusionWeights.h"
#include "itkMacro.h"

#include <cmath>
#include <limits>
#include <numeric>

namespace itk
{
namespace FusionWeights
{
double
RoundToHalfPrecision(double value)
{
  if (!std::isfinite(value) || value == 0.0)
  {
    return value;
  }
  const double magnitude = std::abs(value);
  int          exponent = 0;
  std::frexp(magnitude, &exponent); // magnitude = m 2^exponent, m in [0.5, 1)
  // A half has 11 significant bits for normal numbers (exponent >= -13); below, the spacing is
  // fixed at 2^-24 (subnormals).
  const int    quantumExponent = std::max(exponent - 11, -24);
  const double quantum = std::ldexp(1.0, quantumExponent);
  const double rounded = std::nearbyint(magnitude / quantum) * quantum; // ties to even
  const double largest = 65504.0;
  const double result = rounded > largest ? std::numeric_limits<double>::infinity() : rounded;
  return std::copysign(result, value);
}

std::vector<double>
Compute(FusionWeightingEnum method, const std::vector<double> & atomicNumbers, double gamma, bool roundToHalf)
{
  if (atomicNumbers.empty())
  {
    itkGenericExceptionMacro(<< "FusionWeights: no atomic numbers");
  }
  for (const double z : atomicNumbers)
  {
    if (!(z > 0.0) || !std::isfinite(z))
    {
      itkGenericExceptionMacro(<< "FusionWeights: atomic numbers must be > 0, got " << z);
    }
  }
  const size_t        n = atomicNumbers.size();
  std::vector<double> base(n);
  bool                power = method == FusionWeightingEnum::PowerOverMean || method == FusionWeightingEnum::PowerOverSum;
  for (size_t e = 0; e < n; ++e)
  {
    base[e] = power ? std::pow(atomicNumbers[e], gamma) : atomicNumbers[e];
  }
  const double        sum = std::accumulate(base.begin(), base.end(), 0.0);
  std::vector<double> weights(n, 1.0);
  switch (method)
  {
    case FusionWeightingEnum::Unweighted:
      break;
    case FusionWeightingEnum::AtomicNumberOverMean:
    case FusionWeightingEnum::PowerOverMean:
      for (size_t e = 0; e < n; ++e)
      {
        weights[e] = base[e] / (sum / static_cast<double>(n));
      }
      break;
    case FusionWeightingEnum::AtomicNumberOverSum:
    case FusionWeightingEnum::PowerOverSum:
      for (size_t e = 0; e < n; ++e)
      {
        weights[e] = base[e] / sum;
      }
      break;
    case FusionWeightingEnum::Custom:
      itkGenericExceptionMacro(<< "FusionWeights: Custom weights are given by the user, not computed");
  }
  if (roundToHalf)
  {
    for (auto & w : weights)
    {
      w = RoundToHalfPrecision(w);
    }
  }
  return weights;
}
} // namespace FusionWeights
} // end namespace itk
