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
#ifndef itkPhysicalConstants_h
#define itkPhysicalConstants_h

#include <cmath>

namespace itk
{
/** \brief Physical constants, CODATA 2018 recommended values (SI units unless stated).
 *
 * Source: E. Tiesinga et al., "CODATA recommended values of the fundamental physical constants:
 * 2018", Rev. Mod. Phys. 93, 025010 (2021). Exact values (2019 SI redefinition) are marked.
 *
 * \ingroup AnalyticalEMCore
 */
namespace PhysicalConstants
{
constexpr double SpeedOfLight = 299792458.0;           // m/s, exact
constexpr double ElementaryCharge = 1.602176634e-19;   // C, exact
constexpr double PlanckConstant = 6.62607015e-34;      // J s, exact
constexpr double AvogadroConstant = 6.02214076e23;     // 1/mol, exact
constexpr double ElectronMass = 9.1093837015e-31;      // kg
constexpr double ElectronRestEnergy = 510998.95000;    // eV (m_e c^2)
constexpr double BohrRadius = 5.29177210903e-11;       // m
constexpr double RydbergEnergy = 13.605693122994;      // eV (R_inf h c)
constexpr double FineStructureConstant = 7.2973525693e-3;
constexpr double Barn = 1.0e-28;                       // m^2
} // namespace PhysicalConstants

/** \brief Relativistic kinematics of the incident electron for an acceleration voltage (V).
 * \ingroup AnalyticalEMCore
 */
namespace ElectronKinematics
{
/** Lorentz factor gamma = 1 + e U / (m_e c^2). */
inline double
LorentzFactor(double voltage)
{
  return 1.0 + voltage / PhysicalConstants::ElectronRestEnergy;
}

/** v / c. */
inline double
RelativeSpeed(double voltage)
{
  const double gamma = LorentzFactor(voltage);
  return std::sqrt(1.0 - 1.0 / (gamma * gamma));
}

/** Effective incident energy T = m_e v^2 / 2 in eV, = U (1 + gamma) / (2 gamma^2). */
inline double
EffectiveIncidentEnergy(double voltage)
{
  const double gamma = LorentzFactor(voltage);
  return voltage * (1.0 + gamma) / (2.0 * gamma * gamma);
}
} // namespace ElectronKinematics
} // end namespace itk

#endif
