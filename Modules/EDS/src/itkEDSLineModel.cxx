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
#include "itkEDSLineModel.h"

#include "itkEMDenseSolvers.h"
#include "itkMacro.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>

namespace itk
{
namespace
{
// Where the background windows lie and how wide they are, in FWHM of the line (as HyperSpy's
// estimate_background_windows); the fit's margin beyond the outermost lines.
constexpr double BackgroundOffset = 2.0;
constexpr double BackgroundWidth = 1.0;
constexpr double FitMargin = 3.0;
constexpr double FWHMPerSigma = 2.3548200450309493; // 2 sqrt(2 ln 2)

// The channel an energy falls to: the nearest channel centre, halves to even.
long
ChannelOf(double energy, const EnergyAxis & axis)
{
  return static_cast<long>(std::nearbyint(axis.GetChannel(energy)));
}

void
CheckInside(long channel, const EnergyAxis & axis, const std::string & what)
{
  if (channel < 0 || channel > static_cast<long>(axis.GetSize()))
  {
    itkGenericExceptionMacro(<< "EDSLineModel: " << what << " lies outside the spectrum ("
                             << axis.GetEnergy(0) << " to " << axis.GetLastEnergy() << " eV)");
  }
}
} // namespace

double
EDSLineModel::GetFWHM(double energy, double resolutionMnKa)
{
  static const double manganese = EDSXrayLineTable::GetLine("Mn_Ka").Energy;
  return std::sqrt(std::max(0.0, 2.5 * (energy - manganese) + resolutionMnKa * resolutionMnKa));
}

void
EDSLineModel::SetLines(const std::vector<std::string> & names)
{
  m_Lines.clear();
  for (const auto & name : names)
  {
    m_Lines.push_back(EDSXrayLineTable::GetLine(name));
  }
}

std::vector<double>
EDSLineModel::Compute(const EnergyAxis & axis) const
{
  if (m_Lines.empty())
  {
    itkGenericExceptionMacro(<< "EDSLineModel: no X-ray line given");
  }
  if (!(m_ResolutionMnKa > 0.0) || !(m_IntegrationWidth > 0.0))
  {
    itkGenericExceptionMacro(<< "EDSLineModel: resolution " << m_ResolutionMnKa << " eV and integration width "
                             << m_IntegrationWidth << " FWHM must be positive");
  }
  return m_Method == EDSLineMethodEnum::Fit ? this->FitMatrix(axis) : this->WindowMatrix(axis);
}

std::vector<double>
EDSLineModel::WindowMatrix(const EnergyAxis & axis) const
{
  const size_t        lines = m_Lines.size(), channels = axis.GetSize();
  std::vector<double> matrix(lines * channels, 0.0);
  // Background windows (below: [0], [1]; above: [2], [3]), shared by lines whose windows overlap.
  std::vector<std::array<double, 4>> background(lines);
  for (size_t i = 0; i < lines; ++i)
  {
    const double e = m_Lines[i].Energy, fwhm = GetFWHM(e, m_ResolutionMnKa);
    background[i] = { e - fwhm * (BackgroundOffset + BackgroundWidth), e - fwhm * BackgroundOffset,
                      e + fwhm * BackgroundOffset, e + fwhm * (BackgroundOffset + BackgroundWidth) };
  }
  std::vector<size_t> order(lines);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return background[a][0] < background[b][0]; });
  for (size_t k = 0; k + 1 < lines; ++k)
  {
    auto & a = background[order[k]];
    auto & b = background[order[k + 1]];
    if (a[2] > b[0])
    {
      const std::array<double, 4> shared = { a[0], a[1], b[2], b[3] };
      a = shared;
      b = shared;
    }
  }
  for (size_t i = 0; i < lines; ++i)
  {
    const double e = m_Lines[i].Energy, half = m_IntegrationWidth * GetFWHM(e, m_ResolutionMnKa) / 2.0;
    const long   first = ChannelOf(e - half, axis), last = ChannelOf(e + half, axis);
    CheckInside(first, axis, m_Lines[i].GetName() + "'s window");
    CheckInside(last, axis, m_Lines[i].GetName() + "'s window");
    double * row = matrix.data() + i * channels;
    for (long c = first; c < last; ++c)
    {
      row[c] += 1.0;
    }
    if (!m_SubtractBackground)
    {
      continue;
    }
    std::array<long, 4> edges{};
    for (size_t k = 0; k < 4; ++k)
    {
      edges[k] = ChannelOf(background[i][k], axis);
      CheckInside(edges[k], axis, m_Lines[i].GetName() + "'s background window");
    }
    const long widths = (edges[1] - edges[0]) + (edges[3] - edges[2]);
    if (widths <= 0)
    {
      itkGenericExceptionMacro(<< "EDSLineModel: " << m_Lines[i].GetName()
                               << "'s background windows are narrower than a channel");
    }
    // Each side's counts (one channel when its window is narrower than one), scaled from the
    // background windows' channels to the signal window's.
    const double scale = static_cast<double>(last - first) / static_cast<double>(widths);
    for (const auto & [from, to] : { std::make_pair(edges[0], edges[1]), std::make_pair(edges[2], edges[3]) })
    {
      for (long c = from; c < std::max(to, from + 1) && c < static_cast<long>(channels); ++c)
      {
        row[c] -= scale;
      }
    }
  }
  return matrix;
}

