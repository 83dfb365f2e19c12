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
#ifndef itkEELSEnumNames_h
#define itkEELSEnumNames_h

#include "itkEELSEnums.h"
#include "itkEMEnumNames.h"

namespace itk
{
// The names of the EELS options the programs offer: printed by operator<< and read by the
// aem-* programs (their XML enumerations are checked against these tables by a test).
template <>
struct EMEnumNames<ZeroLossMethodEnum>
{
  static constexpr const char *                   EnumName = "ZeroLossMethodEnum";
  static constexpr EMEnumName<ZeroLossMethodEnum> Entries[] = {
    { ZeroLossMethodEnum::Argmax, "Argmax", "argmax" },
    { ZeroLossMethodEnum::ParabolicArgmax, "ParabolicArgmax", "parabolic" },
    { ZeroLossMethodEnum::ModelFit, "ModelFit", "modelfit" },
    { ZeroLossMethodEnum::CrossCorrelation, "CrossCorrelation", "crosscorrelation" },
  };
};

template <>
struct EMEnumNames<SpectrumShiftEnum>
{
  static constexpr const char *                  EnumName = "SpectrumShiftEnum";
  static constexpr EMEnumName<SpectrumShiftEnum> Entries[] = {
    { SpectrumShiftEnum::Roll, "Roll", "roll" },
    { SpectrumShiftEnum::Linear, "Linear", "linear" },
    { SpectrumShiftEnum::Cubic, "Cubic", "cubic" },
    { SpectrumShiftEnum::Fourier, "Fourier", "fourier" },
  };
};

template <>
struct EMEnumNames<AlignedRangeEnum>
{
  static constexpr const char *                 EnumName = "AlignedRangeEnum";
  static constexpr EMEnumName<AlignedRangeEnum> Entries[] = {
    { AlignedRangeEnum::Crop, "Crop", "crop" },
    { AlignedRangeEnum::PadZero, "PadZero", "zero" },
    { AlignedRangeEnum::PadNaN, "PadNaN", "nan" },
  };
};

template <>
struct EMEnumNames<QuantificationFitterEnum>
{
  static constexpr const char *                         EnumName = "QuantificationFitterEnum";
  static constexpr EMEnumName<QuantificationFitterEnum> Entries[] = {
    { QuantificationFitterEnum::OrdinaryLeastSquares, "OrdinaryLeastSquares", "ols" },
    { QuantificationFitterEnum::WeightedLeastSquares, "WeightedLeastSquares", "wls" },
    { QuantificationFitterEnum::PoissonMaximumLikelihood, "PoissonMaximumLikelihood", "poisson" },
  };
};

template <>
struct EMEnumNames<ZeroLossIntegralEnum>
{
  static constexpr const char *                     EnumName = "ZeroLossIntegralEnum";
  static constexpr EMEnumName<ZeroLossIntegralEnum> Entries[] = {
    { ZeroLossIntegralEnum::Mirrored, "Mirrored", "mirrored" },
    { ZeroLossIntegralEnum::Window, "Window", "window" },
  };
};
inline std::ostream &
operator<<(std::ostream & os, ZeroLossMethodEnum value)
{
  return PrintEMEnum(os, value);
}

inline std::ostream &
operator<<(std::ostream & os, SpectrumShiftEnum value)
{
  return PrintEMEnum(os, value);
}

inline std::ostream &
operator<<(std::ostream & os, AlignedRangeEnum value)
{
  return PrintEMEnum(os, value);
}

inline std::ostream &
operator<<(std::ostream & os, QuantificationFitterEnum value)
{
  return PrintEMEnum(os, value);
}

inline std::ostream &
operator<<(std::ostream & os, ZeroLossIntegralEnum value)
{
  return PrintEMEnum(os, value);
}
} // end namespace itk

#endif
