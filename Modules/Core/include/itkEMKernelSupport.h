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
#ifndef itkEMKernelSupport_h
#define itkEMKernelSupport_h

// Support for the project's compiled numerical kernels (the *Kernels.cxx files of the modules),
// which are built with -fno-math-errno -fno-trapping-math -ffp-contract=off -fopenmp-simd so that
// their loops vectorise; none of these options changes a result. Include only from such source
// files.
//
// EM_KERNEL_CLONES: on x86-64 Linux an entry point is compiled for the baseline, AVX2 and
// AVX-512F, and the dynamic loader picks one per machine. Element-wise results are the same for
// every clone (no fused multiply-adds); sums over vector lanes may round differently. EM_ALWAYS_INLINE: helpers that must be inlined into
// each clone so that they are compiled for its instruction set.

#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__)
#  define EM_KERNEL_CLONES __attribute__((target_clones("default", "avx2", "avx512f")))
#else
#  define EM_KERNEL_CLONES
#endif
#if defined(__GNUC__)
#  define EM_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#  define EM_ALWAYS_INLINE inline
#endif

#if defined(__SSE2__)
#  include <xmmintrin.h>
#endif

#include <cstdint>
#include <cstring>

namespace itk
{
/** The bits of \a value as a TTo of the same size (std::bit_cast before C++20). */
template <typename TTo, typename TFrom>
EM_ALWAYS_INLINE TTo
EMBitCast(TFrom value)
{
  static_assert(sizeof(TTo) == sizeof(TFrom), "EMBitCast needs types of one size");
  TTo result;
  std::memcpy(&result, &value, sizeof(result));
  return result;
}

namespace EMKernelDetail
{
// ln 2 split so that e * Ln2High is exact for the exponents of doubles.
constexpr double Ln2High = 6.93147180369123816490e-01;
constexpr double Ln2Low = 1.90821492927058770002e-10;
} // namespace EMKernelDetail

/** ln x for finite, normal x > 0, within a few ulp, in operations that vectorise (the library's
 * log is a call per element): x = m 2^e with m in [sqrt(1/2), sqrt(2)), then
 * ln m = 2 atanh(s) = 2 s (1 + z/3 + z^2/5 + ... + z^11/23), s = (m - 1) / (m + 1),
 * z = s^2 < 0.0295 (the next term is below 1e-20 of the first), evaluated by Estrin's scheme for
 * short dependency chains. The exponent becomes a double without an integer conversion (which has
 * no vector instruction before AVX-512DQ): 2^52 + e read back as a double. */
EM_ALWAYS_INLINE double
NaturalLog(double x)
{
  using namespace EMKernelDetail;
  const std::uint64_t bits = EMBitCast<std::uint64_t>(x);
  const double        biasedExponent = EMBitCast<double>((bits >> 52) | 0x4330000000000000ULL) - 4503599627370496.0;
  double              m = EMBitCast<double>((bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL); // [1, 2)
  double              e = biasedExponent - 1023.0;
  const bool          high = m > 1.4142135623730951;
  m = high ? 0.5 * m : m;
  e = high ? e + 1.0 : e;
  const double s = (m - 1.0) / (m + 1.0);
  const double z = s * s;
  const double z2 = z * z;
  const double z4 = z2 * z2;
  const double a = (1.0 + z * (1.0 / 3.0)) + z2 * (1.0 / 5.0 + z * (1.0 / 7.0));
  const double b = (1.0 / 9.0 + z * (1.0 / 11.0)) + z2 * (1.0 / 13.0 + z * (1.0 / 15.0));
  const double c = (1.0 / 17.0 + z * (1.0 / 19.0)) + z2 * (1.0 / 21.0 + z * (1.0 / 23.0));
  const double series = a + z4 * (b + z4 * c);
  return e * Ln2High + (2.0 * s * series + e * Ln2Low);
}

/** e^y for y <= 709, to about 1 ulp, in operations that vectorise: y = k ln 2 + r with
 * |r| <= ln 2 / 2, e^r by its Taylor polynomial of degree 13 in Estrin's scheme, times 2^k built in
 * the exponent bits; 0 below the double range. */
EM_ALWAYS_INLINE double
ExponentialUpToOverflow(double y)
{
  using namespace EMKernelDetail;
  constexpr double shifter = 6755399441055744.0; // 1.5 * 2^52: rounds to an integer in the low bits
  constexpr double log2e = 1.4426950408889634;
  const double     clampedY = y < -708.0 ? -708.0 : y;
  const double     shifted = clampedY * log2e + shifter;
  const double     k = shifted - shifter;
  const double     r = (clampedY - k * Ln2High) - k * Ln2Low;
  const double     r2 = r * r;
  const double     r4 = r2 * r2;
  const double     r8 = r4 * r4;
  const double     p0 = (1.0 + r) + r2 * (0.5 + r * (1.0 / 6.0));
  const double     p1 = (1.0 / 24.0 + r * (1.0 / 120.0)) + r2 * (1.0 / 720.0 + r * (1.0 / 5040.0));
  const double     p2 = (1.0 / 40320.0 + r * (1.0 / 362880.0)) + r2 * (1.0 / 3628800.0 + r * (1.0 / 39916800.0));
  const double     p3 = 1.0 / 479001600.0 + r * (1.0 / 6227020800.0);
  const double     p = p0 + r4 * p1 + r8 * (p2 + r4 * p3);
  const std::uint64_t scale = (EMBitCast<std::uint64_t>(shifted) + 1023ULL) << 52; // 2^k (k in the low bits)
  return y < -708.0 ? 0.0 : p * EMBitCast<double>(scale);
}

/** x^a for x >= 0 and a > 0, to about 1e-16 (1 + |a ln x|) relative; x below 1e-300 (whose power
 * underflows for the exponents used) gives 0. */
EM_ALWAYS_INLINE double
PowerOfNonNegative(double x, double exponent)
{
  const double safe = x > 1e-300 ? x : 1.0;
  const double value = ExponentialUpToOverflow(exponent * NaturalLog(safe));
  return x > 1e-300 ? value : 0.0;
}

/** \brief Runs a scope with flush-to-zero and denormals-are-zero, restoring the caller's mode.
 *
 * Subnormal numbers appear when iterates decay towards zero (dual fields, estimates of empty
 * regions) and make every operation on them about a hundred times slower.
 *
 * \ingroup AnalyticalEMCore
 */
class FlushSubnormals
{
public:
#if defined(__SSE2__)
  FlushSubnormals()
    : m_Saved(_mm_getcsr())
  {
    _mm_setcsr(m_Saved | 0x8040u);
  }
  ~FlushSubnormals() { _mm_setcsr(m_Saved); }
  FlushSubnormals(const FlushSubnormals &) = delete;
  FlushSubnormals &
  operator=(const FlushSubnormals &) = delete;

private:
  unsigned int m_Saved;
#endif
};
} // end namespace itk

#endif