std::vector<double>
EDSLineModel::FitMatrix(const EnergyAxis & axis) const
{
  // One column per family of the lines asked for (Fe_Ka and Fe_Kb share Fe's K family).
  std::map<std::pair<std::string, char>, size_t> familyColumn;
  std::vector<std::vector<EDSXrayLine>>          families;
  std::vector<size_t>                            columnOfLine;
  double                                         low = axis.GetLastEnergy(), high = axis.GetEnergy(0);
  for (const auto & line : m_Lines)
  {
    const auto key = std::make_pair(line.Element, line.GetFamily());
    if (familyColumn.count(key) == 0)
    {
      familyColumn[key] = families.size();
      families.push_back(EDSXrayLineTable::GetFamily(line.Element, line.GetFamily()));
    }
    columnOfLine.push_back(familyColumn[key]);
    const double margin = FitMargin * GetFWHM(line.Energy, m_ResolutionMnKa);
    low = std::min(low, line.Energy - margin);
    high = std::max(high, line.Energy + margin);
  }
  const long first = ChannelOf(low, axis), last = ChannelOf(high, axis);
  CheckInside(first, axis, "the fitted range");
  CheckInside(last, axis, "the fitted range");
  const size_t range = static_cast<size_t>(last - first), peaks = families.size(), columns = peaks + 3;
  if (range <= columns)
  {
    itkGenericExceptionMacro(<< "EDSLineModel: " << range << " channels to fit " << columns << " parameters");
  }
  // Design matrix (range x columns, column-major), each column scaled to unit length.
  std::vector<double> design(range * columns, 0.0), norm(columns, 0.0);
  const double        middle = 0.5 * (low + high), halfWidth = 0.5 * (high - low);
  for (size_t r = 0; r < range; ++r)
  {
    const double e = axis.GetEnergy(static_cast<double>(first) + static_cast<double>(r));
    for (size_t f = 0; f < peaks; ++f)
    {
      for (const auto & member : families[f])
      {
        const double sigma = GetFWHM(member.Energy, m_ResolutionMnKa) / FWHMPerSigma;
        const double z = (e - member.Energy) / sigma;
        design[f * range + r] +=
          member.Weight * axis.GetDispersion() * std::exp(-0.5 * z * z) / (sigma * std::sqrt(2.0 * M_PI));
      }
    }
    const double t = (e - middle) / halfWidth;
    design[peaks * range + r] = 1.0;
    design[(peaks + 1) * range + r] = t;
    design[(peaks + 2) * range + r] = t * t;
  }
  for (size_t j = 0; j < columns; ++j)
  {
    const double * column = design.data() + j * range;
    norm[j] = std::sqrt(std::inner_product(column, column + range, column, 0.0));
    if (!(norm[j] > 0.0))
    {
      itkGenericExceptionMacro(<< "EDSLineModel: a family with no line inside the fitted range");
    }
    std::transform(column, column + range, design.data() + j * range, [&](double v) { return v / norm[j]; });
  }
  std::vector<double> gram(columns * columns, 0.0);
  for (size_t a = 0; a < columns; ++a)
  {
    for (size_t b = 0; b < columns; ++b)
    {
      gram[a * columns + b] =
        std::inner_product(design.begin() + a * range, design.begin() + (a + 1) * range, design.begin() + b * range, 0.0);
    }
  }
  EMCholesky cholesky;
  if (!cholesky.Compute(gram.data(), static_cast<unsigned int>(columns), 1e-12))
  {
    itkGenericExceptionMacro(<< "EDSLineModel: the lines cannot be told apart in the fitted range (singular fit)");
  }
  // Row f of (A^T A)^-1 A^T, channel by channel: the amplitudes' weights on the counts.
  const size_t        lines = m_Lines.size(), channels = axis.GetSize();
  std::vector<double> matrix(lines * channels, 0.0), x(columns);
  for (size_t r = 0; r < range; ++r)
  {
    for (size_t j = 0; j < columns; ++j)
    {
      x[j] = design[j * range + r];
    }
    cholesky.Solve(x.data());
    for (size_t i = 0; i < lines; ++i)
    {
      const size_t f = columnOfLine[i];
      matrix[i * channels + static_cast<size_t>(first) + r] = m_Lines[i].Weight * x[f] / norm[f];
    }
  }
  return matrix;
}
} // end namespace itk
