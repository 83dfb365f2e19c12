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
#include "itkZeroLossPeakLocator.h"

#include "itkEMDenseSolvers.h"
#include "itkEMKernelSupport.h"
#include "itkMacro.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>

namespace itk
{
namespace ZeroLossPeakLocator
{
namespace
{
constexpr double FWHMPerSigma = 2.3548200450309493; // 2 sqrt(2 ln 2)

// Value and derivatives (with respect to A, c, FWHM) of the model at x.
struct ModelTerms
{
  double Value, DA, DC, DF;
};

ModelTerms
Model(double x, double a, double c, double f, ZeroLossShapeEnum shape)
{
  const double d = x - c;
  if (shape == ZeroLossShapeEnum::Gaussian)
  {
    const double sigma = f / FWHMPerSigma;
    const double g = std::exp(-0.5 * d * d / (sigma * sigma));
    return { a * g, g, a * g * d / (sigma * sigma), a * g * d * d / (sigma * sigma * sigma) / FWHMPerSigma };
  }
  const double h = 0.5 * f;
  const double denominator = d * d + h * h;
  const double g = h * h / denominator;
  return { a * g, g, a * 2.0 * d * h * h / (denominator * denominator), a * h * d * d / (denominator * denominator) };
}

// FindPeak for floating-point spectra: the maximum and the finiteness test are lane-parallel
// reductions (v - v is 0 for finite v, NaN otherwise, and a NaN survives the sum).
template <typename T>
EM_ALWAYS_INLINE bool
FindFloatingPeak(const T * spectrum, SizeValueType n, double saturation, SizeValueType & peak)
{
  peak = 0;
  T top = spectrum[0];
  T nonFinite = 0;
#pragma omp simd reduction(max : top) reduction(+ : nonFinite)
  for (SizeValueType k = 0; k < n; ++k)
  {
    top = spectrum[k] > top ? spectrum[k] : top;
    nonFinite += spectrum[k] - spectrum[k];
  }
  if (!(nonFinite == T(0)))
  {
    return false;
  }
  while (spectrum[peak] != top)
  {
    ++peak;
  }
  if (!(top > T(0)) || static_cast<double>(top) >= saturation || peak == 0 || peak + 1 >= n)
  {
    return false;
  }
  const bool flatTop = spectrum[peak + 1] == top && peak + 2 < n && spectrum[peak + 2] == top;
  return !flatTop;
}
} // namespace

EM_KERNEL_CLONES bool
FindPeak(const float * spectrum, SizeValueType n, double saturation, SizeValueType & peak)
{
  return FindFloatingPeak(spectrum, n, saturation, peak);
}

EM_KERNEL_CLONES bool
FindPeak(const double * spectrum, SizeValueType n, double saturation, SizeValueType & peak)
{
  return FindFloatingPeak(spectrum, n, saturation, peak);
}

double
RefinePeak(double left, double centre, double right)
{
  double a = left, b = centre, c = right;
  if (left > 0.0 && centre > 0.0 && right > 0.0)
  {
    a = std::log(left);
    b = std::log(centre);
    c = std::log(right);
  }
  const double curvature = a - 2.0 * b + c;
  if (!(curvature < 0.0))
  {
    return 0.0; // not a maximum: no refinement
  }
  return std::clamp(0.5 * (a - c) / curvature, -1.0, 1.0);
}

double
FullWidthHalfMaximum(const double * spectrum, SizeValueType n, SizeValueType peak)
{
  const double half = 0.5 * spectrum[peak];
  SizeValueType left = peak, right = peak;
  while (left > 0 && spectrum[left] > half)
  {
    --left;
  }
  while (right + 1 < n && spectrum[right] > half)
  {
    ++right;
  }
  if (spectrum[left] > half || spectrum[right] > half)
  {
    return 0.0;
  }
  const double l = static_cast<double>(left) + (half - spectrum[left]) / (spectrum[left + 1] - spectrum[left]);
  const double r = static_cast<double>(right) - (half - spectrum[right]) / (spectrum[right - 1] - spectrum[right]);
  return r - l;
}

double
FitPeak(const double * spectrum, SizeValueType first, SizeValueType last, SizeValueType peak, double fwhm,
        ZeroLossShapeEnum shape)
{
  const double lowest = static_cast<double>(first), highest = static_cast<double>(last);
  double       p[3] = { spectrum[peak],
                  static_cast<double>(peak) + RefinePeak(spectrum[peak - 1], spectrum[peak], spectrum[peak + 1]), fwhm };
  const auto   cost = [&](const double q[3]) {
    double sum = 0.0;
    for (SizeValueType k = first; k <= last; ++k)
    {
      const double r = spectrum[k] - Model(static_cast<double>(k), q[0], q[1], q[2], shape).Value;
      sum += r * r / std::max(spectrum[k], 1.0);
    }
    return sum;
  };
  double current = cost(p);
  double     lambda = 1e-3;
  EMCholesky factor;
  for (int iteration = 0; iteration < 100; ++iteration)
  {
    double jtj[3][3] = {}, jtr[3] = {};
    for (SizeValueType k = first; k <= last; ++k)
    {
      const ModelTerms t = Model(static_cast<double>(k), p[0], p[1], p[2], shape);
      const double     w = 1.0 / std::max(spectrum[k], 1.0);
      const double     j[3] = { t.DA, t.DC, t.DF };
      const double     r = spectrum[k] - t.Value;
      for (int a = 0; a < 3; ++a)
      {
        jtr[a] += w * j[a] * r;
        for (int b = 0; b < 3; ++b)
        {
          jtj[a][b] += w * j[a] * j[b];
        }
      }
    }
    bool improved = false;
    while (lambda < 1e12)
    {
      double damped[9];
      for (int a = 0; a < 3; ++a)
      {
        for (int b = 0; b < 3; ++b)
        {
          damped[3 * a + b] = jtj[a][b] + (a == b ? lambda * jtj[a][a] : 0.0);
        }
      }
      double step[3] = { jtr[0], jtr[1], jtr[2] };
      if (!factor.Compute(damped, 3, 0.0))
      {
        lambda *= 10.0;
        continue;
      }
      factor.Solve(step);
      const double trial[3] = { std::max(p[0] + step[0], 1e-300), std::clamp(p[1] + step[1], lowest, highest),
                                std::clamp(p[2] + step[2], fwhm / 20.0, 20.0 * fwhm) };
      const double trialCost = cost(trial);
      if (trialCost < current)
      {
        const double change = std::abs(trial[1] - p[1]);
        std::copy(trial, trial + 3, p);
        lambda = std::max(lambda / 10.0, 1e-12);
        improved = current - trialCost > 1e-14 * current && change > 1e-12;
        current = trialCost;
        break;
      }
      lambda *= 10.0;
    }
    if (!improved)
    {
      break;
    }
  }
  return p[1];
}

CorrelationReference
CorrelationReference::Make(const double * spectrum, SizeValueType n, SizeValueType peak, SizeValueType halfWidth)
{
  if (peak < halfWidth || peak + halfWidth >= n || peak == 0 || peak + 1 >= n)
  {
    itkGenericExceptionMacro(<< "CorrelationReference: a window of +-" << halfWidth << " channels around channel "
                             << peak << " does not fit in " << n << " channels");
  }
  CorrelationReference reference;
  reference.HalfWidth = halfWidth;
  reference.Window.assign(spectrum + peak - halfWidth, spectrum + peak + halfWidth + 1);
  double mean = 0.0;
  for (const double v : reference.Window)
  {
    mean += v;
  }
  mean /= static_cast<double>(reference.Window.size());
  for (double & v : reference.Window)
  {
    v -= mean;
  }
  reference.CentreOffset = RefinePeak(spectrum[peak - 1], spectrum[peak], spectrum[peak + 1]);
  return reference;
}

double
Correlate(const double * spectrum, SizeValueType n, SizeValueType peak, const CorrelationReference & reference)
{
  const auto          half = static_cast<long>(reference.HalfWidth);
  const auto          centre = static_cast<long>(peak);
  if (centre - half - MaximumLag - 1 < 0 || centre + half + MaximumLag + 1 >= static_cast<long>(n))
  {
    return std::numeric_limits<double>::quiet_NaN();
  }
  double correlation[2 * MaximumLag + 3];
  for (long lag = -MaximumLag - 1; lag <= MaximumLag + 1; ++lag)
  {
    const double * window = spectrum + centre + lag - half;
    double         mean = 0.0;
    for (long j = 0; j <= 2 * half; ++j)
    {
      mean += window[j];
    }
    mean /= static_cast<double>(2 * half + 1);
    double sum = 0.0;
    for (long j = 0; j <= 2 * half; ++j)
    {
      sum += reference.Window[static_cast<size_t>(j)] * (window[j] - mean);
    }
    correlation[lag + MaximumLag + 1] = sum;
  }
  long best = -MaximumLag;
  for (long lag = -MaximumLag; lag <= MaximumLag; ++lag)
  {
    if (correlation[lag + MaximumLag + 1] > correlation[best + MaximumLag + 1])
    {
      best = lag;
    }
  }
  const double * c = correlation + best + MaximumLag + 1;
  return static_cast<double>(centre + best) + RefinePeak(c[-1], c[0], c[1]) + reference.CentreOffset;
}
} // namespace ZeroLossPeakLocator
} // end namespace itk
