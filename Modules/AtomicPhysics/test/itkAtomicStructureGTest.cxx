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
#include "itkAtomicStructure.h"
#include "itkEELSEdgeTable.h"
#include "itkPhysicalConstants.h"

#include "gtest/gtest.h"

#include <cmath>

namespace
{
constexpr double HartreeInEV = 2.0 * itk::PhysicalConstants::RydbergEnergy;

std::vector<itk::OrbitalOccupancy>
WithHole(unsigned int z, unsigned int n, unsigned int l, double removed)
{
  auto configuration = itk::AtomicConfiguration::GroundState(z);
  for (auto & shell : configuration)
  {
    if (shell.N == n && shell.L == l)
    {
      shell.Occupancy -= removed;
    }
  }
  return configuration;
}
} // namespace

// A hydrogen-like ion: E_nl = -Z^2 / (2 n^2) for every l, and its orbitals normalised.
TEST(AtomicStructure, HydrogenLikeEnergiesAreExact)
{
  for (const double z : { 1.0, 5.5, 26.0, 92.0 })
  {
    const auto atom = itk::AtomicStructure::Coulomb(z);
    for (unsigned int n = 1; n <= 4; ++n)
    {
      for (unsigned int l = 0; l < n; ++l)
      {
        const auto state = atom.GetHamiltonian().SolveBound(n, l, -1.0);
        const double exact = -z * z / (2.0 * n * n);
        EXPECT_NEAR(state.Energy, exact, 1e-9 * std::abs(exact)) << "Z " << z << " n " << n << " l " << l;
        std::vector<double> density(state.P.size());
        for (size_t i = 0; i < density.size(); ++i)
        {
          density[i] = state.P[i] * state.P[i];
        }
        EXPECT_NEAR(atom.GetGrid().Integrate(density), 1.0, 1e-10);
      }
    }
  }
}

// NIST "Atomic reference data for electronic structure calculations" (Kotochigova, Levine,
// Shirley, Stiles and Clark, Phys. Rev. A 55, 191 (1997)), magnesium, LDA column (hartree).
TEST(AtomicStructure, MagnesiumMatchesNISTLocalDensityReference)
{
  const auto atom = itk::AtomicStructure::Solve(12, itk::AtomicConfiguration::GroundState(12));
  std::cout.precision(9);
  atom.Print(std::cout);
  EXPECT_NEAR(atom.GetTotalEnergy(), -199.139406, 2e-6);
  EXPECT_NEAR(atom.GetOrbital(1, 0).Energy, -45.973167, 2e-6);
  EXPECT_NEAR(atom.GetOrbital(2, 0).Energy, -2.903746, 2e-6);
  EXPECT_NEAR(atom.GetOrbital(2, 1).Energy, -1.718970, 2e-6);
  EXPECT_NEAR(atom.GetOrbital(3, 0).Energy, -0.175427, 2e-6);
}

TEST(AtomicStructure, GroundStateConfigurations)
{
  EXPECT_EQ(itk::AtomicConfiguration::ToString(itk::AtomicConfiguration::GroundState(8)), "1s2 2s2 2p4");
  EXPECT_EQ(itk::AtomicConfiguration::ToString(itk::AtomicConfiguration::GroundState(24)),
            "1s2 2s2 2p6 3s2 3p6 3d5 4s1");
  EXPECT_EQ(itk::AtomicConfiguration::ToString(itk::AtomicConfiguration::GroundState(29)),
            "1s2 2s2 2p6 3s2 3p6 3d10 4s1");
  EXPECT_EQ(itk::AtomicConfiguration::ToString(itk::AtomicConfiguration::GroundState(57)),
            "1s2 2s2 2p6 3s2 3p6 3d10 4s2 4p6 4d10 5s2 5p6 5d1 6s2");
  for (unsigned int z = 1; z <= 92; ++z)
  {
    double electrons = 0.0;
    for (const auto & shell : itk::AtomicConfiguration::GroundState(z))
    {
      EXPECT_GT(shell.Occupancy, 0.0);
      EXPECT_LE(shell.Occupancy, 2.0 * (2 * shell.L + 1));
      electrons += shell.Occupancy;
    }
    EXPECT_EQ(electrons, z);
  }
  EXPECT_THROW(itk::AtomicConfiguration::GroundState(93), itk::ExceptionObject);
  EXPECT_THROW(itk::AtomicConfiguration::EdgeSubshell("Q9"), itk::ExceptionObject);
  EXPECT_EQ(itk::AtomicConfiguration::EdgeSubshell("M45").L, 2u);
}

