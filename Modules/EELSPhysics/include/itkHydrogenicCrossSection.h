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
#ifndef itkHydrogenicCrossSection_h
#define itkHydrogenicCrossSection_h

#include "AnalyticalEMEELSPhysicsExport.h"
#include "itkEMEnumNames.h"
#include "itkEnergyAxis.h"
#include "itkMomentumTransferGrid.h"

#include <string>
#include <vector>

namespace itk
{
/** \class HydrogenicCrossSection
 * \brief Differential cross section dsigma/dE (barn/eV) of a K or L2,3 edge from hydrogenic
 * generalised oscillator strengths.
 *
 * The GOS are Egerton's SIGMAK3 / SIGMAL3 expressions (R. F. Egerton, Electron Energy-Loss
 * Spectroscopy in the Electron Microscope, 3rd ed., Springer 2011): for K, an effective charge
 * Z - 1/2; for the combined L2,3 shell (13 <= Z <= 36), Z - 0.35 * 7 - 1.7 with the tabulated
 * onset, L1 energy and threshold exponent of each element. They are integrated over momentum
 * transfer by MomentumTransferGrid. Channels at or below the onset are exactly 0.
 *
 * Onsets: K edges of Z <= 22 and all L2,3 edges have tabulated hydrogenic onsets (C 284, N 402,
 * O 532, Fe L 710 eV; not the EELSEdgeTable values); K edges of heavier elements need
 * SetOnsetEnergy().
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT HydrogenicCrossSection
{
public:
  enum class ShellEnum : int
  {
    K = 0,
    L23 = 1
  };

  /** Throws for an L2,3 edge outside 13 <= Z <= 36 or Z outside 1 ... 92. */
  HydrogenicCrossSection(unsigned int atomicNumber, ShellEnum shell);

  /** From an element symbol and an edge name: "K" (or "K1"), "L", "L23" or "L2,3". */
  static HydrogenicCrossSection
  FromEdge(const std::string & element, const std::string & edge);

  /** Overrides the tabulated onset (required for K edges of Z > 22); an L2,3 onset moves the
   * L1 energy with it. */
  void
  SetOnsetEnergy(double onset);
  /** Throws when there is no onset (K, Z > 22, not set). */
  double
  GetOnsetEnergy() const;

  unsigned int
  GetAtomicNumber() const
  {
    return m_AtomicNumber;
  }
  ShellEnum
  GetShell() const
  {
    return m_Shell;
  }

  /** df/dE (1/eV) at energy loss E (eV, above the onset) and Q = (q a0)^2. */
  double
  GOS(double energyLoss, double q, double rydbergEnergy) const;

  /** dsigma/dE (barn/eV) at one energy loss; 0 at or below the onset. */
  double
  Evaluate(double energyLoss, const MomentumTransferGrid & grid) const;

  /** dsigma/dE on every channel of \a axis. With \a energyShift the edge is evaluated at
   * E - energyShift (the onset and L1 energy move with it). */
  std::vector<double>
  Compute(const EnergyAxis & axis, const CrossSectionSettings & settings, double energyShift = 0.0) const;

private:
  double
  Integrate(double energyLoss, const MomentumTransferGrid & grid, double * q, double * weights) const;

  unsigned int m_AtomicNumber;
  ShellEnum    m_Shell;
  double       m_Onset{ 0.0 };   // 0: none
  double       m_L1Energy{ 0.0 }; // L2,3 only
  double       m_ThresholdExponent{ 0.0 };
};
template <>
struct EMEnumNames<HydrogenicCrossSection::ShellEnum>
{
  static constexpr const char *                                  EnumName = "HydrogenicCrossSection::ShellEnum";
  static constexpr EMEnumName<HydrogenicCrossSection::ShellEnum> Entries[] = {
    { HydrogenicCrossSection::ShellEnum::K, "K", "K" },
    { HydrogenicCrossSection::ShellEnum::L23, "L23", "L23" },
  };
};
} // end namespace itk

#endif
