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
#ifndef itkEELSConstants_h
#define itkEELSConstants_h

#include "itkEELSEnumNames.h"
#include "AnalyticalEMEELSPhysicsExport.h"
#include "itkPhysicalConstants.h"

#include <iosfwd>

namespace itk
{
/** \brief The constants the EELS formulas use, in SI units (energies in eV).
 * \ingroup AnalyticalEMEELSPhysics
 */
struct AnalyticalEMEELSPhysics_EXPORT EELSConstants
{
  double RydbergEnergy;       // eV
  double BohrRadius;          // m
  double ElectronMass;        // kg
  double SpeedOfLight;        // m/s
  double ElementaryCharge;    // C
  double JouleToElectronVolt; // eV/J

  static EELSConstants
  Get(EELSConstantsEnum set);
};

/** \brief Relativistic kinematics of the incident electron.
 *
 * gamma = 1 + e E0 / (m0 c^2); T = E0 (1 + gamma) / (2 gamma^2) (eV), the "effective incident
 * energy" m0 v^2 / 2; v = c sqrt(1 - 1 / gamma^2); m0 v^2 in eV from the mass and velocity
 * (which, with the truncated constants, differs from 2T by about 1e-4 relative: both forms are
 * kept because the reference uses both).
 * \ingroup AnalyticalEMEELSPhysics
 */
struct AnalyticalEMEELSPhysics_EXPORT IncidentElectron
{
  double Gamma{ 1.0 };
  double EffectiveEnergy{ 0.0 }; // T, eV
  double Velocity{ 0.0 };        // m/s
  double MV2{ 0.0 };             // m0 v^2, eV

  /** For an acceleration voltage in volts (> 0, else an exception). */
  static IncidentElectron
  Compute(double voltage, const EELSConstants & constants);
};
} // end namespace itk

#endif
