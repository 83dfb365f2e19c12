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
#ifndef itkEDSXrayLineTable_h
#define itkEDSXrayLineTable_h

#include "AnalyticalEMCoreExport.h"

#include <string>
#include <vector>

namespace itk
{
/** One characteristic X-ray line: "Fe_Ka" is Fe's K-alpha. */
struct AnalyticalEMCore_EXPORT EDSXrayLine
{
  unsigned int AtomicNumber{ 0 };
  std::string  Element; // symbol
  std::string  Line;    // Ka, Kb, La, Lb1, Lb2, Lb3, Lb4, Lg1, Lg3, Ll, Ln, Ma, Mb, Mg, Mz
  double       Energy{ 0.0 }; // eV
  double       Weight{ 0.0 }; // emission relative to the strongest line of its family

  /** "Fe_Ka". */
  std::string
  GetName() const
  {
    return Element + "_" + Line;
  }
  /** 'K', 'L' or 'M'. */
  char
  GetFamily() const
  {
    return Line.empty() ? '?' : Line[0];
  }
};

/** \brief The characteristic X-ray lines of Z = 3..92 (K, L and M families), for EDS.
 *
 * Energies and weights are xraylib 4.0's (scripts/generate-xray-line-table.py says how):
 * each named line's principal transition energy, and its emission within its family.
 *
 * \ingroup AnalyticalEMCore
 */
class AnalyticalEMCore_EXPORT EDSXrayLineTable
{
public:
  /** The line named "Element_Line" ("Fe_Ka", any case for the line); throws for an unknown one. */
  static EDSXrayLine
  GetLine(const std::string & name);

  /** Every line of the family ('K', 'L' or 'M') of an element, strongest first. */
  static std::vector<EDSXrayLine>
  GetFamily(const std::string & element, char family);

  /** Every line of an element. */
  static std::vector<EDSXrayLine>
  GetLines(const std::string & element);
};
} // end namespace itk

#endif
