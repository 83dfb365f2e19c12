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
#ifndef itkLowLossModels_h
#define itkLowLossModels_h

#include "AnalyticalEMEELSPhysicsExport.h"
#include "itkEELSConstants.h"
#include "itkEnergyAxis.h"

#include <vector>

namespace itk
{
/** \brief Peak shapes of low-loss spectra; the amplitude is the height.
 * \ingroup AnalyticalEMEELSPhysics
 */
namespace LowLossPeaks
{
/** A exp(-((E - c) / sigma)^2 / 2), sigma = FWHM / (2 sqrt(2 ln 2)). */
AnalyticalEMEELSPhysics_EXPORT double
Gaussian(double energy, double amplitude, double centre, double fwhm);

/** A (Gamma/2)^2 / ((E - c)^2 + (Gamma/2)^2), Gamma = FWHM. */
AnalyticalEMEELSPhysics_EXPORT double
Lorentzian(double energy, double amplitude, double centre, double fwhm);
} // namespace LowLossPeaks

/** \class DrudePlasmonSeries
 * \brief Multiple bulk-plasmon scattering of the Drude model, normalised to the zero-loss sum.
 *
 * Single plasmon at energy E > 0 (0 otherwise), for a plasmon energy Ep' :
 *   eps(E) = 1 - Ep'^2 / (E^2 - Eb^2 + i E Ew),  S(E; Ep') = Im(-1/eps) ln(1 + beta^2 / theta_E^2),
 *   theta_E = E / (gamma m0 v^2)  (m0 v^2 in eV).
 * The series S_tot = sum_{k=1..n} P_k S(E; k Ep) with Poisson weights P_k = e^-t t^k / k! (the
 * k-th term has the k-fold plasmon energy; it is not a self-convolution), and
 *   plasmon(E) = (e^t - 1) A S_tot(E) / sum_channels S_tot,
 * so that the inelastic sum is (e^t - 1) times the zero-loss sum A and the log-ratio thickness
 * of the spectrum is exactly t = t/lambda. The shapes S(E; k Ep) are computed once per axis,
 * so each thickness costs n multiply-adds per channel.
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT DrudePlasmonSeries
{
public:
  struct Parameters
  {
    double            PlasmonEnergy{ 22.0 };   // Ep, eV
    double            PlasmonWidth{ 5.0 };     // Ew, eV
    double            BandGapEnergy{ 1.0 };    // Eb, eV
    unsigned int      NumberOfPlasmons{ 5 };   // n
    double            BeamVoltage{ 300e3 };    // E0, V
    double            CollectionSemiAngle{ 20e-3 }; // beta, rad
    EELSConstantsEnum Constants{ EELSConstantsEnum::PyEELSModel };
  };

  /** Throws for non-positive energies, angle or voltage, or zero plasmons. */
  DrudePlasmonSeries(const EnergyAxis & axis, const Parameters & parameters);

  /** The single-plasmon shape S(E; Ep') at one energy. */
  double
  SinglePlasmon(double energy, double plasmonEnergy) const;

  /** plasmon(E) on every channel for thickness t >= 0 and zero-loss sum A, into \a out. */
  void
  Compute(double thickness, double zeroLossSum, double * out) const;

  std::vector<double>
  Compute(double thickness, double zeroLossSum) const;

  /** The series as sum_k c_k S(E; k Ep): fills the NumberOfPlasmons coefficients c_k. */
  void
  Coefficients(double thickness, double zeroLossSum, double * coefficients) const;

  /** S(E; (k + 1) Ep) on every channel, k < NumberOfPlasmons. */
  const double *
  GetShape(unsigned int k) const
  {
    return m_Shapes.data() + k * m_Axis.GetSize();
  }
  unsigned int
  GetNumberOfPlasmons() const
  {
    return m_Parameters.NumberOfPlasmons;
  }

  const EnergyAxis &
  GetAxis() const
  {
    return m_Axis;
  }

private:
  EnergyAxis          m_Axis;
  Parameters          m_Parameters;
  IncidentElectron    m_Electron;
  std::vector<double> m_Shapes; // n x channels: S(E; k Ep)
  std::vector<double> m_ShapeSums;
};
} // end namespace itk

#endif
