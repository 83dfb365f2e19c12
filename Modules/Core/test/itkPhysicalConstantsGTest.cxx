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
#include "itkPhysicalConstants.h"

#include "gtest/gtest.h"

#include <cmath>

namespace pc = itk::PhysicalConstants;

TEST(PhysicalConstants, DerivedEnergiesAreConsistent)
{
  // m_e c^2 from the SI constants equals the tabulated rest energy (CODATA 2018 consistency).
  const double restEnergy = pc::ElectronMass * pc::SpeedOfLight * pc::SpeedOfLight / pc::ElementaryCharge;
  EXPECT_NEAR(restEnergy / pc::ElectronRestEnergy, 1.0, 1e-9);
  // Rydberg energy = alpha^2 m_e c^2 / 2.
  const double rydberg = 0.5 * pc::FineStructureConstant * pc::FineStructureConstant * pc::ElectronRestEnergy;
  EXPECT_NEAR(rydberg / pc::RydbergEnergy, 1.0, 1e-9);
  // Bohr radius = hbar / (m_e c alpha).
  const double hbar = pc::PlanckConstant / (2.0 * 3.14159265358979323846);
  const double bohr = hbar / (pc::ElectronMass * pc::SpeedOfLight * pc::FineStructureConstant);
  EXPECT_NEAR(bohr / pc::BohrRadius, 1.0, 1e-9);
}

TEST(ElectronKinematics, RelativisticValuesAt300kV)
{
  const double voltage = 300e3;
  const double gamma = itk::ElectronKinematics::LorentzFactor(voltage);
  EXPECT_NEAR(gamma, 1.587085355068, 1e-11);
  // T = m v^2 / 2 computed directly from the speed must equal U (1 + gamma) / (2 gamma^2).
  const double v = itk::ElectronKinematics::RelativeSpeed(voltage) * pc::SpeedOfLight;
  const double halfMassVelocitySquared = 0.5 * pc::ElectronMass * v * v / pc::ElementaryCharge;
  EXPECT_NEAR(itk::ElectronKinematics::EffectiveIncidentEnergy(voltage) / halfMassVelocitySquared, 1.0, 1e-9);
  EXPECT_NEAR(itk::ElectronKinematics::RelativeSpeed(voltage), 0.776525493, 1e-9);
}
