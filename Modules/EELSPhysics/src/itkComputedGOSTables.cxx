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
#include "itkComputedGOSTables.h"

#include "itkAtomicShellGOS.h"
#include "itkEELSEdgeTable.h"
#include "itkMacro.h"
#include "itkPhysicalConstants.h"
#include "itksys/SystemTools.hxx"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unistd.h>

namespace itk
{
namespace
{
// Changes whenever the tables the engine computes change.
constexpr const char * EngineVersion = "v2";

// A cached table made on other grids (an older engine) is computed again.
bool
HasTheEngineGrids(const GOSTable & table)
{
  const AtomicShellGOSSettings settings;
  const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::abs(b); };
  const auto & e = table.FreeEnergies;
  const auto & q = table.MomentumTransfers;
  return e.size() == settings.NumberOfEnergies && q.size() == settings.NumberOfMomentumTransfers &&
         close(e.front(), settings.FirstFreeEnergy) && close(e.back(), settings.LastFreeEnergy) &&
         close(q.front() * PhysicalConstants::BohrRadius, settings.FirstMomentumTransfer) &&
         close(q.back() * PhysicalConstants::BohrRadius, settings.LastMomentumTransfer);
}

std::string
Environment(const char * name)
{
  const char * value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}
} // namespace

std::string
ComputedGOSTables::GetCacheDirectory()
{
  const std::string explicitFolder = Environment("AEM_GOS_CACHE");
  if (!explicitFolder.empty())
  {
    return explicitFolder;
  }
  std::string base = Environment("XDG_CACHE_HOME");
  if (base.empty())
  {
    const std::string home = Environment("HOME");
    if (home.empty())
    {
      return std::string();
    }
    base = home + "/.cache";
  }
  return base + "/ITKAnalyticalEM/gos";
}

std::string
ComputedGOSTables::GetCachePath(const std::string & element, const std::string & table)
{
  const std::string folder = GetCacheDirectory();
  return folder.empty() ? std::string() : folder + "/" + element + "_" + table + "_" + EngineVersion + ".gosh";
}

GOSTable
ComputedGOSTables::Compute(const std::string & element, const std::string & table)
{
  const AtomicShellGOS shell = AtomicShellGOS::Compute(EELSEdgeTable::GetAtomicNumber(element), table);
  GOSTable             gos;
  gos.FreeEnergies = shell.FreeEnergies;
  gos.MomentumTransfers = shell.MomentumTransfers;
  // Stored as float32, as a GOSH file holds it, so that a table is the same cached or not.
  gos.Values.reserve(shell.Values.size());
  for (const double value : shell.Values)
  {
    gos.Values.push_back(static_cast<float>(value));
  }
  gos.IonizationEnergy = shell.BindingEnergy;
  return gos;
}

GOSTable
ComputedGOSTables::Get(const std::string & element, const std::string & table)
{
  // One computation at a time in a process: two threads asking for one table compute it once.
  static std::mutex                 mutex;
  const std::lock_guard<std::mutex> lock(mutex);
  const std::string                 path = GetCachePath(element, table);
  if (!path.empty() && itksys::SystemTools::FileExists(path, true))
  {
    try
    {
      GOSTable cached = GOSHFile::Read(path, element, table);
      if (HasTheEngineGrids(cached))
      {
        return cached;
      }
    }
    catch (const ExceptionObject &)
    {
      // A damaged cache file: computed again below and replaced.
    }
  }
  GOSTable gos = Compute(element, table);
  if (!path.empty() && itksys::SystemTools::MakeDirectory(itksys::SystemTools::GetFilenamePath(path)))
  {
    const std::string temporary = path + ".partial." + std::to_string(getpid());
    try
    {
      GOSHFile::Write(temporary, element, table, gos);
      if (std::rename(temporary.c_str(), path.c_str()) != 0)
      {
        std::remove(temporary.c_str());
      }
    }
    catch (const ExceptionObject &)
    {
      std::remove(temporary.c_str()); // a full or read-only cache: the table is used uncached
    }
  }
  return gos;
}
} // end namespace itk
