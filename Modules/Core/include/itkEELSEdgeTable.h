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
#ifndef itkEELSEdgeTable_h
#define itkEELSEdgeTable_h

#include "AnalyticalEMCoreExport.h"

#include <string>
#include <vector>

namespace itk
{
/** One ionisation edge (sub-shell) of an element. */
struct AnalyticalEMCore_EXPORT EELSEdge
{
  std::string  Name;           // sub-shell: K, L1, L2, L3, M1 ... M5, N1 ... N7
  unsigned int AtomicNumber{ 0 };
  double       OnsetEnergy{ 0.0 };    // eV
  double       OccupancyRatio{ 1.0 }; // share of the sub-shell in its (n, l) pair
};

/** \class EELSEdgeTable
 * \brief Elements Z = 1 ... 92 with the onset energies and occupancy ratios of their K, L1-L3,
 * M1-M5 and N1-N7 sub-shells.
 *
 * Onsets are X-ray absorption edge energies (xraylib 4.0's tabulation, to 0.1 eV), replaced by
 * the EELS onsets of the pyEELSMODEL 1.0.6 element table for the edges that table and this
 * project's data use (C, N, O, Ti, Cr, Mn, Fe, Cu, Zn, Sr, La, Ce, U; see the .cxx file).
 * Levels below 1 eV (valence levels) are not edges here. Occupancy ratios follow the j
 * degeneracies: s 1; p1/2 : p3/2 = 1/3 : 2/3; d3/2 : d5/2 = 0.4 : 0.6; f5/2 : f7/2 = 3/7 : 4/7.
 *
 * A combined edge is every sub-shell of one letter the element has (K = K1; L = L3 + L2 + L1;
 * M = M5 ... M1), in that order. Unknown elements or edges throw an itk::ExceptionObject.
 *
 * \ingroup AnalyticalEMCore
 */
class AnalyticalEMCore_EXPORT EELSEdgeTable
{
public:
  /** Atomic number of an element symbol (case as written: "Fe"). */
  static unsigned int
  GetAtomicNumber(const std::string & symbol);

  static std::string
  GetSymbol(unsigned int atomicNumber);

  /** Every sub-shell the element has, in the order K, L1, L2, L3, M1, ... N7. */
  static std::vector<EELSEdge>
  GetSubshells(unsigned int atomicNumber);

  /** One sub-shell ("K" and "K1" are the same). */
  static EELSEdge
  GetSubshell(unsigned int atomicNumber, const std::string & name);

  /** The sub-shells of a combined edge "K", "L", "M" or "N", highest-numbered first. */
  static std::vector<EELSEdge>
  GetCombinedEdge(unsigned int atomicNumber, const std::string & letter);

  /** The symbol-based forms of the above. */
  static EELSEdge
  GetSubshell(const std::string & symbol, const std::string & name)
  {
    return GetSubshell(GetAtomicNumber(symbol), name);
  }
  static std::vector<EELSEdge>
  GetCombinedEdge(const std::string & symbol, const std::string & letter)
  {
    return GetCombinedEdge(GetAtomicNumber(symbol), letter);
  }
};
} // end namespace itk

#endif
