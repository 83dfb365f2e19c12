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
#ifndef itkEELSEnums_h
#define itkEELSEnums_h

#include <cstdint>

namespace itk
{
/** \class EELSEnums
 * \brief The options of the EELS filters and models.
 *
 * The enums are nested in one class, ITK's convention, so that ITK's Python wrapping exposes
 * them (e.g. itk.EELSEnums.ZeroLossMethod_...); the *Enum aliases below are the names the C++ code uses.
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class EELSEnums
{
public:
  /** How EELSAlignFilter locates the zero-loss peak of each spectrum. */
  enum class ZeroLossMethod : int
  {
    /** The channel of the maximum (integer; exact for integer drifts). */
    Argmax = 0,
    /** The maximum refined by the parabola through its log-counts and those of its neighbours (exact
     * for a Gaussian peak; the plain parabola where a neighbour is not positive). */
    ParabolicArgmax = 1,
    /** A Gaussian or Lorentzian fitted to the zero-loss window only (Poisson weights, bounds kept). */
    ModelFit = 2,
    /** Cross-correlation of the mean-subtracted zero-loss window with a reference spectrum, the
     * correlation peak refined like ParabolicArgmax. */
    CrossCorrelation = 3
  };

  /** The model of ZeroLossMethodEnum::ModelFit. */
  enum class ZeroLossShape : int
  {
    Gaussian = 0,
    Lorentzian = 1
  };

  /** How EELSAlignFilter moves the spectra once the zero-loss positions are known. */
  enum class SpectrumShift : int
  {
    /** Whole channels (each position rounded): no interpolation. */
    Roll = 0,
    Linear = 1,
    /** Cubic convolution (Keys, a = -1/2): interpolating, C1. */
    Cubic = 2,
    /** Phase ramp in Fourier space, the spectrum extended by its mirror image so that its ends do
     * not wrap onto each other. */
    Fourier = 3
  };

  /** What EELSAlignFilter does with channels that not every pixel has after the shifts. */
  enum class AlignedRange : int
  {
    /** Keep only the energy range every pixel covers (the output is shorter). */
    Crop = 0,
    /** Keep the input length; samples a pixel does not have become 0. */
    PadZero = 1,
    /** As PadZero, with NaN. */
    PadNaN = 2
  };

  /** The estimator of a linear spectrum model y ~ A x. */
  enum class Fitter : int
  {
    /** Ordinary least squares: minimises ||A x - y||^2. */
    OrdinaryLeastSquares = 0,
    /** Poisson-weighted least squares with weights from the data, 1 / max(y, 1) (pyEELSMODEL's
     * use_weights). */
    WeightedLeastSquares = 1,
    /** Poisson maximum likelihood by iteratively re-weighted least squares: weighted least squares,
     * then weights 1 / max(M, epsilon) from the model M = A x until the coefficients change by less
     * than the tolerance. Removes the downward bias of data weights at low counts. */
    PoissonMaximumLikelihood = 2
  };

  /** Shape constraints on a linear combination of power laws over its fit window. */
  enum class BackgroundConstraint : int
  {
    None = 0,
    /** Every coefficient >= 0. */
    NonNegative = 1,
    /** Convexity at a few points and decrease and positivity at the window end: necessary
     * conditions for a positive, decreasing, convex background. */
    Necessary = 2,
    /** Conditions that guarantee a positive, decreasing, convex background on the window. */
    Sufficient = 3
  };

  /** Quadrature of the momentum-transfer integral of a core-loss cross section. */
  enum class MomentumIntegration : int
  {
    /** Sum over all nodes, both ends with full weight (pyEELSMODEL's rule). */
    Rectangle = 0,
    /** Trapezoid rule (end nodes with half weight). */
    Trapezoid = 1
  };

  /** Which set of physical constants the EELS physics uses. */
  enum class Constants : int
  {
    /** The truncated values of pyEELSMODEL 1.0.6 (R = 13.606 eV, a0 = 5.292e-11 m,
     * m0 = 9.110e-31 kg, c = 2.998e8 m/s, e = 1.602e-19 C): needed to reproduce its numbers to
     * 1e-12; they differ from CODATA by up to 1e-4 relative. */
    PyEELSModel = 0,
    /** CODATA 2018 values (itkPhysicalConstants.h). */
    CODATA2018 = 1
  };

