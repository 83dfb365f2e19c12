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
#ifndef itkAtomicShellGOS_h
#define itkAtomicShellGOS_h

#include "itkAtomicStructure.h"
#include "itkEMEnumNames.h"

#include <string>
#include <vector>

namespace itk
{
/** How the final states see the hole the ejected electron leaves. */
enum class CoreHoleEnum : int
{
  None = 0, // ground-state atom
  Half = 1, // Slater's transition state: half an electron removed (the default)
  Full = 2  // a whole electron removed (the relaxed final state)
};

template <>
struct EMEnumNames<CoreHoleEnum>
{
  static constexpr const char *                EnumName = "CoreHoleEnum";
  static constexpr EMEnumName<CoreHoleEnum> Entries[] = {
    { CoreHoleEnum::None, "None", "none" },
    { CoreHoleEnum::Half, "Half", "half" },
    { CoreHoleEnum::Full, "Full", "full" },
  };
};

/** The grids and model of a computed GOS table. */
struct AnalyticalEMAtomicPhysics_EXPORT AtomicShellGOSSettings
{
  double       FirstFreeEnergy{ 0.05 };   // eV above the threshold
  double       LastFreeEnergy{ 3000.0 };  // eV
  unsigned int NumberOfEnergies{ 128 };   // logarithmically spaced
  double       FirstMomentumTransfer{ 0.005 }; // 1/bohr
  double       LastMomentumTransfer{ 40.0 };   // 1/bohr: collection angles to ~230 mrad at 300 kV
  unsigned int NumberOfMomentumTransfers{ 100 }; // logarithmically spaced
  CoreHoleEnum CoreHole{ CoreHoleEnum::Half };
  bool         ScalarRelativistic{ true }; // scalar-relativistic orbitals (AtomicStructureSettings)
  unsigned int NumberOfThreads{ 0 }; // 0: ITK's default
};

/** \class AtomicShellGOS
 * \brief The generalised oscillator strength of one sub-shell of a neutral atom, from first
 * principles, on the grids of a GOS table.
 *
 * The atom is solved self-consistently (AtomicStructure) with the sub-shell's hole as
 * AtomicShellGOSSettings::CoreHole says (by default half an electron: Slater's transition state,
 * whose orbital energy approximates the relaxed ionisation energy). The initial orbital and the
 * continuum final states are eigenstates of that one potential, so they are orthogonal and the
 * GOS has no spurious monopole term at small q. By default the atom and its continuum are
 * scalar-relativistic: the sub-shell's binding energy and the inner orbitals of heavy atoms
 * shift by percents otherwise. The ground-state occupancy of the sub-shell is
 * the number of electrons; spin-orbit partners (L2 and L3, M4 and M5) share one table, split by
 * the occupancy ratios of the edge table when the cross section is computed.
 * \ingroup AnalyticalEMAtomicPhysics
 */
class AnalyticalEMAtomicPhysics_EXPORT AtomicShellGOS
{
public:
  /** Z = 1 ... 92 and the edge's sub-shell name (AtomicConfiguration::EdgeSubshell). Throws when
   * the ground state has no electron in that sub-shell. */
  static AtomicShellGOS
  Compute(unsigned int atomicNumber, const std::string & edge,
          const AtomicShellGOSSettings & settings = AtomicShellGOSSettings());

  unsigned int N{ 1 };
  unsigned int L{ 0 };
  double       Electrons{ 0.0 };
  double       BindingEnergy{ 0.0 };        // eV, minus the orbital energy of the sub-shell
  std::vector<double> FreeEnergies;         // eV above the threshold
  std::vector<double> MomentumTransfers;    // 1/m
  std::vector<double> Values;               // df/dE (1/eV), q-major: [iq * energies + ie]
};
} // end namespace itk

#endif
