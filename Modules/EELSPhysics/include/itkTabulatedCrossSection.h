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
#ifndef itkTabulatedCrossSection_h
#define itkTabulatedCrossSection_h

#include "itkEnergyAxis.h"
#include "itkGOSHFile.h"
#include "itkMomentumTransferGrid.h"

#include <functional>

namespace itk
{
/** \class TabulatedCrossSection
 * \brief dsigma/dE (barn/eV) of an edge from tabulated GOS, one table per sub-shell.
 *
 * Each sub-shell contributes occupancy x dsigma/dE with the quadrature of MomentumTransferGrid
 * (the same ln Q grid, rule and convergence factor as the hydrogenic edges): at node j,
 * q = sqrt(Q_j) / a0, and the GOS is interpolated bilinearly in (onset + free energy, q):
 * 0 below the first tabulated energy, the first q column below the first q, 0 beyond the last q.
 * Beyond the last tabulated energy the cross section continues as the power law A E^-r through
 * its values at the last two tabulated energies. Bound states (negative free energies, in the
 * Dirac tables) add sigma_b g(E), where sigma_b is the q integral at E_b = onset + free energy
 * (the row interpolated in q) and g a Gaussian of standard deviation two channels centred at E_b
 * whose sum over all channels of the axis grid is 1.
 *
 * FromGOSH() builds the sub-shells of an edge from EELSEdgeTable: a sub-shell name ("L3") or a
 * combined edge ("L" = L3 + L2 + L1), each with its onset and occupancy ratio; a sub-shell's
 * table is the one named after it or the shared one (L23, M23, M45, N23, N45, N67; K1 for K).
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT TabulatedCrossSection
{
public:
  struct Subshell
  {
    GOSTable Table;
    double   OnsetEnergy{ 0.0 };    // eV
    double   OccupancyRatio{ 1.0 };
  };

  /** Adds a sub-shell; throws for an invalid table, a non-positive onset or occupancy. */
  void
  AddSubshell(const GOSTable & table, double onset, double occupancy);

  const std::vector<Subshell> &
  GetSubshells() const
  {
    return m_Subshells;
  }

  /** The sub-shells of an edge of \a element from a GOSH file: \a edge is one sub-shell ("L3")
   * or the letter of a combined edge ("L"). */
  static TabulatedCrossSection
  FromGOSH(const std::string & path, const std::string & element, const std::string & edge);

  /** The same from tables computed from first principles (ComputedGOSTables: computed on first
   * use, then cached). */
  static TabulatedCrossSection
  FromComputed(const std::string & element, const std::string & edge);

  /** The lowest sub-shell onset (eV). */
  double
  GetOnsetEnergy() const;

  /** dsigma/dE on every channel; with \a energyShift the edge is evaluated at E - energyShift. */
  std::vector<double>
  Compute(const EnergyAxis & axis, const CrossSectionSettings & settings, double energyShift = 0.0) const;

private:
  // The sub-shells of an edge, each table given by its own name or that of the table it shares.
  static TabulatedCrossSection
  FromTables(const std::string & element, const std::string & edge,
             const std::function<GOSTable(const std::string & subshell, const std::string & shared)> & table);

  std::vector<Subshell> m_Subshells;
};
} // end namespace itk

#endif
