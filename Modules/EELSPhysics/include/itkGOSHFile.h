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
#ifndef itkGOSHFile_h
#define itkGOSHFile_h

#include "AnalyticalEMEELSPhysicsExport.h"
#include "itkIntTypes.h"

#include <string>
#include <vector>

namespace itk
{
/** \brief A generalised-oscillator-strength table of one sub-shell (or shared sub-shell pair).
 *
 * Values(iq, iE) is df/dE (1/eV) at momentum transfer MomentumTransfers[iq] (1/m, increasing)
 * and energy FreeEnergies[iE] (eV above the onset, increasing; negative values are bound
 * states of the Dirac tables).
 * \ingroup AnalyticalEMEELSPhysics
 */
struct AnalyticalEMEELSPhysics_EXPORT GOSTable
{
  std::vector<double> FreeEnergies;
  std::vector<double> MomentumTransfers;
  std::vector<double> Values; // MomentumTransfers.size() x FreeEnergies.size(), energy fastest
  double              IonizationEnergy{ 0.0 }; // eV, 0 when the file gives none

  double
  Value(SizeValueType qIndex, SizeValueType energyIndex) const
  {
    return Values[qIndex * FreeEnergies.size() + energyIndex];
  }

  /** Throws unless the axes are non-empty, finite and strictly increasing, q > 0, and Values has
   * the matching size with finite entries. */
  void
  Validate(const std::string & what) const;
};

/** \class GOSHFile
 * \brief Reads and writes GOS tables in the GOSH layout (HDF5).
 *
 * The GOSH files of the Segger-Guzzinati-Kohl (Zenodo 7645765) and Zhang Dirac (Zenodo
 * 11199911) tabulations hold, per element and table (e.g. /Fe/L23/):
 * data (float32, n_q x n_E x 1, or n_q x n_E), free_energies (eV), q (1/m) and a metadata
 * group or dataset whose attributes give the ionisation energy (ionization_energy, or onset).
 * Tables are not distributed with the project; users download them. Errors (missing file,
 * element or table, malformed or inconsistent datasets) throw an itk::ExceptionObject.
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT GOSHFile
{
public:
  /** The table names of one element (e.g. K1, L1, L23). */
  static std::vector<std::string>
  GetTableNames(const std::string & path, const std::string & element);

  static GOSTable
  Read(const std::string & path, const std::string & element, const std::string & table);

  /** Adds (or replaces) /element/table in the file, creating the file if needed. */
  static void
  Write(const std::string & path, const std::string & element, const std::string & table, const GOSTable & gos);
};
} // end namespace itk

#endif
