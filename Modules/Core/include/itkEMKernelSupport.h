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
/** ln x for finite, normal x > 0, within a few ulp, in operations that vectorise (the library's
 * log is a call per element): x = m 2^e with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s) with
 * s = (m - 1) / (m + 1), |s| <= 0.172, summed to s^23 / 23 (the next term is below 1e-20 of the
 * first). */
EM_ALWAYS_INLINE double
NaturalLog(double x)
{
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  // 32-bit: a 64-bit integer to double conversion has no vector instruction before AVX-512DQ.
  const auto          exponent = static_cast<std::int32_t>((bits >> 52) & 0x7ffu) - 1023;
  const std::uint64_t mantissaBits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
  double              m;
  std::memcpy(&m, &mantissaBits, sizeof(m));
  const bool   halve = m > 1.4142135623730951;
  const double mantissa = halve ? 0.5 * m : m;
  const double e = static_cast<double>(exponent + (halve ? 1 : 0));
  const double s = (mantissa - 1.0) / (mantissa + 1.0);
  const double s2 = s * s;
  double       series = 1.0 / 23.0;
  for (int k = 21; k >= 1; k -= 2)
  {
    series = series * s2 + 1.0 / k;
  }
  constexpr double Ln2High = 0.693147180369123816490; // ln 2 split so that e * Ln2High is exact
  constexpr double Ln2Low = 1.90821492927058770002e-10;
  return e * Ln2High + (e * Ln2Low + 2.0 * s * series);
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
