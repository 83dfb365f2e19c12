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
#ifndef itkSpatialUnits_h
#define itkSpatialUnits_h

#include "AnalyticalEMCoreExport.h"

#include <string>
#include <vector>

namespace itk
{
/** \brief The spatial units of the axes of a file, made one.
 *
 * Instruments write each axis with its own units (a DM file with x in pm and y in nm). An image
 * has one spacing unit (the SpatialUnits key), so the readers convert every axis to one.
 * \ingroup AnalyticalEMCore
 */
namespace SpatialUnits
{
/** Nanometres per unit of a length unit: pm, Å (Å, A, Angstrom), nm, µm (µm, um, micron), mm, m,
 * in UTF-8; 0 for anything else. */
AnalyticalEMCore_EXPORT double
NanometresPer(const std::string & unit);

struct AnalyticalEMCore_EXPORT Unified
{
  std::vector<double> Factors; // multiply each axis' spacing and origin by its factor
  std::string         Units;   // the one unit of all axes ("" when there is none)
  std::string         Warning; // why the axes could not be made one, or ""
};

/** One unit for axes of units \a units: all the same, kept as they are; different length units,
 * all converted to nm; anything else (unknown units, calibrated and uncalibrated axes mixed) left
 * unconverted with a warning and no common unit. */
AnalyticalEMCore_EXPORT Unified
Unify(const std::vector<std::string> & units);
} // namespace SpatialUnits
} // end namespace itk

#endif
