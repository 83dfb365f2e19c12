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
#ifndef itkEMCLISupport_h
#define itkEMCLISupport_h

#include "AnalyticalEMApplicationsExport.h"
#include "itkCoreLossModelDesign.h"

#include <string>
#include <vector>

namespace itk
{
namespace EMCLI
{
/** "C:K,N:K,Fe:L" as edges; throws naming the option for anything else. */
AnalyticalEMApplications_EXPORT std::vector<QuantifiedEdge>
ParseEdges(const std::string & text);

/** What --crossSections names: "hydrogenic", "computed", or an existing GOSH file. */
struct AnalyticalEMApplications_EXPORT CrossSectionChoice
{
  bool        Computed{ false };
  std::string GOSHFile; // empty: none
};

/** Throws naming the option for a value that is none of the three. */
AnalyticalEMApplications_EXPORT CrossSectionChoice
ParseCrossSections(const std::string & text);

/** The fusion's cost curves as CSV: iteration,costHAADF,costChem,costTV. */
AnalyticalEMApplications_EXPORT void
WriteCosts(const std::string & path, const std::vector<double> & iterations, const std::vector<double> & haadf,
           const std::vector<double> & chemical, const std::vector<double> & tv);
} // namespace EMCLI
} // end namespace itk

#endif
