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
#ifndef itkPowerLawBackground_h
#define itkPowerLawBackground_h

#include "AnalyticalEMEELSPhysicsExport.h"
#include "itkEnergyAxis.h"

#include <vector>

namespace itk
{
/** \class PowerLawBackground
 * \brief The classic core-loss background A (E / E_s)^-r.
 *
 * E_s is a reference energy fixed at construction (pyEELSMODEL: the first channel energy of the
 * axis). The amplitude A is a linear parameter, the exponent r a non-linear one; both have
 * bounds [0, 1e20] when fitted. Gradients: d/dA = (E / E_s)^-r, d/dr = -A (E / E_s)^-r ln(E / E_s).
 *
 * EstimateFromWindow() gives start values: the straight line ln y = a + b ln E fitted to the
 * window channels with y > 1, r = -b, A = e^a E_s^-r; when fewer than two such channels exist,
 * or r is outside [0, 10], or A is not positive, it falls back to r = 3, A = y at the window
 * start.
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT PowerLawBackground
{
public:
  /** Throws unless the reference energy is finite and positive. */
  explicit PowerLawBackground(double referenceEnergy);

  double
  GetReferenceEnergy() const
  {
    return m_ReferenceEnergy;
  }

  /** A (E / E_s)^-r; 0 for E <= 0. */
  double
  Evaluate(double energy, double amplitude, double exponent) const;

  /** The derivatives with respect to A and r at E > 0. */
  void
  Gradient(double energy, double amplitude, double exponent, double & dAmplitude, double & dExponent) const;

  std::vector<double>
  Compute(const EnergyAxis & axis, double amplitude, double exponent) const;

  struct StartValues
  {
    double Amplitude;
    double Exponent;
  };

  /** Start values from the channels [first, end) of a spectrum on \a axis (see above). */
  StartValues
  EstimateFromWindow(const EnergyAxis & axis, const double * spectrum, SizeValueType first, SizeValueType end) const;

private:
  double m_ReferenceEnergy;
};
} // end namespace itk

#endif
