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
#include "itkTabulatedCrossSection.h"

#include "itkComputedGOSTables.h"
#include "itkEELSEdgeTable.h"
#include "itkMacro.h"

#include <algorithm>
#include <cmath>

namespace itk
{
namespace
{
// The GOS of one table as a function of (free energy, q), with the interpolation rules of the
// class description; the continuum rows are those with free energy >= 0.
class TableInterpolator
{
public:
  explicit TableInterpolator(const GOSTable & table)
    : m_Table(table)
  {
    for (SizeValueType e = 0; e < table.FreeEnergies.size(); ++e)
    {
      (table.FreeEnergies[e] < 0.0 ? m_BoundRows : m_ContinuumRows).push_back(e);
    }
    for (const SizeValueType row : m_ContinuumRows)
    {
      m_ContinuumEnergies.push_back(table.FreeEnergies[row]);
    }
  }

  const std::vector<double> &
  GetContinuumEnergies() const
  {
    return m_ContinuumEnergies;
  }
  const std::vector<SizeValueType> &
  GetBoundRows() const
  {
    return m_BoundRows;
  }

  /** Row \a row interpolated linearly in q. */
  double
  Row(SizeValueType row, double q) const
  {
    SizeValueType lower;
    double        s;
    if (!this->Locate(q, lower, s))
    {
      return 0.0;
    }
    const double a = m_Table.Value(lower, row);
    return s == 0.0 ? a : a + s * (m_Table.Value(lower + 1, row) - a);
  }

  /** Bilinear interpolation in the continuum. */
  double
  Continuum(double freeEnergy, double q) const
  {
    const auto & f = m_ContinuumEnergies;
    if (f.empty() || freeEnergy < f.front() || freeEnergy > f.back())
    {
      return 0.0;
    }
    if (f.size() == 1)
    {
      return this->Row(m_ContinuumRows[0], q);
    }
    const auto          upper = std::upper_bound(f.begin(), f.end(), freeEnergy);
    const SizeValueType k = std::min<SizeValueType>(static_cast<SizeValueType>(upper - f.begin()), f.size() - 1) - 1;
    const double        t = (freeEnergy - f[k]) / (f[k + 1] - f[k]);
    const double        a = this->Row(m_ContinuumRows[k], q);
    const double        b = this->Row(m_ContinuumRows[k + 1], q);
    return a + t * (b - a);
  }

private:
  // The q interval [lower, lower + 1] and weight of q; false beyond the last q. Below the
  // first q the first column is used (weight 0).
  bool
  Locate(double q, SizeValueType & lower, double & s) const
  {
    const auto & qs = m_Table.MomentumTransfers;
    if (q > qs.back())
    {
      return false;
    }
    if (q <= qs.front() || qs.size() == 1)
    {
      lower = 0;
      s = 0.0;
      return true;
    }
    const auto upper = std::upper_bound(qs.begin(), qs.end(), q);
    lower = std::min<SizeValueType>(static_cast<SizeValueType>(upper - qs.begin()), qs.size() - 1) - 1;
    s = (q - qs[lower]) / (qs[lower + 1] - qs[lower]);
    return true;
  }

