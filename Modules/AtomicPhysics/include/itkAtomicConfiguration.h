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
#ifndef itkAtomicConfiguration_h
#define itkAtomicConfiguration_h

#include "AnalyticalEMAtomicPhysicsExport.h"

#include <string>
#include <vector>

namespace itk
{
/** One sub-shell (n, l) of a configuration and its number of electrons. */
struct AnalyticalEMAtomicPhysics_EXPORT OrbitalOccupancy
{
  unsigned int N{ 1 };
  unsigned int L{ 0 };
  double       Occupancy{ 0.0 };
};

/** \class AtomicConfiguration
 * \brief Ground-state electron configurations of neutral atoms and the sub-shells of EELS edges.
 * \ingroup AnalyticalEMAtomicPhysics
 */
class AnalyticalEMAtomicPhysics_EXPORT AtomicConfiguration
{
public:
  /** The ground state of the neutral atom Z = 1 ... 92: Madelung filling with the measured
   * exceptions (Cr, Cu, Nb ... Ag, La, Ce, Gd, Pt, Au, Ac ... U), ordered by n then l. */
  static std::vector<OrbitalOccupancy>
  GroundState(unsigned int atomicNumber);

  /** The (n, l) of an edge's sub-shell table: K/K1 1s, L1 2s, L2/L3/L23 2p, M1 3s, M2/M3/M23 3p,
   * M4/M5/M45 3d, N1 4s, N2/N3/N23 4p, N4/N5/N45 4d, N6/N7/N67 4f, O1 5s, O2/O3/O23 5p,
   * O4/O5/O45 5d. Throws for other names. */
  static OrbitalOccupancy
  EdgeSubshell(const std::string & edge);

  /** "1s", "2p", ... */
  static std::string
  OrbitalName(unsigned int n, unsigned int l);

  /** "1s2 2s2 2p6 ...". */
  static std::string
  ToString(const std::vector<OrbitalOccupancy> & configuration);
};
} // end namespace itk

#endif
