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
#ifndef itkComputedGOSTables_h
#define itkComputedGOSTables_h

#include "itkGOSHFile.h"

#include <string>

namespace itk
{
/** \class ComputedGOSTables
 * \brief GOS tables computed from first principles (AtomicShellGOS) on first use and kept in an
 * on-disk cache of GOSH files, so that quantification needs no downloaded tables.
 *
 * The cache folder is $AEM_GOS_CACHE, else $XDG_CACHE_HOME/ITKAnalyticalEM/gos, else
 * $HOME/.cache/ITKAnalyticalEM/gos. Each table is one file, <element>_<table>_<version>.gosh in
 * the GOSH layout, written to a temporary name and renamed, so that a killed or concurrent run
 * never leaves a partial table; the version changes whenever the computation does. A cache
 * that cannot be written is skipped (the table is then computed on every run); an unreadable
 * cached file, or one on other grids than AtomicShellGOSSettings', is computed again and
 * replaced.
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT ComputedGOSTables
{
public:
  /** The table \a table (K1, L1, L23, M45, ...: the sub-shell names AtomicConfiguration accepts)
   * of \a element. */
  static GOSTable
  Get(const std::string & element, const std::string & table);

  /** The cache folder; empty when none can be named. */
  static std::string
  GetCacheDirectory();

  /** The file that holds (or will hold) a table. */
  static std::string
  GetCachePath(const std::string & element, const std::string & table);

  /** Computes the table without the cache. */
  static GOSTable
  Compute(const std::string & element, const std::string & table);
};
} // end namespace itk

#endif
