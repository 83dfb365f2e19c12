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
#ifndef itkEDSXrayLineTableData_h
#define itkEDSXrayLineTableData_h

// The raw line table behind EDSXrayLineTable (not installed).
namespace itk
{
namespace EDSXrayLineTableData
{
constexpr unsigned int NumberOfLines = 950;

struct LineRecord
{
  unsigned int AtomicNumber;
  const char * Line;   // Ka, Kb, La, Lb1, ..., Ma, Mb, Mg, Mz
  double       Energy; // keV
  double       Weight; // emission relative to the strongest line of its family
};

extern const LineRecord Lines[NumberOfLines];
} // namespace EDSXrayLineTableData
} // end namespace itk

#endif
