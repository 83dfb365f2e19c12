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
#include "itkEMCLISupport.h"
#include "itkEMOutputTransaction.h"
#include "itkMacro.h"
#include "itksys/SystemTools.hxx"

#include <iomanip>
#include <sstream>

namespace itk
{
namespace EMCLI
{
CrossSectionChoice
ParseCrossSections(const std::string & text)
{
  CrossSectionChoice choice;
  if (text == "computed")
  {
    choice.Computed = true;
  }
  else if (text != "hydrogenic")
  {
    if (!itksys::SystemTools::FileExists(text, true))
    {
      itkGenericExceptionMacro(<< "--crossSections: '" << text
                               << "' is neither hydrogenic, computed nor an existing GOSH file");
    }
    choice.GOSHFile = text;
  }
  return choice;
}

std::vector<QuantifiedEdge>
ParseEdges(const std::string & text)
{
  std::vector<QuantifiedEdge> edges;
  std::stringstream           stream(text);
  std::string                 pair;
  while (std::getline(stream, pair, ','))
  {
    const size_t colon = pair.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == pair.size())
    {
      itkGenericExceptionMacro(<< "--edges " << text << ": expected Element:Edge pairs, e.g. C:K,Fe:L");
    }
    const QuantifiedEdge edge{ pair.substr(0, colon), pair.substr(colon + 1) };
    for (const auto & given : edges)
    {
      if (given.Element == edge.Element && given.Edge == edge.Edge)
      {
        itkGenericExceptionMacro(<< "--edges " << text << ": " << pair << " is given twice");
      }
    }
    edges.push_back(edge);
  }
  if (edges.empty())
  {
    itkGenericExceptionMacro(<< "--edges: no edge given");
  }
  return edges;
}

void
WriteCosts(const std::string & path, const std::vector<double> & iterations, const std::vector<double> & haadf,
           const std::vector<double> & chemical, const std::vector<double> & tv)
{
  std::ostringstream csv;
  csv << "iteration,costHAADF,costChem,costTV\n" << std::setprecision(10);
  for (size_t k = 0; k < iterations.size() && k < haadf.size() && k < chemical.size() && k < tv.size(); ++k)
  {
    csv << iterations[k] << "," << haadf[k] << "," << chemical[k] << "," << tv[k] << "\n";
  }
  OutputTransaction::WriteText(path, csv.str());
}
} // namespace EMCLI
} // end namespace itk
