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
#include "itkEELSConstants.h"

#include "itkMacro.h"

#include <cmath>
#include <ostream>

namespace itk
{
EELSConstants
EELSConstants::Get(EELSConstantsEnum set)
{
  if (set == EELSConstantsEnum::PyEELSModel)
  {
    return EELSConstants{ 13.606, 5.292e-11, 9.110e-31, 2.998e8, 1.602e-19, 6.24150913e18 };
  }
  namespace pc = PhysicalConstants;
  return EELSConstants{ pc::RydbergEnergy, pc::BohrRadius,       pc::ElectronMass,
                        pc::SpeedOfLight,  pc::ElementaryCharge, 1.0 / pc::ElementaryCharge };
}

IncidentElectron
IncidentElectron::Compute(double voltage, const EELSConstants & constants)
{
  if (!(voltage > 0.0) || !std::isfinite(voltage))
  {
    itkGenericExceptionMacro(<< "IncidentElectron: the beam voltage must be positive, got " << voltage << " V");
  }
  const double c = constants.SpeedOfLight;
  IncidentElectron electron;
  electron.Gamma = 1.0 + constants.ElementaryCharge * voltage / (constants.ElectronMass * c * c);
  electron.EffectiveEnergy = voltage * (1.0 + electron.Gamma) / (2.0 * electron.Gamma * electron.Gamma);
  electron.Velocity = c * std::sqrt(1.0 - 1.0 / (electron.Gamma * electron.Gamma));
  electron.MV2 = constants.ElectronMass * electron.Velocity * electron.Velocity * constants.JouleToElectronVolt;
  return electron;
}
} // end namespace itk
