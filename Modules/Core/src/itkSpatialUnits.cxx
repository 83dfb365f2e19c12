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
#include "itkSpatialUnits.h"

#include <algorithm>
#include <map>

namespace itk
{
namespace SpatialUnits
{
double
NanometresPer(const std::string & unit)
{
  static const std::map<std::string, double> lengths{
    { "pm", 1e-3 },     { "\xC3\x85", 0.1 }, { "A", 0.1 },       { "Angstrom", 0.1 }, { "nm", 1.0 },
    { "\xC2\xB5m", 1e3 }, { "\xCE\xBCm", 1e3 }, { "um", 1e3 },      { "micron", 1e3 },   { "mm", 1e6 },
    { "m", 1e9 },
  };
  const auto found = lengths.find(unit);
  return found == lengths.end() ? 0.0 : found->second;
}

Unified
Unify(const std::vector<std::string> & units)
{
  Unified unified;
  unified.Factors.assign(units.size(), 1.0);
  if (units.empty() || std::all_of(units.begin(), units.end(), [&](const std::string & u) { return u == units.front(); }))
  {
    unified.Units = units.empty() ? "" : units.front();
    return unified;
  }
  std::string listed;
  bool        lengths = true;
  for (size_t a = 0; a < units.size(); ++a)
  {
    listed += (a > 0 ? ", " : "") + (units[a].empty() ? std::string("none") : units[a]);
    unified.Factors[a] = NanometresPer(units[a]);
    lengths = lengths && unified.Factors[a] > 0.0;
  }
  if (lengths)
  {
    unified.Units = "nm";
    return unified;
  }
  unified.Factors.assign(units.size(), 1.0);
  unified.Warning = "the axes have units " + listed + ", which cannot be made one: spacings left as they are, "
                    "without units";
  return unified;
}
} // namespace SpatialUnits
} // end namespace itk
