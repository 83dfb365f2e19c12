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
#ifndef itkFusionEnums_h
#define itkFusionEnums_h

#include <cstdint>

namespace itk
{
/** \class FusionEnums
 * \brief The options of FusedMultiModalImageFilter.
 *
 * The enums are nested in one class, ITK's convention, so that ITK's Python wrapping exposes
 * them (e.g. itk.FusionEnums.Mode_...); the *Enum aliases below are the names the C++ code uses.
 *
 * \ingroup AnalyticalEMFusion
 */
class FusionEnums
{
public:
  /** \brief Which solver FusedMultiModalImageFilter runs. */
  enum class Mode : uint8_t
  {
    ReferenceCompatible, // the published iteration, bit for bit (up to float rounding); 2-D only
    ProximalGradient     // penalised Poisson likelihood by accelerated proximal gradient (default)
  };

  /** \brief How the HAADF model A x^gamma weights the elements (spec methods 0-4, or custom). */
  enum class Weighting : uint8_t
  {
    Unweighted = 0,           // w_e = 1
    AtomicNumberOverMean = 1, // w_e = Z_e / mean(Z)
    PowerOverMean = 2,        // w_e = Z_e^gamma / mean(Z^gamma)
    AtomicNumberOverSum = 3,  // w_e = Z_e / sum(Z)
    PowerOverSum = 4,         // w_e = Z_e^gamma / sum(Z^gamma)
    Custom = 5                // user-supplied weights
  };

  /** \brief How a held-out half of the counts scores a fit made on the other half. */
  enum class Score : uint8_t
  {
    SquaredError,   // sum (c_B - x_A)^2: an unbiased estimate of the mean squared error plus a constant
    PoissonDeviance // 2 sum (c ln(c / x) - (c - x)), predictions floored at 1 % of the mean count
  };
};

using FusionModeEnum = FusionEnums::Mode;
using FusionWeightingEnum = FusionEnums::Weighting;
using FusionScoreEnum = FusionEnums::Score;
} // end namespace itk

#endif
