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

#include <array>
#include <cmath>

namespace itk
{
namespace PoissonSampler
{
namespace
{
std::uint64_t
SplitMix64(std::uint64_t & state)
{
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// ln k! for k < 4096 (the counts of most spectra), Stirling's series above.
constexpr unsigned int LogFactorialTableSize = 4096;

const std::array<double, LogFactorialTableSize> &
LogFactorialTable()
{
  static const auto table = [] {
    std::array<double, LogFactorialTableSize> values{};
    for (unsigned int k = 1; k < LogFactorialTableSize; ++k)
    {
      values[k] = std::lgamma(k + 1.0);
    }
    return values;
  }();
  return table;
}

double
LogFactorial(double k)
{
  if (k < LogFactorialTableSize)
  {
    return LogFactorialTable()[static_cast<unsigned int>(k)];
  }
  const double n = k + 1.0; // ln Gamma(n), error < 1e-17 relative for n > 4096
  return (n - 0.5) * std::log(n) - n + 0.91893853320467274178 + 1.0 / (12.0 * n) - 1.0 / (360.0 * n * n * n);
}

std::uint64_t
Inversion(double mean, RandomStream & stream)
{
  double        u = stream.Uniform();
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
TransformedRejection(double mean, RandomStream & stream)
{
  const double b = 0.931 + 2.53 * std::sqrt(mean);
  const double a = -0.059 + 0.02483 * b;
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  while (true)
  {
    const double u = stream.Uniform() - 0.5;
    const double v = stream.Uniform();
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
    const double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const double left = std::log(v * inverseAlpha / (a / (us * us) + b));
    if (left <= -mean + k * std::log(mean) - LogFactorial(k))
    {
      return static_cast<std::uint64_t>(k);
    }
  }
}
} // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t stream)
{
  std::uint64_t state = seed ^ (0xD1B54A32D192ED03ULL * (stream + 1));
  for (auto & word : m_State)
  {
    word = SplitMix64(state);
  }
}

std::uint64_t
Draw(double mean, RandomStream & stream)
{
  if (!(mean > 0.0))
  {
    return 0;
  }
  return mean < 10.0 ? Inversion(mean, stream) : TransformedRejection(mean, stream);
}
} // namespace PoissonSampler
} // end namespace itk
