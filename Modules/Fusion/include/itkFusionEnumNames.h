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
#ifndef itkFusionEnumNames_h
#define itkFusionEnumNames_h

#include "itkEMEnumNames.h"
#include "itkFusionEnums.h"

namespace itk
{
// The names of the fusion options: printed by operator<< and read by aem-fuse (its XML
// enumerations are checked against these tables by a test).
template <>
struct EMEnumNames<FusionModeEnum>
{
  static constexpr const char *               EnumName = "FusionModeEnum";
  static constexpr EMEnumName<FusionModeEnum> Entries[] = {
    { FusionModeEnum::ProximalGradient, "ProximalGradient", "proximal" },
    { FusionModeEnum::ReferenceCompatible, "ReferenceCompatible", "reference" },
  };
};

template <>
struct EMEnumNames<FusionWeightingEnum>
{
  static constexpr const char *                    EnumName = "FusionWeightingEnum";
  static constexpr EMEnumName<FusionWeightingEnum> Entries[] = {
    { FusionWeightingEnum::Unweighted, "Unweighted", "unweighted" },
    { FusionWeightingEnum::AtomicNumberOverMean, "AtomicNumberOverMean", "z-over-mean" },
    { FusionWeightingEnum::PowerOverMean, "PowerOverMean", "power-over-mean" },
    { FusionWeightingEnum::AtomicNumberOverSum, "AtomicNumberOverSum", "z-over-sum" },
    { FusionWeightingEnum::PowerOverSum, "PowerOverSum", "power-over-sum" },
    { FusionWeightingEnum::Custom, "Custom", nullptr }, // weights given in the settings
  };
};

template <>
struct EMEnumNames<FusionScoreEnum>
{
  static constexpr const char *                EnumName = "FusionScoreEnum";
  static constexpr EMEnumName<FusionScoreEnum> Entries[] = {
    { FusionScoreEnum::SquaredError, "SquaredError", nullptr },
    { FusionScoreEnum::PoissonDeviance, "PoissonDeviance", nullptr },
  };
};



} // end namespace itk

#endif
