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
#ifndef itkFusionKernels_h
#define itkFusionKernels_h

#include "AnalyticalEMFusionExport.h"
#include "itkIntTypes.h"

namespace itk
{
/** \brief Per-pixel kernels of the fusion solvers, compiled once in the module library (float and
 * double) with options that let them vectorise. Each works on a contiguous pixel range
 * [Begin, End) of n element maps stored as separate buffers.
 *
 * Powers x^a (x >= 0, a > 0) come from polynomial approximations of log2 and exp2: in float
 * arithmetic within 2.5 ulp (exponents up to 1.6) for float data, in double to double rounding otherwise; 0^a = 0.
 *
 * \ingroup AnalyticalEMFusion
 */
namespace FusionKernels
{
/** x^exponent for x >= 0 (0 for x <= 0), see above; exposed for tests. */
AnalyticalEMFusion_EXPORT double
Power(double x, double exponent);

/** The float kernels' power, in float arithmetic within 2.5 ulp for exponents up to 1.6; exposed for tests. */
AnalyticalEMFusion_EXPORT float
PowerFloat(float x, float exponent);

template <typename T>
struct ReferenceStepArguments
{
  unsigned int   NumberOfMaps;
  T * const *    X;       // the iterate, updated in place
  const T * const * X0;   // the normalised measured maps
  const T *      HAADF;   // the normalised HAADF
  const T *      Weights; // w_e (half-precision values)
  SizeValueType  Begin;
  SizeValueType  End;
  T              Gamma;
  T              LambdaHAADF;
  T              LambdaChem;
  T              Background;
  bool           ClampNegative;
};

/** One unit gradient step of the reference iteration, in T arithmetic and in the reference's
 * order of operations: s = sum_e w_e x_e^gamma, r = s - b,
 * x_e <- x_e - ((((gamma x_e^(gamma-1)) lambdaH) w_e) r + lambdaC (1 - x0_e / (x_e + bkg))),
 * then x_e <- max(x_e, 0). */
AnalyticalEMFusion_EXPORT void
ReferenceStep(const ReferenceStepArguments<float> & arguments);
AnalyticalEMFusion_EXPORT void
ReferenceStep(const ReferenceStepArguments<double> & arguments);

template <typename T>
struct ModelArguments
{
  unsigned int      NumberOfMaps;
  const T * const * X;        // iterate (negative values count as 0)
  T * const *       Gradient; // optional output, d f / d x_e (nullptr: value only)
  const T *         HAADF;
  const T *         Weight;   // per-pixel weight 1 / variance of the HAADF (nullptr: 1)
  const double *    Gains;    // a_e
  double            Offset;   // b0
  double            Gamma;
  SizeValueType     Begin;
  SizeValueType     End;
  double *          MaximumCurvature{ nullptr }; // optional: max_p w_p x_e,p^(2 gamma - 2) per element
};

/** f = sum_p w_p (m_p - h_p)^2 / 2 with m = sum_e a_e x_e^gamma + b0, returned in double; with
 * Gradient, also d f / d x_e = w (m - h) a_e gamma x_e^(gamma-1). */
AnalyticalEMFusion_EXPORT double
HAADFModel(const ModelArguments<float> & arguments);
AnalyticalEMFusion_EXPORT double
HAADFModel(const ModelArguments<double> & arguments);

/** m = sum_e a_e max(x_e, 0)^gamma + b0 over [Begin, End) into \a model. */
AnalyticalEMFusion_EXPORT void
ModelHAADF(const ModelArguments<float> & arguments, float * model);
AnalyticalEMFusion_EXPORT void
ModelHAADF(const ModelArguments<double> & arguments, double * model);
/** Number of values that are not finite (or negative, with \a requireNonNegative). */
AnalyticalEMFusion_EXPORT SizeValueType
CountInvalid(const float * values, SizeValueType n, bool requireNonNegative);
AnalyticalEMFusion_EXPORT SizeValueType
CountInvalid(const double * values, SizeValueType n, bool requireNonNegative);

/** Smallest and largest of n >= 1 finite values. */
AnalyticalEMFusion_EXPORT void
MinimumMaximum(const float * values, SizeValueType n, float & minimum, float & maximum);
AnalyticalEMFusion_EXPORT void
MinimumMaximum(const double * values, SizeValueType n, double & minimum, double & maximum);
} // namespace FusionKernels
} // end namespace itk

#endif
