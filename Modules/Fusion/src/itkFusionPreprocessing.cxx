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
#include "itkFusionPreprocessing.h"
#include "itkFusionKernels.h"
#include "itkMacro.h"
#include "itkNonNegativeLeastSquares.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>

namespace itk
{
namespace FusionPreprocessing
{
namespace
{
SizeValueType
NumberOfSamples(const std::vector<SizeValueType> & size)
{
  return std::accumulate(size.begin(), size.end(), SizeValueType{ 1 }, std::multiplies<SizeValueType>());
}
} // namespace

template <typename T>
void
GaussianSmooth(const T * input, T * output, const std::vector<SizeValueType> & size, double sigma)
{
  const SizeValueType total = NumberOfSamples(size);
  std::vector<double> work(input, input + total);
  if (sigma > 0.0)
  {
    const auto          radius = static_cast<SizeValueType>(std::ceil(4.0 * sigma));
    std::vector<double> kernel(2 * radius + 1);
    double              sum = 0.0;
    for (SizeValueType k = 0; k < kernel.size(); ++k)
    {
      const double d = static_cast<double>(k) - static_cast<double>(radius);
      kernel[k] = std::exp(-0.5 * d * d / (sigma * sigma));
      sum += kernel[k];
    }
    for (auto & k : kernel)
    {
      k /= sum;
    }
    std::vector<double> line;
    std::vector<double> smoothed;
    SizeValueType       stride = 1;
    for (const SizeValueType length : size)
    {
      if (length > 1)
      {
        line.resize(length);
        smoothed.resize(length);
        for (SizeValueType start = 0; start < total; ++start)
        {
          if ((start / stride) % length != 0)
          {
            continue; // not the first sample of a line along this axis
          }
          for (SizeValueType i = 0; i < length; ++i)
          {
            line[i] = work[start + i * stride];
          }
          for (SizeValueType i = 0; i < length; ++i)
          {
            double value = 0.0;
            for (SizeValueType k = 0; k < kernel.size(); ++k)
            {
              // Mirror index: ... 1 0 | 0 1 2 ... n-1 | n-1 n-2 ...
              auto j = static_cast<long long>(i + k) - static_cast<long long>(radius);
              const auto n = static_cast<long long>(length);
              while (j < 0 || j >= n)
              {
                j = j < 0 ? -j - 1 : 2 * n - j - 1;
              }
              value += kernel[k] * line[static_cast<SizeValueType>(j)];
            }
            smoothed[i] = value;
          }
          for (SizeValueType i = 0; i < length; ++i)
          {
            work[start + i * stride] = smoothed[i];
          }
        }
      }
      stride *= length;
    }
  }
  for (SizeValueType i = 0; i < total; ++i)
  {
    output[i] = static_cast<T>(work[i]);
  }
}

template <typename T>
bool
IsCountData(const T * values, SizeValueType n)
{
  for (SizeValueType i = 0; i < n; ++i)
  {
    if (!(values[i] >= T(0)) || values[i] != std::floor(values[i]))
    {
      return false;
    }
  }
  return true;
}

template <typename T>
bool
IsPoissonCounts(const T * values, const std::vector<SizeValueType> & size)
{
  const SizeValueType n = NumberOfSamples(size);
  if (!IsCountData(values, n))
  {
    return false;
  }
  try
  {
    return EstimateCountsPerUnit(values, size) >= MinimumCountsPerUnit;
  }
  catch (const ExceptionObject &)
  {
    return true; // no noise or no signal to measure: integers are taken as they are
  }
}

template <typename T>
void
MinMaxNormalise(const T * input, T * output, SizeValueType n, const char * name)
{
  // One pass for both extremes: subtracting a constant is monotone in floating point, so
  // max(v - min) = max(v) - min exactly, and the output is the reference's (v - min) / max.
  T minimum;
  T maximum;
  FusionKernels::MinimumMaximum(input, n, minimum, maximum);
  const T range = maximum - minimum;
  if (!(range > T(0)))
  {
    itkGenericExceptionMacro(<< "Fusion: " << name << " is constant; it cannot be normalised to [0, 1]");
  }
  for (SizeValueType i = 0; i < n; ++i)
  {
    output[i] = (input[i] - minimum) / range;
  }
}

template <typename T>
double
EstimateCountsPerUnit(const T * map, const std::vector<SizeValueType> & size)
{
  const SizeValueType total = NumberOfSamples(size);
  const SizeValueType width = size[0];
  double              mean = 0.0;
  double              variance = 0.0;
  SizeValueType       count = 0;
  for (SizeValueType p = 0; p < total; ++p)
  {
    mean += map[p];
    const SizeValueType i = p % width;
    if (i > 0 && i + 1 < width)
    {
      const double r = (2.0 * map[p] - map[p - 1] - map[p + 1]) / std::sqrt(6.0);
      variance += r * r;
      ++count;
    }
  }
  mean /= static_cast<double>(total);
  if (count == 0 || !(variance > 0.0) || !(mean > 0.0))
  {
    itkGenericExceptionMacro(<< "Fusion: cannot estimate the counts per unit of a map without noise or signal; "
                             << "set CountsPerUnit");
  }
  return mean / (variance / static_cast<double>(count));
}

template <typename T>
std::vector<T>
HAADFWeights(const T * haadf, const std::vector<SizeValueType> & size, bool counts, double scale)
{
  const SizeValueType total = NumberOfSamples(size);
  std::vector<T> weights(total);
  if (counts)
  {
    GaussianSmooth(haadf, weights.data(), size, 1.0);
    for (auto & w : weights)
    {
      w = static_cast<T>(scale / std::max<double>(w, 1.0));
    }
    return weights;
  }
  // Pseudo-residuals (2 h_p - h_p-1 - h_p+1) / sqrt(6) have the noise variance for white noise.
  const SizeValueType width = size[0];
  std::vector<double> residual;
  for (SizeValueType p = 0; p < total; ++p)
  {
    const SizeValueType i = p % width;
    if (i > 0 && i + 1 < width)
    {
      residual.push_back((2.0 * haadf[p] - haadf[p - 1] - haadf[p + 1]) / std::sqrt(6.0));
    }
  }
  if (residual.empty())
  {
    itkGenericExceptionMacro(<< "Fusion: the HAADF is too small to estimate its noise");
  }
  const auto middle = residual.begin() + static_cast<std::ptrdiff_t>(residual.size() / 2);
  std::nth_element(residual.begin(), middle, residual.end());
  const double median = *middle;
  for (auto & r : residual)
  {
    r = std::abs(r - median);
  }
  std::nth_element(residual.begin(), middle, residual.end());
  const double sigma = 1.4826 * *middle;
  if (!(sigma > 0.0))
  {
    itkGenericExceptionMacro(<< "Fusion: the HAADF shows no noise (constant or piecewise linear); set its weights explicitly");
  }
  std::fill(weights.begin(), weights.end(), static_cast<T>(scale / (sigma * sigma)));
  return weights;
}

template <typename T>
std::vector<double>
FitGains(const std::vector<const T *> & maps, const T * haadf, SizeValueType n, double gamma, double & offset)
{
  const size_t        m = maps.size() + 1;
  std::vector<double> gram(m * m, 0.0);
  std::vector<double> rhs(m, 0.0);
  std::vector<double> column(m);
  for (SizeValueType p = 0; p < n; ++p)
  {
    for (size_t e = 0; e + 1 < m; ++e)
    {
      column[e] = std::pow(std::max<double>(maps[e][p], 0.0), gamma);
    }
    column[m - 1] = 1.0;
    for (size_t i = 0; i < m; ++i)
    {
      rhs[i] += column[i] * haadf[p];
      for (size_t j = 0; j < m; ++j)
      {
        gram[i * m + j] += column[i] * column[j];
      }
    }
  }
  std::vector<bool> constrained(m, true);
  constrained[m - 1] = false; // the offset may be negative
  const std::vector<double> solution = NonNegativeLeastSquares::Solve(gram, rhs, constrained);
  offset = solution[m - 1];
  return std::vector<double>(solution.begin(), solution.end() - 1);
}

template <typename T>
void
BinomialThinning(const T * counts, T * first, T * second, SizeValueType n, std::uint64_t seed)
{
  std::mt19937_64 generator(seed);
  // Small counts: one fair bit per count (exact, reproducible); large ones (an HAADF of 10^12
  // counts would take hours bit by bit) from the binomial distribution directly.
  constexpr std::uint64_t bitwise = std::uint64_t{ 1 } << 16;
  for (SizeValueType i = 0; i < n; ++i)
  {
    auto          remaining = static_cast<std::uint64_t>(counts[i]);
    std::uint64_t kept = 0;
    if (remaining > bitwise)
    {
      kept = std::binomial_distribution<std::uint64_t>(remaining, 0.5)(generator);
      remaining = 0;
    }
    while (remaining > 0)
    {
      const std::uint64_t bits = generator();
      const unsigned      take = remaining >= 64 ? 64u : static_cast<unsigned>(remaining);
      const std::uint64_t mask = take == 64 ? ~std::uint64_t{ 0 } : ((std::uint64_t{ 1 } << take) - 1);
      std::uint64_t       chosen = bits & mask;
      while (chosen != 0)
      {
        chosen &= chosen - 1;
        ++kept;
      }
      remaining -= take;
    }
    first[i] = static_cast<T>(kept);
    second[i] = counts[i] - first[i];
  }
}

// The library holds the float and double versions; other pixel types are not offered.
#define itkFusionPreprocessingInstantiateMacro(T)                                                                    \
  template void GaussianSmooth(const T *, T *, const std::vector<SizeValueType> &, double);                           \
  template bool IsCountData(const T *, SizeValueType);                                                               \
  template bool IsPoissonCounts(const T *, const std::vector<SizeValueType> &);                                      \
  template void MinMaxNormalise(const T *, T *, SizeValueType, const char *);                                        \
  template double EstimateCountsPerUnit(const T *, const std::vector<SizeValueType> &);                              \
  template std::vector<T> HAADFWeights(const T *, const std::vector<SizeValueType> &, bool, double);                 \
  template std::vector<double> FitGains(const std::vector<const T *> &, const T *, SizeValueType, double, double &); \
  template void BinomialThinning(const T *, T *, T *, SizeValueType, std::uint64_t)
itkFusionPreprocessingInstantiateMacro(float);
itkFusionPreprocessingInstantiateMacro(double);
} // namespace FusionPreprocessing
} // end namespace itk