  /** How ThicknessImageFilter measures the zero-loss intensity I_0. */
  enum class ZeroLossIntegral : int
  {
    /** The samples within ZeroLossHalfWidth (rounded to channels) of the zero loss' centre. */
    Window = 0,
    /** The sample at the zero loss' centre plus twice the (at most 50) samples on its low-energy
     * side: exact for a symmetric zero-loss peak whose low side carries no inelastic intensity. */
    Mirrored = 1
  };

  /** The background of a simulated core-loss spectrum. */
  enum class SimulatedBackground : int
  {
    None = 0,
    /** A (E / E_0)^-r on the core-loss axis (E_0 its first energy), not convolved. */
    PowerLaw = 1,
    /** A (E / E_0)^-r (from E_0 / 2 up, 0 below) convolved with the pixel's low loss, scaled so
     * that its first channel is A. */
    ConvolvedPowerLaw = 2,
    /** pyEELSMODEL's convolved background (the seed simulation): the power law
     * A ((100 + n d) / 100)^-r of a 2N-channel axis starting at 100 eV is relabelled onto the axis
     * starting at max(E_0 - N d / 2, d), convolved, interpolated onto the core-loss axis and scaled
     * so that its first channel is A; on the seed axis it is proportional to (E + 99.5)^-r. */
    ReferenceConvolvedPowerLaw = 3
  };

  /** Why a pixel's fit has (or lacks) its values: the reason map of the quantification. */
  enum class FitStatus : std::uint8_t
  {
    /** Fitted. */
    Fitted = 0,
    /** Fitted, but Poisson ML stopped at its iteration limit before it converged (values kept). */
    NotConverged = 1,
    /** All fitted channels are zero: no counts. */
    NoCounts = 2,
    /** A fitted channel is not finite (NaN or infinite data). */
    NonFiniteData = 3,
    /** Fewer fitted channels than parameters. */
    TooFewChannels = 4,
    /** A column of the model is zero on the fitted channels (an edge outside them). */
    ZeroColumn = 5,
    /** The model's columns are linearly dependent on the fitted channels (e.g. too many power
     * laws for a narrow window). */
    Singular = 6,
    /** The constrained solver did not converge. */
    ConstrainedNotConverged = 7,
    /** The Fisher information at the fitted model is singular (no error bars). */
    SingularFisher = 8,
    /** The pixel's low loss has no positive sum (no zero loss to convolve with). */
    UnusableLowLoss = 9
  };

  /** How CoreLossSimulator moves each pixel's spectra along the energy axis (spectrometer drift). */
  enum class SimulatedDrift : int
  {
    None = 0,
    /** The seed's deterministic pattern: s_p = trunc(A sin(2 pi p / period)) channels with
     * A = 0.005 (E_last - E_first) of the low-loss axis taken as a channel count, period =
     * pixels / 20 and p = x * ysize + y. */
    SeedPattern = 1,
    /** The integer channel shifts of SetDriftMap(). */
    DriftMap = 2
  };
};

using ZeroLossMethodEnum = EELSEnums::ZeroLossMethod;
using ZeroLossShapeEnum = EELSEnums::ZeroLossShape;
using SpectrumShiftEnum = EELSEnums::SpectrumShift;
using AlignedRangeEnum = EELSEnums::AlignedRange;
using QuantificationFitterEnum = EELSEnums::Fitter;
using BackgroundConstraintEnum = EELSEnums::BackgroundConstraint;
using MomentumIntegrationEnum = EELSEnums::MomentumIntegration;
using EELSConstantsEnum = EELSEnums::Constants;
using ZeroLossIntegralEnum = EELSEnums::ZeroLossIntegral;
using SimulatedBackgroundEnum = EELSEnums::SimulatedBackground;
using SimulatedDriftEnum = EELSEnums::SimulatedDrift;
using FitStatusEnum = EELSEnums::FitStatus;
} // end namespace itk

#endif
