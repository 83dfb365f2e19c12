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
#include "itkPoissonSampler.h"

#include <cmath>

namespace itk
{
namespace PoissonSampler
{
double
Uniform(std::mt19937_64 & generator)
{
  // (k + 0.5) / 2^53 for a 53-bit k: never 0 or 1.
  return (static_cast<double>(generator() >> 11) + 0.5) * 0x1.0p-53;
}

std::uint64_t
StreamSeed(std::uint64_t seed, std::uint64_t stream)
{
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

namespace
{
std::uint64_t
Inversion(double mean, std::mt19937_64 & generator)
{
  double        u = Uniform(generator);
  double        probability = std::exp(-mean);
  std::uint64_t k = 0;
  // Walk the cumulative distribution; the cap only guards against round-off in the far tail.
  while (u > probability && k < 1000)
  {
    u -= probability;
    ++k;
    probability *= mean / static_cast<double>(k);
  }
  return k;
}

// PTRS, for mean >= 10.
std::uint64_t
TransformedRejection(double mean, std::mt19937_64 & generator)
{
  const double logMean = std::log(mean);
  const double b = 0.931 + 2.53 * std::sqrt(mean);
  const double a = -0.059 + 0.02483 * b;
  const double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  while (true)
  {
    const double u = Uniform(generator) - 0.5;
    const double v = Uniform(generator);
    const double us = 0.5 - std::abs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr)
    {
      return static_cast<std::uint64_t>(k); // squeeze: accepted without the exact test
    }
    if (k < 0.0 || (us < 0.013 && v > us))
    {
      continue;
    }
    const double left = std::log(v * inverseAlpha / (a / (us * us) + b));
    const double right = -mean + k * logMean - std::lgamma(k + 1.0);
    if (left <= right)
    {
      return static_cast<std::uint64_t>(k);
    }
  }
}
} // namespace

std::uint64_t
Draw(double mean, std::mt19937_64 & generator)
{
  if (!(mean > 0.0))
  {
    return 0;
  }
  return mean < 10.0 ? Inversion(mean, generator) : TransformedRejection(mean, generator);
}
} // namespace PoissonSampler
} // end namespace itk
