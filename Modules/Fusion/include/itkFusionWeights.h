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
#ifndef itkFusionWeights_h
#define itkFusionWeights_h

#include "itkFusionEnumNames.h"
#include "itkFusionEnums.h"
#include "AnalyticalEMFusionExport.h"

#include <ostream>
#include <vector>

namespace itk
{

/** \brief Element weights of the fusion measurement operator.
 * \ingroup AnalyticalEMFusion */
namespace FusionWeights
{
/** Nearest IEEE half-precision value (ties to even), as the reference implementation stores its
 * weights; subnormal halves are honoured, values beyond the half range become infinite. */
AnalyticalEMFusion_EXPORT double
RoundToHalfPrecision(double value);

/** Weights of methods 0-4 computed in double; \a roundToHalf reproduces the reference's storage.
 * Throws for Custom, an empty list or a non-positive atomic number. */
AnalyticalEMFusion_EXPORT std::vector<double>
Compute(FusionWeightingEnum method, const std::vector<double> & atomicNumbers, double gamma, bool roundToHalf);
} // namespace FusionWeights
} // end namespace itk

#endif
