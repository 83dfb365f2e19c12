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
#include "itkMomentumTransferGrid.h"

#include "itkMacro.h"
#include "itkMath.h"

#include <algorithm>
#include <cmath>
#include <ostream>

namespace itk
{
CrossSectionSettings
CrossSectionSettings::FromMicroscope(const MicroscopeParameters & parameters)
{
  CrossSectionSettings settings;
  settings.BeamVoltage = parameters.GetBeamVoltage();
  settings.ConvergenceSemiAngle = parameters.GetConvergenceSemiAngleInRadians();
  settings.CollectionSemiAngle = parameters.GetCollectionSemiAngleInRadians();
  return settings;
}

void
CrossSectionSettings::Validate() const
{
  if (!(BeamVoltage > 0.0) || !std::isfinite(BeamVoltage))
  {
    itkGenericExceptionMacro(<< "Cross section: BeamVoltage must be positive (V), got " << BeamVoltage);
  }
  if (!(CollectionSemiAngle > 0.0) || !std::isfinite(CollectionSemiAngle))
  {
    itkGenericExceptionMacro(<< "Cross section: CollectionSemiAngle must be positive (rad), got " << CollectionSemiAngle);
  }
  if (!(ConvergenceSemiAngle >= 0.0) || !std::isfinite(ConvergenceSemiAngle))
  {
    itkGenericExceptionMacro(<< "Cross section: ConvergenceSemiAngle must be >= 0 (rad), got " << ConvergenceSemiAngle);
  }
  if (!(ConvergenceSemiAngle + CollectionSemiAngle < itk::Math::pi))
  {
    itkGenericExceptionMacro(<< "Cross section: the semi-angles (" << ConvergenceSemiAngle << ", " << CollectionSemiAngle
                             << " rad) must add up to less than pi");
  }
  if (QSteps < 2)
  {
    itkGenericExceptionMacro(<< "Cross section: QSteps must be at least 2, got " << QSteps);
  }
}

std::ostream &
operator<<(std::ostream & os, const CrossSectionSettings & s)
{
  return os << "E0 " << s.BeamVoltage << " V, alpha " << s.ConvergenceSemiAngle << " rad, beta "
            << s.CollectionSemiAngle << " rad, " << s.QSteps << " q steps (" << s.Integration << "), constants "
            << s.Constants;
}

MomentumTransferGrid::MomentumTransferGrid(const CrossSectionSettings & settings)
  : m_Settings(settings)
{
  m_Settings.Validate();
  m_Constants = EELSConstants::Get(settings.Constants);
  m_Electron = IncidentElectron::Compute(settings.BeamVoltage, m_Constants);
  const double s = std::sin((settings.ConvergenceSemiAngle + settings.CollectionSemiAngle) / 2.0);
  const double gamma = m_Electron.Gamma;
  m_QRange = 4.0 * gamma * gamma * (m_Electron.EffectiveEnergy / m_Constants.RydbergEnergy) * s * s;
}

double
MomentumTransferGrid::ConvergenceFactor(double theta) const
{
  const double alpha = m_Settings.ConvergenceSemiAngle;
  const double beta = m_Settings.CollectionSemiAngle;
  if (alpha < 1e-6)
  {
    return 1.0; // parallel illumination
  }
  const double alpha2 = alpha * alpha;
  const double beta2 = beta * beta;
  if (theta <= std::abs(alpha - beta))
  {
    return std::min(alpha2, beta2) / alpha2;
  }
  // Overlap of the illumination and collection discs (no theta >= alpha + beta branch: the
  // largest angle of the grid, 2 sin((alpha + beta) / 2), is smaller than alpha + beta).
  const double theta2 = theta * theta;
  const double x = std::clamp((alpha2 + theta2 - beta2) / (2.0 * alpha * theta), -1.0, 1.0);
  const double y = std::clamp((beta2 + theta2 - alpha2) / (2.0 * beta * theta), -1.0, 1.0);
  const double d = alpha2 + beta2 - theta2;
  const double root = std::sqrt(std::max(4.0 * alpha2 * beta2 - d * d, 0.0));
  return (std::acos(x) + (beta2 / alpha2) * std::acos(y) - root / (2.0 * alpha2)) / itk::Math::pi;
}

double
MomentumTransferGrid::Nodes(double energyLoss, double * q, double * weights) const
{
  const double r = m_Constants.RydbergEnergy;
  const double t = m_Electron.EffectiveEnergy;
  const double gamma = m_Electron.Gamma;
  const double e = energyLoss;
  const double qMin = e * e / (4.0 * r * t) + e * e * e / (8.0 * gamma * gamma * gamma * r * t * t);
  const double qMax = qMin + m_QRange;
  const unsigned int n = m_Settings.QSteps;
  const double       lnMin = std::log(qMin);
  const double       lnMax = std::log(qMax);
  const double       delta = (lnMax - lnMin) / static_cast<double>(n - 1);
  const double       angleScale = r / (4.0 * gamma * gamma * t);
  for (unsigned int j = 0; j < n; ++j)
  {
    const double lnQ = j + 1 == n ? lnMax : lnMin + j * delta;
    q[j] = std::exp(lnQ);
    const double theta = 2.0 * std::sqrt(std::abs(angleScale * (q[j] - qMin)));
    weights[j] = this->ConvergenceFactor(theta) * delta;
  }
  if (m_Settings.Integration == MomentumIntegrationEnum::Trapezoid)
  {
    weights[0] *= 0.5;
    weights[n - 1] *= 0.5;
  }
  const double a0 = m_Constants.BohrRadius;
  return 4.0 * itk::Math::pi * a0 * a0 * (r / e) * (r / t) * 1e28;
}
} // end namespace itk
