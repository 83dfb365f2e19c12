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
#ifndef itkEELSEdgeTableData_h
#define itkEELSEdgeTableData_h

// The raw element table behind EELSEdgeTable (not installed).
namespace itk
{
namespace EELSEdgeTableData
{
constexpr unsigned int NumberOfElements = 92;
constexpr unsigned int NumberOfSubshells = 16; // K, L1-L3, M1-M5, N1-N7

struct ElementRecord
{
  const char * Symbol;
  unsigned int AtomicNumber;
  double       EdgeEnergy[NumberOfSubshells]; // eV, 0 for an empty sub-shell
};

extern const ElementRecord Elements[NumberOfElements];
} // namespace EELSEdgeTableData
} // end namespace itk

#endif
