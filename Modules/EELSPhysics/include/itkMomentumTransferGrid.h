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
#ifndef itkMomentumTransferGrid_h
#define itkMomentumTransferGrid_h

#include "itkEELSEnumNames.h"
#include "AnalyticalEMEELSPhysicsExport.h"
#include "itkEELSConstants.h"
#include "itkMicroscopeParameters.h"

#include <iosfwd>
#include <vector>

namespace itk
{
/** \brief Acquisition and quadrature settings of a core-loss cross section.
 * \ingroup AnalyticalEMEELSPhysics
 */
struct AnalyticalEMEELSPhysics_EXPORT CrossSectionSettings
{
  double                  BeamVoltage{ 0.0 };          // E0, V
  double                  ConvergenceSemiAngle{ 0.0 }; // alpha, rad
  double                  CollectionSemiAngle{ 0.0 };  // beta, rad
  unsigned int            QSteps{ 100 };               // nodes of the ln Q grid (>= 2)
  MomentumIntegrationEnum Integration{ MomentumIntegrationEnum::Rectangle };
  EELSConstantsEnum       Constants{ EELSConstantsEnum::PyEELSModel };

  /** Beam energy and both semi-angles from microscope parameters (kV, mrad); throws if one is unset. */
  static CrossSectionSettings
  FromMicroscope(const MicroscopeParameters & parameters);

  /** Throws an itk::ExceptionObject naming the first invalid setting. */
  void
  Validate() const;
};
AnalyticalEMEELSPhysics_EXPORT std::ostream &
operator<<(std::ostream & os, const CrossSectionSettings & settings);

/** \class MomentumTransferGrid
 * \brief Nodes and weights of the momentum-transfer integral of dsigma/dE.
 *
 * For an energy loss E (eV), in units Q = (q a0)^2:
 *   Q_min = E^2 / (4 R T) + E^3 / (8 gamma^3 R T^2),
 *   Q_max = Q_min + 4 gamma^2 (T / R) sin^2((alpha + beta) / 2),
 * and QSteps nodes uniform in ln Q from ln Q_min to ln Q_max (the last one exactly ln Q_max). The
 * weight of node j is F(theta_j) Delta (halved at both ends for the trapezoid rule), with
 * Delta = (ln Q_max - ln Q_min) / (QSteps - 1), theta_j = 2 sqrt(R (Q_j - Q_min) / (4 gamma^2 T))
 * and F the convergence correction of Kohl (1985): F = 1 for alpha < 1e-6 rad, else
 * min(alpha^2, beta^2) / alpha^2 for theta <= |alpha - beta| and the overlap of the two discs
 * otherwise (arguments clamped so that round-off cannot give NaN). Then
 *   dsigma/dE = Prefactor(E) sum_j weight_j df/dE(E, Q_j),
 *   Prefactor(E) = 4 pi a0^2 (R / E) (R / T) 1e28 (barn/eV for df/dE in 1/eV).
 * Since dQ / Q = d ln Q, the sum over ln Q nodes integrates df/dE over d ln Q.
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT MomentumTransferGrid
{
public:
  explicit MomentumTransferGrid(const CrossSectionSettings & settings);

  unsigned int
  GetNumberOfNodes() const
  {
    return m_Settings.QSteps;
  }

  /** Fills \a q (Q_j) and \a weights (both GetNumberOfNodes() long) for energy loss E > 0 and
   * returns Prefactor(E). */
  double
  Nodes(double energyLoss, double * q, double * weights) const;

  /** Kohl's convergence factor F(theta) for a scattering angle theta (rad). */
  double
  ConvergenceFactor(double theta) const;

  const EELSConstants &
  GetConstants() const
  {
    return m_Constants;
  }
  const IncidentElectron &
  GetIncidentElectron() const
  {
    return m_Electron;
  }
  const CrossSectionSettings &
  GetSettings() const
  {
    return m_Settings;
  }

private:
  CrossSectionSettings m_Settings;
  EELSConstants        m_Constants;
  IncidentElectron     m_Electron;
  double               m_QRange{ 0.0 }; // Q_max - Q_min
};
} // end namespace itk

#endif
