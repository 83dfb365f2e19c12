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
#ifndef itkFusionPreprocessing_h
#define itkFusionPreprocessing_h

#include "itkIntTypes.h"

#include <cstdint>
#include <vector>

namespace itk
{
/** \brief Data preparation shared by the fusion solvers and the parameter search: smoothing,
 * count detection, noise weights of the HAADF, gains of the HAADF model, binomial thinning.
 * Buffers are grids of `size` (index 0 fastest).
 * \ingroup AnalyticalEMFusion
 */
namespace FusionPreprocessing
{
/** Separable Gaussian smoothing (kernel truncated at 4 sigma, normalised; mirror boundaries:
 * the sample beyond the edge is the edge sample, as in scipy's "reflect"). sigma <= 0 copies. */
template <typename T>
void
GaussianSmooth(const T * input, T * output, const std::vector<SizeValueType> & size, double sigma);

/** True when every value is a non-negative integer (photon or electron counts). */
template <typename T>
bool
IsCountData(const T * values, SizeValueType n);

/** Integers whose noise is that of counts: IsCountData, and EstimateCountsPerUnit (mean / noise
 * variance) at least MinimumCountsPerUnit. Scaled counts (an HAADF exported as counts times 10^6)
 * are integers too, with a noise variance 10^6 times their mean: they are not counts. */
template <typename T>
bool
IsPoissonCounts(const T * values, const std::vector<SizeValueType> & size);
/** Structure (atomic columns) adds to the noise estimate: counts give 0.3 ... 1, never 0.05. */
constexpr double MinimumCountsPerUnit = 0.05;

/** The reference normalisation in T arithmetic: v - min, then / max; throws for a constant map. */
template <typename T>
void
MinMaxNormalise(const T * input, T * output, SizeValueType n, const char * name);

/** Counts per unit of a map that holds scaled Poisson counts v = c / s: s = mean(v) / var(v), with
 * the noise variance taken from the second differences along axis 0 (signal curvature adds to
 * it, so s errs towards fewer counts, i.e. more smoothing). */
template <typename T>
double
EstimateCountsPerUnit(const T * map, const std::vector<SizeValueType> & size);

/** Per-pixel weights 1 / variance of the HAADF times \a scale: Poisson (variance = the HAADF
 * smoothed with sigma 1, at least 1) for count data, else a constant variance from the median
 * absolute deviation of the second differences along axis 0. */
template <typename T>
std::vector<T>
HAADFWeights(const T * haadf, const std::vector<SizeValueType> & size, bool counts, double scale);

/** Least-squares gains a_e >= 0 and free offset b0 of h = sum_e a_e s_e^gamma + b0 (normal
 * equations accumulated in double); returns a, sets \a offset. */
template <typename T>
std::vector<double>
FitGains(const std::vector<const T *> & maps, const T * haadf, SizeValueType n, double gamma, double & offset);

/** Splits counts c into two independent Poisson halves: first ~ Binomial(c, 1/2), second = c - first.
 * Portable: one fair coin per count from a 64-bit Mersenne twister seeded with \a seed. */
template <typename T>
void
BinomialThinning(const T * counts, T * first, T * second, SizeValueType n, std::uint64_t seed);
} // namespace FusionPreprocessing
} // end namespace itk


#endif
