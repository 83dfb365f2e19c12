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
#include "itkFusionKernels.h"
#include "itkEMKernelSupport.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

// Compiled with the options of itkEMKernelSupport.h (see CMakeLists.txt); every pointer of a loop
// points into a distinct array.

namespace itk
{
namespace FusionKernels
{
namespace
{
constexpr SizeValueType Block = 256; // pixels per scratch block (stays in L1)

// The exponent of a float power split as a = High + Low with High holding 12 significant bits,
// so that High * e is exact for any binary exponent e of a float.
struct FloatExponent
{
  explicit FloatExponent(float a)
    : Value(a)
    , High(EMBitCast<float>(EMBitCast<std::uint32_t>(a) & 0xFFFFF000u))
    , Low(a - High)
  {}
  float Value;
  float High;
  float Low;
};

// x^a in float arithmetic for x >= 0 (8 lanes per AVX2 vector), within 2.5 float ulp for
// exponents up to 1.6 (the error of the a log2 m term grows with a):
// x = m 2^e, log2 m by the atanh series (error < 1e-9), a log2 x = High e (exact) + rest, and
// 2^f for |f| <= 1/2 by a degree-7 polynomial (error < 6e-9). Results below the float range,
// and x = 0, give 0.
EM_ALWAYS_INLINE float
PowerFloat(float x, FloatExponent a)
{
  constexpr float roundShift = 12582912.0f; // 1.5 * 2^23: adding and subtracting rounds to an integer
  const std::uint32_t bits = EMBitCast<std::uint32_t>(x);
  const float         exponent = static_cast<float>(static_cast<std::int32_t>(bits >> 23) - 127);
  float               m = EMBitCast<float>((bits & 0x007FFFFFu) | 0x3F800000u); // [1, 2)
  const bool          high = m > 1.41421356f;
  m = high ? 0.5f * m : m;
  const float e = high ? exponent + 1.0f : exponent;
  const float s = (m - 1.0f) / (m + 1.0f);
  const float z = s * s;
  const float z2 = z * z;
  const float series = ((1.0f + z * (1.0f / 3.0f)) + z2 * (1.0f / 5.0f + z * (1.0f / 7.0f))) + z2 * z2 * (1.0f / 9.0f);
  const float log2m = s * series * 2.88539008f; // 2 / ln 2
  // a log2 x = High e + (Low e + a log2 m); split off the integer part of the exact term.
  const float exact = a.High * e;
  const float exactInteger = (exact + roundShift) - roundShift;
  const float fraction = (exact - exactInteger) + (a.Low * e + a.Value * log2m);
  const float fractionInteger = (fraction + roundShift) - roundShift;
  const float f = fraction - fractionInteger; // [-1/2, 1/2]
  const float r = f * 0.693147181f;
  const float r2 = r * r;
  const float r4 = r2 * r2;
  const float p = ((1.0f + r) + r2 * (0.5f + r * (1.0f / 6.0f))) +
                  r4 * ((1.0f / 24.0f + r * (1.0f / 120.0f)) + r2 * (1.0f / 720.0f + r * (1.0f / 5040.0f)));
  // 2^k as two factors 2^k1 2^k2 (|k1|, |k2| <= 64) so that results near both ends of the float
  // range stay exact; subnormal results are flushed by the kernels' floating-point mode anyway.
  const float k = exactInteger + fractionInteger;
  const bool  zero = !(x >= 1.17549435e-38f) || k < -150.0f;
  const float clampedK = zero ? 0.0f : (k > 128.0f ? 128.0f : k);
  const float k1 = ((0.5f * clampedK + roundShift) - roundShift);
  const float k2 = clampedK - k1;
  const auto  factor = [](float power) {
    return EMBitCast<float>(static_cast<std::uint32_t>(static_cast<std::int32_t>(power) + 127) << 23);
  };
  return zero ? 0.0f : (p * factor(k1)) * factor(k2);
}

// x^(gamma - 1) for the kernels: float arithmetic for float data, double otherwise.
EM_ALWAYS_INLINE float
PowerMinusOne(float x, FloatExponent a, double)
{
  return PowerFloat(x, a);
}
EM_ALWAYS_INLINE double
PowerMinusOne(double x, FloatExponent, double exponent)
{
  return PowerOfNonNegative(x, exponent);
}

template <typename T>
EM_ALWAYS_INLINE void
ReferenceStepImplementation(const ReferenceStepArguments<T> & a)
{
  const unsigned int n = a.NumberOfMaps;
  const T            gamma = a.Gamma;
  const double        gammaMinusOne = static_cast<double>(static_cast<T>(a.Gamma - T(1)));
  const FloatExponent floatExponent(static_cast<float>(gammaMinusOne));
  const T            lambdaH = a.LambdaHAADF;
  const T            lambdaC = a.LambdaChem;
  const T            background = a.Background;
  T                  powerMinusOne[16][Block];
  T                  residual[Block];
  for (SizeValueType begin = a.Begin; begin < a.End; begin += Block)
  {
    const SizeValueType count = (a.End - begin < Block) ? a.End - begin : Block;
    const T * __restrict b = a.HAADF + begin;
    T * __restrict r = residual;
#pragma omp simd
    for (SizeValueType i = 0; i < count; ++i)
    {
      r[i] = T(0);
    }
    // s = sum_e w_e x_e^gamma accumulated in T in element order (x^gamma = x^(gamma-1) x, one
    // power per pixel), then r = s - b. Simple loops, each of which vectorises.
    for (unsigned int e = 0; e < n; ++e)
    {
      const T * __restrict x = a.X[e] + begin;
      T * __restrict t = powerMinusOne[e];
#pragma omp simd
      for (SizeValueType i = 0; i < count; ++i)
      {
        t[i] = PowerMinusOne(x[i], floatExponent, gammaMinusOne);
      }
    }
    for (unsigned int e = 0; e < n; ++e)
    {
      const T * __restrict x = a.X[e] + begin;
      const T * __restrict t = powerMinusOne[e];
      const T w = a.Weights[e];
#pragma omp simd
      for (SizeValueType i = 0; i < count; ++i)
      {
        r[i] += w * (t[i] * x[i]);
      }
    }
#pragma omp simd
    for (SizeValueType i = 0; i < count; ++i)
    {
      r[i] -= b[i];
    }
    for (unsigned int e = 0; e < n; ++e)
    {
      T * __restrict x = a.X[e] + begin;
      const T * __restrict x0 = a.X0[e] + begin;
      const T * __restrict t = powerMinusOne[e];
      const T w = a.Weights[e];
      const bool clamp = a.ClampNegative;
#pragma omp simd
      for (SizeValueType i = 0; i < count; ++i)
      {
        const T haadfTerm = (((gamma * t[i]) * lambdaH) * w) * r[i];
        const T poissonTerm = lambdaC * (T(1) - x0[i] / (x[i] + background));
        const T updated = x[i] - (haadfTerm + poissonTerm);
        x[i] = (clamp && updated < T(0)) ? T(0) : updated;
      }
    }
  }
}

template <typename T>
EM_ALWAYS_INLINE double
HAADFModelImplementation(const ModelArguments<T> & a, T * modelOut)
{
  const unsigned int  n = a.NumberOfMaps;
  const double        gamma = a.Gamma;
  const FloatExponent floatExponent(static_cast<float>(gamma - 1.0));
  double              value = 0.0;
  T                   power[16][Block];
  double              model[Block];
  for (SizeValueType begin = a.Begin; begin < a.End; begin += Block)
  {
    const SizeValueType count = (a.End - begin < Block) ? a.End - begin : Block;
    for (SizeValueType i = 0; i < count; ++i)
    {
      model[i] = a.Offset;
    }
    for (unsigned int e = 0; e < n; ++e)
    {
      const T * __restrict x = a.X[e] + begin;
      T * __restrict t = power[e];
#pragma omp simd
      for (SizeValueType i = 0; i < count; ++i)
      {
        t[i] = PowerMinusOne(x[i], floatExponent, gamma - 1.0); // x^(gamma - 1)
      }
    }
    for (unsigned int e = 0; e < n; ++e)
    {
      const T * __restrict x = a.X[e] + begin;
      const T * __restrict t = power[e];
      const double gain = a.Gains[e];
#pragma omp simd
      for (SizeValueType i = 0; i < count; ++i)
      {
        model[i] += gain * static_cast<double>(t[i]) * (x[i] > T(0) ? static_cast<double>(x[i]) : 0.0);
      }
    }
    if (modelOut != nullptr)
    {
#pragma omp simd
      for (SizeValueType i = 0; i < count; ++i)
      {
        modelOut[begin - a.Begin + i] = static_cast<T>(model[i]);
      }
      continue;
    }
    const T * __restrict h = a.HAADF + begin;
    const T * __restrict w = a.Weight != nullptr ? a.Weight + begin : nullptr;
    double blockValue = 0.0;
#pragma omp simd reduction(+ : blockValue)
    for (SizeValueType i = 0; i < count; ++i)
    {
      const double difference = model[i] - static_cast<double>(h[i]);
      const double weight = w != nullptr ? static_cast<double>(w[i]) : 1.0;
      model[i] = weight * difference; // becomes the weighted residual
      blockValue += 0.5 * weight * difference * difference;
    }
    value += blockValue;
    if (a.MaximumCurvature != nullptr)
    {
      for (unsigned int e = 0; e < n; ++e)
      {
        const T * __restrict t = power[e];
        double largest = a.MaximumCurvature[e];
        for (SizeValueType i = 0; i < count; ++i)
        {
          const double weight = w != nullptr ? static_cast<double>(w[i]) : 1.0;
          const double curvature = weight * static_cast<double>(t[i]) * static_cast<double>(t[i]);
          largest = curvature > largest ? curvature : largest;
        }
        a.MaximumCurvature[e] = largest;
      }
    }
    if (a.Gradient == nullptr)
    {
      continue;
    }
    for (unsigned int e = 0; e < n; ++e)
    {
      T * __restrict g = a.Gradient[e] + begin;
      const T * __restrict t = power[e];
      const double factor = a.Gains[e] * gamma;
#pragma omp simd
      for (SizeValueType i = 0; i < count; ++i)
      {
        g[i] = static_cast<T>(model[i] * factor * static_cast<double>(t[i]));
      }
    }
  }
  return value;
}
template <typename T>
EM_ALWAYS_INLINE SizeValueType
CountInvalidImplementation(const T * __restrict values, SizeValueType n, bool requireNonNegative)
{
  SizeValueType invalid = 0;
  const T       lowest = requireNonNegative ? T(0) : -std::numeric_limits<T>::max();
  const T       highest = std::numeric_limits<T>::max();
#pragma omp simd reduction(+ : invalid)
  for (SizeValueType i = 0; i < n; ++i)
  {
    // NaN fails both comparisons; infinities fail one.
    invalid += !(values[i] >= lowest && values[i] <= highest);
  }
  return invalid;
}

template <typename T>
EM_ALWAYS_INLINE void
MinimumMaximumImplementation(const T * __restrict values, SizeValueType n, T & minimumOut, T & maximumOut)
{
  T minimum = values[0];
  T maximum = values[0];
#pragma omp simd reduction(min : minimum) reduction(max : maximum)
  for (SizeValueType i = 0; i < n; ++i)
  {
    minimum = values[i] < minimum ? values[i] : minimum;
    maximum = values[i] > maximum ? values[i] : maximum;
  }
  minimumOut = minimum;
  maximumOut = maximum;
}
} // namespace

EM_KERNEL_CLONES SizeValueType
CountInvalid(const float * values, SizeValueType n, bool requireNonNegative)
{
  return CountInvalidImplementation(values, n, requireNonNegative);
}

EM_KERNEL_CLONES SizeValueType
CountInvalid(const double * values, SizeValueType n, bool requireNonNegative)
{
  return CountInvalidImplementation(values, n, requireNonNegative);
}

EM_KERNEL_CLONES void
MinimumMaximum(const float * values, SizeValueType n, float & minimum, float & maximum)
{
  MinimumMaximumImplementation(values, n, minimum, maximum);
}

EM_KERNEL_CLONES void
MinimumMaximum(const double * values, SizeValueType n, double & minimum, double & maximum)
{
  MinimumMaximumImplementation(values, n, minimum, maximum);
}

double
Power(double x, double exponent)
{
  return PowerOfNonNegative(x, exponent);
}

float
PowerFloat(float x, float exponent)
{
  return PowerFloat(x, FloatExponent(exponent));
}

EM_KERNEL_CLONES void
ReferenceStep(const ReferenceStepArguments<float> & arguments)
{
  const FlushSubnormals flush;
  ReferenceStepImplementation(arguments);
}

EM_KERNEL_CLONES void
ReferenceStep(const ReferenceStepArguments<double> & arguments)
{
  const FlushSubnormals flush;
  ReferenceStepImplementation(arguments);
}

EM_KERNEL_CLONES double
HAADFModel(const ModelArguments<float> & arguments)
{
  const FlushSubnormals flush;
  return HAADFModelImplementation<float>(arguments, nullptr);
}

EM_KERNEL_CLONES double
HAADFModel(const ModelArguments<double> & arguments)
{
  const FlushSubnormals flush;
  return HAADFModelImplementation<double>(arguments, nullptr);
}

EM_KERNEL_CLONES void
ModelHAADF(const ModelArguments<float> & arguments, float * model)
{
  const FlushSubnormals flush;
  HAADFModelImplementation<float>(arguments, model);
}

EM_KERNEL_CLONES void
ModelHAADF(const ModelArguments<double> & arguments, double * model)
{
  const FlushSubnormals flush;
  HAADFModelImplementation<double>(arguments, model);
}
} // namespace FusionKernels
} // end namespace itk
