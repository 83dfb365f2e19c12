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
#include "itkAtomicShellGOS.h"

#include "itkGeneralizedOscillatorStrength.h"
#include "itkMacro.h"
#include "itkPhysicalConstants.h"

#include <cmath>

namespace itk
{
namespace
{
constexpr double HartreeInEV = 2.0 * PhysicalConstants::RydbergEnergy;

std::vector<double>
LogarithmicGrid(double first, double last, unsigned int count, const char * what)
{
  if (!(first > 0.0) || !(last > first) || count < 2 || !std::isfinite(last))
  {
    itkGenericExceptionMacro(<< "AtomicShellGOS: the " << what << " grid needs 0 < first < last and two points, got "
                             << first << " ... " << last << " in " << count);
  }
  std::vector<double> grid(count);
  for (unsigned int i = 0; i < count; ++i)
  {
    grid[i] = first * std::pow(last / first, static_cast<double>(i) / (count - 1));
  }
  return grid;
}
} // namespace

AtomicShellGOS
AtomicShellGOS::Compute(unsigned int atomicNumber, const std::string & edge, const AtomicShellGOSSettings & settings)
{
  const OrbitalOccupancy        shell = AtomicConfiguration::EdgeSubshell(edge);
  std::vector<OrbitalOccupancy> configuration = AtomicConfiguration::GroundState(atomicNumber);
  double                        electrons = 0.0;
  for (auto & orbital : configuration)
  {
    if (orbital.N == shell.N && orbital.L == shell.L)
    {
      electrons = orbital.Occupancy;
      orbital.Occupancy -= 0.5 * static_cast<int>(settings.CoreHole);
    }
  }
  if (!(electrons >= 1.0))
  {
    itkGenericExceptionMacro(<< "AtomicShellGOS: Z = " << atomicNumber << " ("
                             << AtomicConfiguration::ToString(AtomicConfiguration::GroundState(atomicNumber))
                             << ") has no filled " << AtomicConfiguration::OrbitalName(shell.N, shell.L)
                             << " sub-shell for the " << edge << " edge");
  }
  AtomicStructureSettings atomSettings;
  atomSettings.ScalarRelativistic = settings.ScalarRelativistic;
  const AtomicStructure atom = AtomicStructure::Solve(atomicNumber, configuration, atomSettings);
  const auto &          orbital = atom.GetOrbital(shell.N, shell.L);
  const RadialSchrodinger::BoundState initial{ orbital.N, orbital.L, orbital.Energy, orbital.P, orbital.Q };
  const GeneralizedOscillatorStrength gos(atom.GetHamiltonian(), initial, electrons, -orbital.Energy);

  AtomicShellGOS result;
  result.N = shell.N;
  result.L = shell.L;
  result.Electrons = electrons;
  result.BindingEnergy = -orbital.Energy * HartreeInEV;
  result.FreeEnergies =
    LogarithmicGrid(settings.FirstFreeEnergy, settings.LastFreeEnergy, settings.NumberOfEnergies, "energy");
  const std::vector<double> q = LogarithmicGrid(settings.FirstMomentumTransfer, settings.LastMomentumTransfer,
                                                settings.NumberOfMomentumTransfers, "momentum-transfer");
  std::vector<double> energies(result.FreeEnergies.size());
  for (size_t i = 0; i < energies.size(); ++i)
  {
    energies[i] = result.FreeEnergies[i] / HartreeInEV;
  }
  result.Values = gos.Continuum(energies, q, settings.NumberOfThreads);
  for (double & value : result.Values)
  {
    value /= HartreeInEV; // per hartree -> per eV
  }
  for (const double qq : q)
  {
    result.MomentumTransfers.push_back(qq / PhysicalConstants::BohrRadius);
  }
  return result;
}
} // end namespace itk