  const GOSTable &           m_Table;
  std::vector<SizeValueType> m_ContinuumRows;
  std::vector<SizeValueType> m_BoundRows;
  std::vector<double>        m_ContinuumEnergies;
};

// The shared table that holds a sub-shell, when it has none of its own.
std::string
SharedTableName(const std::string & subshell)
{
  if (subshell == "K")
  {
    return "K1";
  }
  static const char * const pairs[][3] = { { "L2", "L3", "L23" }, { "M2", "M3", "M23" }, { "M4", "M5", "M45" },
                                           { "N2", "N3", "N23" }, { "N4", "N5", "N45" }, { "N6", "N7", "N67" } };
  for (const auto & pair : pairs)
  {
    if (subshell == pair[0] || subshell == pair[1])
    {
      return pair[2];
    }
  }
  return subshell;
}

// occupancy x q integral at energy loss e of a GOS given as a function of q.
template <typename TGOSOfQ>
double
Integrate(double e, const MomentumTransferGrid & grid, std::vector<double> & q, std::vector<double> & w,
          TGOSOfQ && gosOfQ)
{
  const double prefactor = grid.Nodes(e, q.data(), w.data());
  const double a0 = grid.GetConstants().BohrRadius;
  double       sum = 0.0;
  for (unsigned int j = 0; j < grid.GetNumberOfNodes(); ++j)
  {
    sum += w[j] * gosOfQ(std::sqrt(q[j]) / a0);
  }
  return prefactor * sum;
}
} // namespace

void
TabulatedCrossSection::AddSubshell(const GOSTable & table, double onset, double occupancy)
{
  table.Validate("of sub-shell " + std::to_string(m_Subshells.size()));
  if (!(onset > 0.0) || !std::isfinite(onset))
  {
    itkGenericExceptionMacro(<< "TabulatedCrossSection: the onset must be positive, got " << onset << " eV");
  }
  if (!(occupancy > 0.0) || !std::isfinite(occupancy))
  {
    itkGenericExceptionMacro(<< "TabulatedCrossSection: the occupancy ratio must be positive, got " << occupancy);
  }
  m_Subshells.push_back(Subshell{ table, onset, occupancy });
}

TabulatedCrossSection
TabulatedCrossSection::FromTables(const std::string & element, const std::string & edge,
                                  const std::function<GOSTable(const std::string & subshell, const std::string & shared)> & table)
{
  const unsigned int    z = EELSEdgeTable::GetAtomicNumber(element);
  std::vector<EELSEdge> subshells;
  if (edge.size() == 1)
  {
    subshells = EELSEdgeTable::GetCombinedEdge(z, edge);
  }
  else
  {
    subshells.push_back(EELSEdgeTable::GetSubshell(z, edge));
  }
  TabulatedCrossSection result;
  for (const EELSEdge & subshell : subshells)
  {
    result.AddSubshell(table(subshell.Name, SharedTableName(subshell.Name)), subshell.OnsetEnergy,
                       subshell.OccupancyRatio);
  }
  return result;
}

TabulatedCrossSection
TabulatedCrossSection::FromGOSH(const std::string & path, const std::string & element, const std::string & edge)
{
  const std::vector<std::string> tables = GOSHFile::GetTableNames(path, element);
  return FromTables(element, edge, [&](const std::string & subshell, const std::string & shared) {
    for (const std::string & name : { subshell, shared })
    {
      if (std::find(tables.begin(), tables.end(), name) != tables.end())
      {
        return GOSHFile::Read(path, element, name);
      }
    }
    itkGenericExceptionMacro(<< "TabulatedCrossSection: " << path << " has no table for " << element << " "
                             << subshell);
  });
}

TabulatedCrossSection
TabulatedCrossSection::FromComputed(const std::string & element, const std::string & edge)
{
  // Spin-orbit partners share one computed table (the scalar-relativistic sub-shell, one per n, l).
  return FromTables(element, edge, [&](const std::string &, const std::string & shared) {
    return ComputedGOSTables::Get(element, shared);
  });
}

double
TabulatedCrossSection::GetOnsetEnergy() const
{
  if (m_Subshells.empty())
  {
    itkGenericExceptionMacro(<< "TabulatedCrossSection: no sub-shell");
  }
  double onset = m_Subshells.front().OnsetEnergy;
  for (const Subshell & s : m_Subshells)
  {
    onset = std::min(onset, s.OnsetEnergy);
  }
  return onset;
}

std::vector<double>
TabulatedCrossSection::Compute(const EnergyAxis & axis, const CrossSectionSettings & settings, double energyShift) const
{
  if (m_Subshells.empty())
  {
    itkGenericExceptionMacro(<< "TabulatedCrossSection: no sub-shell");
  }
  if (!std::isfinite(energyShift))
  {
    itkGenericExceptionMacro(<< "TabulatedCrossSection: the energy shift must be finite");
  }
  if (axis.GetSize() == 0 || !(axis.GetLastEnergy() - energyShift >= this->GetOnsetEnergy()))
  {
    itkGenericExceptionMacro(<< "TabulatedCrossSection: the edge (onset " << this->GetOnsetEnergy() + energyShift
                             << " eV) lies above the whole energy axis (" << axis << ")");
  }
  const MomentumTransferGrid grid(settings);
  std::vector<double>        q(grid.GetNumberOfNodes());
  std::vector<double>        w(grid.GetNumberOfNodes());
  std::vector<double>        values(axis.GetSize(), 0.0);
  for (const Subshell & subshell : m_Subshells)
  {
    const TableInterpolator table(subshell.Table);
    const double            onset = subshell.OnsetEnergy;
    const auto &            f = table.GetContinuumEnergies();
    const auto              sigmaAt = [&](double e) {
      return Integrate(e, grid, q, w, [&](double qq) { return table.Continuum(e - onset, qq); });
    };
    // Power-law continuation beyond the table.
    double tailAmplitude = 0.0;
    double tailExponent = 0.0;
    double lastEnergy = 0.0;
    if (f.size() >= 2)
    {
      lastEnergy = onset + f.back();
      const double previousEnergy = onset + f[f.size() - 2];
      const double last = sigmaAt(lastEnergy);
      const double previous = previousEnergy > 0.0 ? sigmaAt(previousEnergy) : 0.0;
      if (last > 0.0 && previous > 0.0)
      {
        tailAmplitude = last;
        tailExponent = std::log(previous / last) / std::log(lastEnergy / previousEnergy);
      }
    }
    for (SizeValueType i = 0; i < axis.GetSize(); ++i)
    {
      const double e = axis.GetEnergy(static_cast<double>(i)) - energyShift;
      if (f.empty() || !(e > 0.0) || e < onset + f.front())
      {
        continue;
      }
      const double sigma = e <= onset + f.back() ? sigmaAt(e) : tailAmplitude * std::pow(e / lastEnergy, -tailExponent);
      values[i] += subshell.OccupancyRatio * sigma;
    }
    // Bound states: a Gaussian of two channels' standard deviation holding sigma_b.
    const double width = 2.0 * axis.GetDispersion();
    for (const SizeValueType row : table.GetBoundRows())
    {
      const double eb = onset + subshell.Table.FreeEnergies[row];
      if (!(eb > 0.0))
      {
        continue;
      }
      const double sigmaB = Integrate(eb, grid, q, w, [&](double qq) { return table.Row(row, qq); });
      const auto   gaussian = [&](double channel) {
        const double d = (axis.GetEnergy(channel) - energyShift - eb) / width;
        return std::exp(-0.5 * d * d);
      };
      const double centre = axis.GetChannel(eb + energyShift);
      const double reach = 12.0 * 2.0; // channels: +-12 standard deviations
      double       norm = 0.0;
      for (double k = std::ceil(centre - reach); k <= centre + reach; k += 1.0)
      {
        norm += gaussian(k);
      }
      for (SizeValueType i = 0; i < axis.GetSize(); ++i)
      {
        const auto channel = static_cast<double>(i);
        if (std::abs(channel - centre) <= reach)
        {
          values[i] += subshell.OccupancyRatio * sigmaB * gaussian(channel) / norm;
        }
      }
    }
  }
  return values;
}
} // end namespace itk