// Binding energies of the sub-shells of EELS edges against the project's edge table (measured
// edge onsets of the solids; 2p: the 2:1 weighted mean of L3 and L2, as a non-relativistic atom
// has one 2p level). The orbital energy of Slater's transition state (half an electron removed)
// approximates the relaxed ionisation energy; it agrees with Delta-SCF (the difference of two
// total energies) to 0.3 eV. The atom's energies are measured from the vacuum level, the solid's
// from its Fermi level, a difference of a work function (about 5 eV) and of the solid's
// screening: hence the wider margin for the light elements.
TEST(AtomicStructure, CoreBindingEnergiesMatchTheEdgeTable)
{
  struct Case
  {
    const char * Element;
    unsigned int N, L;
    double       Tolerance; // relative
  };
  for (const Case & c : { Case{ "C", 1, 0, 0.065 }, Case{ "O", 1, 0, 0.04 }, Case{ "Ti", 2, 1, 0.025 },
                          Case{ "Mn", 2, 1, 0.025 }, Case{ "Fe", 2, 1, 0.025 }, Case{ "Cu", 2, 1, 0.025 },
                          Case{ "Fe", 1, 0, 0.01 }, Case{ "Cu", 1, 0, 0.01 } })
  {
    const unsigned int z = itk::EELSEdgeTable::GetAtomicNumber(c.Element);
    const double       measured = c.L == 0 ? itk::EELSEdgeTable::GetSubshell(z, "K1").OnsetEnergy
                                           : (2.0 * itk::EELSEdgeTable::GetSubshell(z, "L3").OnsetEnergy +
                                        itk::EELSEdgeTable::GetSubshell(z, "L2").OnsetEnergy) / 3.0;
    const auto   ground = itk::AtomicStructure::Solve(z, itk::AtomicConfiguration::GroundState(z));
    const auto   transition = itk::AtomicStructure::Solve(z, WithHole(z, c.N, c.L, 0.5));
    const auto   hole = itk::AtomicStructure::Solve(z, WithHole(z, c.N, c.L, 1.0));
    const double eigenvalue = -ground.GetOrbital(c.N, c.L).Energy * HartreeInEV;
    const double transitionState = -transition.GetOrbital(c.N, c.L).Energy * HartreeInEV;
    const double deltaSCF = (hole.GetTotalEnergy() - ground.GetTotalEnergy()) * HartreeInEV;
    std::cout << c.Element << " " << itk::AtomicConfiguration::OrbitalName(c.N, c.L) << ": edge table " << measured
              << " eV, ground-state eigenvalue " << eigenvalue << ", transition state " << transitionState << " ("
              << 100.0 * (transitionState / measured - 1.0) << " %), Delta-SCF " << deltaSCF << std::endl;
    EXPECT_NEAR(transitionState / measured, 1.0, c.Tolerance) << c.Element;
    EXPECT_NEAR(transitionState, deltaSCF, 0.5) << c.Element;
  }
}

// A continuum state is orthogonal to the bound states of the same Hamiltonian and l.
TEST(AtomicStructure, ContinuumIsOrthogonalToBoundStates)
{
  const auto                atom = itk::AtomicStructure::Solve(26, WithHole(26, 2, 1, 0.5));
  const itk::RadialGrid &   grid = atom.GetGrid();
  for (const auto & orbital : atom.GetOrbitals())
  {
    for (const double energy : { 0.01, 1.0, 30.0 })
    {
      size_t              valid = 0;
      const auto          wave = atom.GetHamiltonian().SolveContinuum(energy, orbital.L, valid);
      std::vector<double> product(wave.size());
      for (size_t i = 0; i < wave.size(); ++i)
      {
        product[i] = wave[i] * orbital.P[i];
      }
      EXPECT_LT(std::abs(grid.Integrate(product)), 1e-8) << orbital.N << " " << orbital.L << " at " << energy;
    }
  }
}

TEST(AtomicStructure, RejectsBadInput)
{
  EXPECT_THROW(itk::AtomicStructure::Solve(0, {}), itk::ExceptionObject);
  EXPECT_THROW(itk::AtomicStructure::Solve(8, { { 1, 1, 2.0 } }), itk::ExceptionObject);  // l >= n
  EXPECT_THROW(itk::AtomicStructure::Solve(8, { { 1, 0, 3.0 } }), itk::ExceptionObject);  // over-full
  EXPECT_THROW(itk::AtomicStructure::Solve(8, { { 1, 0, 2.0 }, { 2, 0, 2.0 }, { 2, 1, 6.0 } }),
               itk::ExceptionObject); // more electrons than Z
  EXPECT_THROW(itk::AtomicStructure::Coulomb(-1.0), itk::ExceptionObject);
  const auto atom = itk::AtomicStructure::Coulomb(3.0);
  size_t     valid = 0;
  EXPECT_THROW(atom.GetHamiltonian().SolveContinuum(-1.0, 0, valid), itk::ExceptionObject);
  EXPECT_THROW(atom.GetHamiltonian().SolveBound(1, 1, -1.0), itk::ExceptionObject);
  EXPECT_THROW(itk::RadialGrid(1.0, 0.5, 0.01), itk::ExceptionObject);
}
