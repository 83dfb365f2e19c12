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
#include "itkEDSXrayLineTable.h"

#include "itkEDSXrayLineTableData.h"
#include "itkEELSEdgeTable.h"
#include "itkMacro.h"

#include <algorithm>
#include <cctype>

namespace itk
{
namespace
{
EDSXrayLine
FromRecord(const EDSXrayLineTableData::LineRecord & record)
{
  EDSXrayLine line;
  line.AtomicNumber = record.AtomicNumber;
  line.Element = EELSEdgeTable::GetSymbol(record.AtomicNumber);
  line.Line = record.Line;
  line.Energy = 1000.0 * record.Energy;
  line.Weight = record.Weight;
  return line;
}

bool
SameLine(const std::string & a, const char * b)
{
  const std::string other = b;
  return a.size() == other.size() &&
         std::equal(a.begin(), a.end(), other.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}
} // namespace

std::vector<EDSXrayLine>
EDSXrayLineTable::GetLines(const std::string & element)
{
  const unsigned int       z = EELSEdgeTable::GetAtomicNumber(element);
  std::vector<EDSXrayLine> lines;
  for (const auto & record : EDSXrayLineTableData::Lines)
  {
    if (record.AtomicNumber == z)
    {
      lines.push_back(FromRecord(record));
    }
  }
  return lines;
}

EDSXrayLine
EDSXrayLineTable::GetLine(const std::string & name)
{
  const size_t underscore = name.find('_');
  if (underscore == std::string::npos)
  {
    itkGenericExceptionMacro(<< "EDSXrayLineTable: " << name << " is not a line name such as Fe_Ka");
  }
  const std::string        element = name.substr(0, underscore);
  const std::string        line = name.substr(underscore + 1);
  std::vector<EDSXrayLine> candidates;
  try
  {
    candidates = GetLines(element);
  }
  catch (const ExceptionObject &)
  {
    itkGenericExceptionMacro(<< "EDSXrayLineTable: no X-ray line " << name << ": " << element
                             << " is not an element symbol");
  }
  for (const auto & candidate : candidates)
  {
    if (SameLine(line, candidate.Line.c_str()))
    {
      return candidate;
    }
  }
  itkGenericExceptionMacro(<< "EDSXrayLineTable: no X-ray line " << name << " (Z = 3..92; Ka, Kb, La, Lb1, ..., Ma)");
}

std::vector<EDSXrayLine>
EDSXrayLineTable::GetFamily(const std::string & element, char family)
{
  std::vector<EDSXrayLine> lines;
  for (const auto & line : GetLines(element))
  {
    if (line.GetFamily() == std::toupper(static_cast<unsigned char>(family)))
    {
      lines.push_back(line);
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const EDSXrayLine & a, const EDSXrayLine & b) { return a.Weight > b.Weight; });
  return lines;
}
} // end namespace itk
