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
#ifndef itkPoissonSampler_h
#define itkPoissonSampler_h

#include "AnalyticalEMEELSFiltersExport.h"

#include <cstdint>

namespace itk
{
/** \brief Fast Poisson variates for simulations.
 *
 * RandomStream is xoshiro256** (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
 * generators", ACM Trans. Math. Softw. 47 (2021) 36), seeded through SplitMix64 from a user seed
 * and a stream number, so that numbered sub-streams (one per pixel, say) are independent and a
 * simulation does not depend on how its pixels are split over threads.
 *
 * Draw() is exact for every mean: inversion (sequential search of the cumulative distribution
 * from 0) below a mean of 10, above it Hoermann's transformed rejection with squeeze (PTRS;
 * W. Hoermann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12 (1993) 39-45).
 * \ingroup AnalyticalEMEELSFilters
 */
namespace PoissonSampler
{
class AnalyticalEMEELSFilters_EXPORT RandomStream
{
public:
  RandomStream(std::uint64_t seed, std::uint64_t stream);

  /** 64 random bits. */
  std::uint64_t
  operator()()
  {
    const std::uint64_t result = Rotate(m_State[1] * 5, 7) * 9;
    const std::uint64_t t = m_State[1] << 17;
    m_State[2] ^= m_State[0];
    m_State[3] ^= m_State[1];
    m_State[1] ^= m_State[2];
    m_State[0] ^= m_State[3];
    m_State[2] ^= t;
    m_State[3] = Rotate(m_State[3], 45);
    return result;
  }

  /** A uniform variate in (0, 1) with 53 random bits: (k + 1/2) / 2^53. */
  double
  Uniform()
  {
    return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53;
  }

private:
  static std::uint64_t
  Rotate(std::uint64_t x, int k)
  {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t m_State[4];
};

/** A Poisson(mean) variate; mean >= 0 and finite (0 gives 0). */
AnalyticalEMEELSFilters_EXPORT std::uint64_t
Draw(double mean, RandomStream & stream);
} // namespace PoissonSampler
} // end namespace itk

#endif
