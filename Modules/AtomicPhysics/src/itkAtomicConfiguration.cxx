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
#include "itkAtomicConfiguration.h"

#include "itkMacro.h"

#include <algorithm>
#include <sstream>

namespace itk
{
namespace
{
constexpr char LetterOfL[] = "spdfghik";

struct Move
{
  unsigned int Z;
  unsigned int FromN, FromL, ToN, ToL;
  double       Electrons;
};
// Ground states that differ from Madelung filling (electrons moved from one sub-shell to another).
constexpr Move Exceptions[] = {
  { 24, 4, 0, 3, 2, 1 }, { 29, 4, 0, 3, 2, 1 }, { 41, 5, 0, 4, 2, 1 }, { 42, 5, 0, 4, 2, 1 },
  { 44, 5, 0, 4, 2, 1 }, { 45, 5, 0, 4, 2, 1 }, { 46, 5, 0, 4, 2, 2 }, { 47, 5, 0, 4, 2, 1 },
  { 57, 4, 3, 5, 2, 1 }, { 58, 4, 3, 5, 2, 1 }, { 64, 4, 3, 5, 2, 1 }, { 78, 6, 0, 5, 2, 1 },
  { 79, 6, 0, 5, 2, 1 }, { 89, 5, 3, 6, 2, 1 }, { 90, 5, 3, 6, 2, 2 }, { 91, 5, 3, 6, 2, 1 },
  { 92, 5, 3, 6, 2, 1 },
};
} // namespace

std::vector<OrbitalOccupancy>
AtomicConfiguration::GroundState(unsigned int atomicNumber)
{
  if (atomicNumber < 1 || atomicNumber > 92)
  {
    itkGenericExceptionMacro(<< "AtomicConfiguration: Z must be 1 ... 92, got " << atomicNumber);
  }
  // Madelung order: increasing n + l, then increasing n.
  std::vector<OrbitalOccupancy> shells;
  double                        left = atomicNumber;
  for (unsigned int sum = 1; left > 0.0; ++sum)
  {
    for (unsigned int l = (sum - 1) / 2 + 1; l-- > 0 && left > 0.0;)
    {
      const unsigned int n = sum - l;
      if (l >= n)
      {
        continue;
      }
      const double electrons = std::min(left, 2.0 * (2 * l + 1));
      shells.push_back({ n, l, electrons });
      left -= electrons;
    }
  }
  for (const Move & move : Exceptions)
  {
    if (move.Z != atomicNumber)
    {
      continue;
    }
    bool hasTarget = false;
    for (auto & shell : shells)
    {
      if (shell.N == move.FromN && shell.L == move.FromL)
      {
        shell.Occupancy -= move.Electrons;
      }
      if (shell.N == move.ToN && shell.L == move.ToL)
      {
        shell.Occupancy += move.Electrons;
        hasTarget = true;
      }
    }
    if (!hasTarget)
    {
      shells.push_back({ move.ToN, move.ToL, move.Electrons });
    }
  }
  shells.erase(std::remove_if(shells.begin(), shells.end(), [](const OrbitalOccupancy & s) { return s.Occupancy <= 0.0; }),
               shells.end());
  std::sort(shells.begin(), shells.end(), [](const OrbitalOccupancy & a, const OrbitalOccupancy & b) {
    return a.N != b.N ? a.N < b.N : a.L < b.L;
  });
  return shells;
}

OrbitalOccupancy
AtomicConfiguration::EdgeSubshell(const std::string & edge)
{
  static const struct
  {
    const char * Names[4];
    unsigned int N, L;
  } table[] = {
    { { "K", "K1", nullptr, nullptr }, 1, 0 },     { { "L1", nullptr, nullptr, nullptr }, 2, 0 },
    { { "L2", "L3", "L23", nullptr }, 2, 1 },      { { "M1", nullptr, nullptr, nullptr }, 3, 0 },
    { { "M2", "M3", "M23", nullptr }, 3, 1 },      { { "M4", "M5", "M45", nullptr }, 3, 2 },
    { { "N1", nullptr, nullptr, nullptr }, 4, 0 }, { { "N2", "N3", "N23", nullptr }, 4, 1 },
    { { "N4", "N5", "N45", nullptr }, 4, 2 },      { { "N6", "N7", "N67", nullptr }, 4, 3 },
    { { "O1", nullptr, nullptr, nullptr }, 5, 0 }, { { "O2", "O3", "O23", nullptr }, 5, 1 },
    { { "O4", "O5", "O45", nullptr }, 5, 2 },
  };
  for (const auto & entry : table)
  {
    for (const char * name : entry.Names)
    {
      if (name != nullptr && edge == name)
      {
        return { entry.N, entry.L, 0.0 };
      }
    }
  }
  itkGenericExceptionMacro(<< "AtomicConfiguration: no sub-shell for the edge name '" << edge
                           << "' (K, L1, L23, M1, M23, M45, N1, N23, N45, N67, O1, O23, O45)");
}

std::string
AtomicConfiguration::OrbitalName(unsigned int n, unsigned int l)
{
  return std::to_string(n) + (l < sizeof(LetterOfL) - 1 ? std::string(1, LetterOfL[l]) : "?");
}

std::string
AtomicConfiguration::ToString(const std::vector<OrbitalOccupancy> & configuration)
{
  std::ostringstream text;
  for (size_t i = 0; i < configuration.size(); ++i)
  {
    text << (i ? " " : "") << OrbitalName(configuration[i].N, configuration[i].L) << configuration[i].Occupancy;
  }
  return text.str();
}
} // end namespace itk
