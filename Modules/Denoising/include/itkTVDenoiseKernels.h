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
#ifndef itkTVDenoiseKernels_h
#define itkTVDenoiseKernels_h

#include "AnalyticalEMDenoisingExport.h"
#include "itkIntTypes.h"

namespace itk
{
/** \brief Row kernels of TVDenoiseSolver, compiled once in the module library (for float and
 * double) with the floating-point options that let the compiler vectorise them, whatever the
 * options of the code that includes the solver.
 *
 * A row is n consecutive pixels along axis 0. "Mid" is the second axis of a 3-D grid (rows of a
 * plane); "slow" is the axis along which the solver sweeps (rows in 2-D, planes in 3-D).
 * Missing neighbours are passed as a row of zeros (dual fields) or as the row itself (primal
 * image), which gives a zero difference.
 *
 * \ingroup AnalyticalEMDenoising
 */
namespace TVDenoiseKernels
{
template <typename T>
struct PrimalRowArguments
{
  const T *     F;
  const T *     DualX;
  const T *     DualMid; // nullptr on a 2-D grid
  const T *     DualMidPrevious;
  const T *     DualSlow;
  const T *     DualSlowPrevious;
  T *           Out;
  SizeValueType Length;
  T             Lambda;
  T             CoefficientX;
  T             CoefficientMid;
  T             CoefficientSlow;
  T             Lower;
  T             Upper;
  // Optional separable Poisson term tau (LinearWeight x - Counts ln(x + Epsilon)), x >= 0; when
  // Counts is set the primal map is its proximal operator instead of the clamp.
  const T *     Counts{ nullptr };
  T             Tau{ 0 };
  T             LinearWeight{ 1 };
  T             Epsilon{ 0 };
};

/** Out = clamp(F - Lambda div d, Lower, Upper), div d the backward-difference divergence; or,
 * with Counts, Out = prox of the Poisson term at F - Lambda div d. */
AnalyticalEMDenoising_EXPORT void
PrimalRow(const PrimalRowArguments<float> & arguments);
AnalyticalEMDenoising_EXPORT void
PrimalRow(const PrimalRowArguments<double> & arguments);

template <typename T>
struct DualRowArguments
{
  const T *     U;
  const T *     UMidNext;  // the next row of the plane (3-D), or U itself
  const T *     USlowNext; // the same row of the next slab, or U itself
  T *           PX;
  T *           PMid; // nullptr on a 2-D grid
  T *           PSlow;
  T *           RX; // FGP extrapolation; nullptr for GP (then the update reads P)
  T *           RMid;
  T *           RSlow;
  SizeValueType Length;
  T             Tau;
  T             Beta;
  T             CoefficientX;
  T             CoefficientMid;
  T             CoefficientSlow;
  bool          Isotropic;
  T             Shrink{ 1 }; // 1 / (1 + Tau delta) for Huber smoothing delta, 1 for TV
  bool          ZeroDual{ false }; // treat the incoming P and R as 0 (a cold start); P and R are only written
};

/** q = Shrink (r - Tau grad U) projected on the dual ball (isotropic: |q| <= 1, else |q_d| <= 1);
 * with FGP R <- q + Beta (q - P) and P <- q, with GP P <- q. */
AnalyticalEMDenoising_EXPORT void
DualRow(const DualRowArguments<float> & arguments);
AnalyticalEMDenoising_EXPORT void
DualRow(const DualRowArguments<double> & arguments);
template <typename T>
struct ObjectiveRowArguments
{
  const T *     U;
  const T *     UMidNext;
  const T *     USlowNext;
  const T *     PX; // nullptr: total variation only
  const T *     PMid;
  const T *     PSlow;
  SizeValueType Length;
  double        CoefficientX;
  double        CoefficientMid;
  double        CoefficientSlow;
  bool          HasMid; // a 3-D grid
  bool          Isotropic;
  double        HuberDelta{ 0.0 };
};

/** Adds the row's total variation sum H(|grad u|) to \a tv (H the Huber function of HuberDelta,
 * H(s) = s for TV) and, with a dual field, its duality-gap terms
 * H(|grad u|) + <grad u, p> + HuberDelta |p|^2 / 2 to \a gap (in double). */
AnalyticalEMDenoising_EXPORT void
ObjectiveRow(const ObjectiveRowArguments<float> & arguments, double & tv, double & gap);
AnalyticalEMDenoising_EXPORT void
ObjectiveRow(const ObjectiveRowArguments<double> & arguments, double & tv, double & gap);

/** Sum of LinearWeight u - c ln(u + Epsilon) over n values, in double (the Poisson term's energy). */
AnalyticalEMDenoising_EXPORT double
PoissonEnergy(const float * u, const float * counts, SizeValueType n, double linearWeight, double epsilon);
AnalyticalEMDenoising_EXPORT double
PoissonEnergy(const double * u, const double * counts, SizeValueType n, double linearWeight, double epsilon);

/** Sum of (a - b)^2 over n values, in double. */
AnalyticalEMDenoising_EXPORT double
SquaredDistance(const float * a, const float * b, SizeValueType n);
AnalyticalEMDenoising_EXPORT double
SquaredDistance(const double * a, const double * b, SizeValueType n);
} // namespace TVDenoiseKernels
} // end namespace itk

#endif
