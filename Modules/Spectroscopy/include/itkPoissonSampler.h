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

#include "AnalyticalEMSpectroscopyExport.h"

#include <cstdint>
#include <random>

namespace itk
{
/** \brief Fast Poisson variates from a std::mt19937_64 stream.
 *
 * Means below 10 use inversion (sequential search of the cumulative distribution from 0);
 * larger means use Hoermann's transformed rejection with squeeze (PTRS; W. Hoermann, "The
 * transformed rejection method for generating Poisson random variables", Insurance: Mathematics
 * and Economics 12 (1993) 39-45), exact for every mean. Both are exact samplers; neither keeps
 * state between calls, so one generator can serve any sequence of means.
 *
 * StreamSeed() derives independent seeds for numbered sub-streams (one per pixel, say) from one
 * user seed, so a simulation does not depend on how its pixels are split over threads.
 * \ingroup AnalyticalEMSpectroscopy
 */
namespace PoissonSampler
{
/** A Poisson(mean) variate; mean >= 0 and finite (0 gives 0). */
AnalyticalEMSpectroscopy_EXPORT std::uint64_t
Draw(double mean, std::mt19937_64 & generator);

/** A uniform variate in (0, 1) with 53 random bits. */
AnalyticalEMSpectroscopy_EXPORT double
Uniform(std::mt19937_64 & generator);

/** The seed of sub-stream \a stream of \a seed (a SplitMix64 mix of both). */
AnalyticalEMSpectroscopy_EXPORT std::uint64_t
StreamSeed(std::uint64_t seed, std::uint64_t stream);
} // namespace PoissonSampler
} // end namespace itk

#endif
