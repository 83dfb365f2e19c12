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
// The names of the EELS enums: printed by operator<< (itkEMEnumNames.h) and, where a value has a
// token, read by the aem-* programs (their XML enumerations are checked against these tables by a
// test).
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
template <>
struct EMEnumNames<ZeroLossShapeEnum>
{
  static constexpr const char *                  EnumName = "ZeroLossShapeEnum";
  static constexpr EMEnumName<ZeroLossShapeEnum> Entries[] = {
    { ZeroLossShapeEnum::Gaussian, "Gaussian", nullptr },
    { ZeroLossShapeEnum::Lorentzian, "Lorentzian", nullptr },
  };
};

template <>
struct EMEnumNames<BackgroundConstraintEnum>
{
  static constexpr const char *                         EnumName = "BackgroundConstraintEnum";
  static constexpr EMEnumName<BackgroundConstraintEnum> Entries[] = {
    { BackgroundConstraintEnum::None, "None", nullptr },
    { BackgroundConstraintEnum::NonNegative, "NonNegative", nullptr },
    { BackgroundConstraintEnum::Necessary, "Necessary", nullptr },
    { BackgroundConstraintEnum::Sufficient, "Sufficient", nullptr },
  };
};

template <>
struct EMEnumNames<MomentumIntegrationEnum>
{
  static constexpr const char *                        EnumName = "MomentumIntegrationEnum";
  static constexpr EMEnumName<MomentumIntegrationEnum> Entries[] = {
    { MomentumIntegrationEnum::Rectangle, "Rectangle", nullptr },
    { MomentumIntegrationEnum::Trapezoid, "Trapezoid", nullptr },
  };
};

template <>
struct EMEnumNames<EELSConstantsEnum>
{
  static constexpr const char *                  EnumName = "EELSConstantsEnum";
  static constexpr EMEnumName<EELSConstantsEnum> Entries[] = {
    { EELSConstantsEnum::PyEELSModel, "PyEELSModel", nullptr },
    { EELSConstantsEnum::CODATA2018, "CODATA2018", nullptr },
  };
};

template <>
struct EMEnumNames<SimulatedBackgroundEnum>
{
  static constexpr const char *                        EnumName = "SimulatedBackgroundEnum";
  static constexpr EMEnumName<SimulatedBackgroundEnum> Entries[] = {
    { SimulatedBackgroundEnum::None, "None", nullptr },
    { SimulatedBackgroundEnum::PowerLaw, "PowerLaw", nullptr },
    { SimulatedBackgroundEnum::ConvolvedPowerLaw, "ConvolvedPowerLaw", nullptr },
    { SimulatedBackgroundEnum::ReferenceConvolvedPowerLaw, "ReferenceConvolvedPowerLaw", nullptr },
  };
};

template <>
struct EMEnumNames<SimulatedDriftEnum>
{
  static constexpr const char *                   EnumName = "SimulatedDriftEnum";
  static constexpr EMEnumName<SimulatedDriftEnum> Entries[] = {
    { SimulatedDriftEnum::None, "None", "none" },
    { SimulatedDriftEnum::SeedPattern, "SeedPattern", "seed" },
    { SimulatedDriftEnum::DriftMap, "DriftMap", nullptr },
  };
};

template <>
struct EMEnumNames<FitStatusEnum>
{
  static constexpr const char *              EnumName = "FitStatusEnum";
  static constexpr EMEnumName<FitStatusEnum> Entries[] = {
    { FitStatusEnum::Fitted, "Fitted", nullptr },
    { FitStatusEnum::NotConverged, "NotConverged", nullptr },
    { FitStatusEnum::NoCounts, "NoCounts", nullptr },
    { FitStatusEnum::NonFiniteData, "NonFiniteData", nullptr },
    { FitStatusEnum::TooFewChannels, "TooFewChannels", nullptr },
    { FitStatusEnum::ZeroColumn, "ZeroColumn", nullptr },
    { FitStatusEnum::Singular, "Singular", nullptr },
    { FitStatusEnum::ConstrainedNotConverged, "ConstrainedNotConverged", nullptr },
    { FitStatusEnum::SingularFisher, "SingularFisher", nullptr },
    { FitStatusEnum::UnusableLowLoss, "UnusableLowLoss", nullptr },
  };
};
} // end namespace itk

#endif
