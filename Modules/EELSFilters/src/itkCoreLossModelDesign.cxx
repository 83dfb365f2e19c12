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
#include "itkCoreLossModelDesign.h"

#include "itkHydrogenicCrossSection.h"
#include "itkMacro.h"
#include "itkTabulatedCrossSection.h"

#include <algorithm>
#include <cmath>

namespace itk
{
namespace
{
std::vector<double>
CrossSection(const QuantifiedEdge & edge, const CoreLossModelSettings & settings, double & onset)
{
  if (settings.GOSHFile.empty() && !settings.ComputedCrossSections)
  {
    auto section = HydrogenicCrossSection::FromEdge(edge.Element, edge.Edge);
    if (edge.OnsetEnergy > 0.0)
    {
      section.SetOnsetEnergy(edge.OnsetEnergy);
    }
    onset = section.GetOnsetEnergy();
    return section.Compute(settings.Axis, settings.CrossSections);
  }
  const auto   section = settings.GOSHFile.empty()
                           ? TabulatedCrossSection::FromComputed(edge.Element, edge.Edge)
                           : TabulatedCrossSection::FromGOSH(settings.GOSHFile, edge.Element, edge.Edge);
  const double shift = edge.OnsetEnergy > 0.0 ? edge.OnsetEnergy - section.GetOnsetEnergy() : 0.0;
  onset = section.GetOnsetEnergy() + shift;
  return section.Compute(settings.Axis, settings.CrossSections, shift);
}
// The smallest pivot of the Cholesky factor of the power laws' correlation matrix on the fitted
// channels: 1 for orthogonal columns, 0 for dependent ones. Below ResolvablePivot the window
// cannot tell the power laws apart in double precision once the edges join them.
constexpr double ResolvablePivot = 1e-12;

double
SmallestPivot(const std::vector<double> & exponents, double referenceEnergy, const EnergyAxis & axis,
              const std::vector<SizeValueType> & channels)
{
  const size_t                     p = exponents.size();
  std::vector<std::vector<double>> columns(p);
  for (size_t j = 0; j < p; ++j)
  {
    double norm = 0.0;
    for (const SizeValueType k : channels)
    {
      columns[j].push_back(std::pow(axis.GetEnergy(static_cast<double>(k)) / referenceEnergy, -exponents[j]));
      norm += columns[j].back() * columns[j].back();
    }
    for (double & value : columns[j])
    {
      value /= std::sqrt(norm);
    }
  }
  std::vector<double> factor(p * p, 0.0);
  double              smallest = 1.0;
  for (size_t i = 0; i < p; ++i)
  {
    for (size_t j = 0; j <= i; ++j)
    {
      double sum = 0.0;
      for (size_t k = 0; k < channels.size(); ++k)
      {
        sum += columns[i][k] * columns[j][k];
      }
      for (size_t k = 0; k < j; ++k)
      {
        sum -= factor[i * p + k] * factor[j * p + k];
      }
      if (i == j)
      {
        if (!(sum > 0.0))
        {
          return 0.0;
        }
        smallest = std::min(smallest, sum);
        factor[i * p + i] = std::sqrt(sum);
      }
      else
      {
        factor[i * p + j] = sum / factor[j * p + j];
      }
    }
  }
  return smallest;
}
} // namespace

CoreLossModelDesign::CoreLossModelDesign(CoreLossModelSettings settings)
  : m_Settings(std::move(settings))
{
  const EnergyAxis & axis = m_Settings.Axis;
  if (m_Settings.Edges.empty())
  {
    itkGenericExceptionMacro(<< "CoreLossModelDesign: no edges to quantify");
  }
  for (size_t e = 0; e < m_Settings.Edges.size(); ++e)
  {
    for (size_t f = 0; f < e; ++f)
    {
      if (m_Settings.Edges[e].Element == m_Settings.Edges[f].Element && m_Settings.Edges[e].Edge == m_Settings.Edges[f].Edge)
      {
        itkGenericExceptionMacro(<< "CoreLossModelDesign: the edge " << m_Settings.Edges[e].Element << " "
                                 << m_Settings.Edges[e].Edge << " is given twice (the fit cannot tell them apart)");
      }
    }
  }
  if (!(m_Settings.FitStart < m_Settings.FitEnd))
  {
    itkGenericExceptionMacro(<< "CoreLossModelDesign: empty fit window [" << m_Settings.FitStart << ", "
                             << m_Settings.FitEnd << "] eV");
  }
  m_Settings.CrossSections.Validate();
  const SizeValueType n = axis.GetSize();
  // Fitted channels: the window minus the exclusions.
  std::vector<bool> fitted(n, false);
  for (SizeValueType k = axis.GetIndex(m_Settings.FitStart); k < axis.GetIndex(m_Settings.FitEnd); ++k)
  {
    fitted[k] = true;
  }
  for (const auto & [from, to] : m_Settings.ExcludedRanges)
  {
    for (SizeValueType k = axis.GetIndex(from); k < axis.GetIndex(to); ++k)
    {
      fitted[k] = false;
    }
  }
  for (SizeValueType k = 0; k < n; ++k)
  {
    if (fitted[k])
    {
      m_Channels.push_back(k);
    }
  }
  const double referenceEnergy = m_Settings.BackgroundReferenceEnergy > 0.0
                                   ? m_Settings.BackgroundReferenceEnergy
                                   : LinearCombinationOfPowerLaws::DefaultReferenceEnergy(axis);
  while (m_Settings.AdaptBackground && m_Settings.BackgroundExponents.size() > 1 && !m_Channels.empty() &&
         SmallestPivot(m_Settings.BackgroundExponents, referenceEnergy, axis, m_Channels) < ResolvablePivot)
  {
    m_DroppedExponents.insert(m_DroppedExponents.begin(), m_Settings.BackgroundExponents.back());
    m_Settings.BackgroundExponents.pop_back();
  }
  const unsigned int columns = this->GetNumberOfColumns();
  if (m_Channels.size() <= columns)
  {
    itkGenericExceptionMacro(<< "CoreLossModelDesign: " << m_Channels.size() << " fitted channels for " << columns
                             << " parameters");
  }
  const double windowStart = axis.GetEnergy(static_cast<double>(m_Channels.front()));
  const double windowEnd = axis.GetEnergy(static_cast<double>(m_Channels.back()));

  const LinearCombinationOfPowerLaws background(m_Settings.BackgroundExponents, referenceEnergy);
  const std::vector<double>          basis = background.Basis(axis);
  const unsigned int                 terms = background.GetNumberOfTerms();
  for (unsigned int k = 0; k < terms; ++k)
  {
    m_Columns.emplace_back(basis.begin() + k * n, basis.begin() + (k + 1) * n);
  }
  for (const QuantifiedEdge & edge : m_Settings.Edges)
  {
    double onset = 0.0;
    m_Columns.push_back(CrossSection(edge, m_Settings, onset));
    if (!(onset >= windowStart && onset < windowEnd))
    {
      itkGenericExceptionMacro(<< "CoreLossModelDesign: the " << edge.Element << " " << edge.Edge << " edge (onset "
                               << onset << " eV) lies outside the fit window " << windowStart << " ... " << windowEnd
                               << " eV");
    }
    m_Onsets.push_back(onset);
  }

  LinearSpectrumFitter::Settings fitter = m_Settings.Fitter;
  if (m_Settings.BackgroundConstraint != BackgroundConstraintEnum::None)
  {
    for (auto row : background.ConvexityConstraints(m_Settings.BackgroundConstraint, windowStart, windowEnd))
    {
      row.resize(columns, 0.0);
      fitter.Constraints.push_back(row);
    }
  }
  if (m_Settings.EdgesNonNegative)
  {
    for (unsigned int e = 0; e < this->GetNumberOfEdges(); ++e)
    {
      std::vector<double> row(columns, 0.0);
      row[terms + e] = 1.0;
      fitter.Constraints.push_back(row);
    }
  }
  m_Fitter = std::make_unique<LinearSpectrumFitter>(columns, fitter);

  if (m_Settings.LowLossLength > 0)
  {
    m_Convolver = std::make_unique<LowLossConvolver>(n, m_Settings.LowLossLength);
    LowLossConvolver::Workspace workspace(*m_Convolver);
    m_Transformed.resize(columns);
    for (unsigned int j = 0; j < columns; ++j)
    {
      if (this->IsConvolved(j))
      {
        m_Convolver->TransformModel(m_Columns[j].data(), m_Transformed[j], workspace);
      }
    }
  }
  m_GatheredColumns.resize(columns);
  for (unsigned int j = 0; j < columns; ++j)
  {
    if (!this->IsConvolved(j))
    {
      for (const SizeValueType k : m_Channels)
      {
        m_GatheredColumns[j].push_back(m_Columns[j][k]);
      }
    }
  }
}

CoreLossModelDesign::~CoreLossModelDesign() = default;

CoreLossModelDesign::Workspace::Workspace(const CoreLossModelDesign & design)
  : m_Full(design.GetNumberOfColumns())
  , m_Gathered(design.GetNumberOfColumns())
  , m_Pointers(design.GetNumberOfColumns())
  , m_Data(design.m_Channels.size())
{
  if (design.m_Convolver != nullptr)
  {
    m_Convolver = std::make_unique<LowLossConvolver::Workspace>(*design.m_Convolver);
  }
  for (unsigned int j = 0; j < design.GetNumberOfColumns(); ++j)
  {
    if (design.IsConvolved(j))
    {
      m_Full[j].resize(design.m_Settings.Axis.GetSize());
      m_Gathered[j].resize(design.m_Channels.size());
      m_Pointers[j] = m_Gathered[j].data();
    }
    else
    {
      m_Pointers[j] = design.m_GatheredColumns[j].data();
    }
  }
}

CoreLossModelDesign::Workspace::~Workspace() = default;

const double * const *
CoreLossModelDesign::FittedColumns(const double * lowLoss, Workspace & w) const
{
  if (m_Convolver != nullptr)
  {
    double sum = 0.0;
    for (SizeValueType k = 0; k < m_Settings.LowLossLength; ++k)
    {
      sum += lowLoss[k];
    }
    if (!std::isfinite(sum) || !(sum > 0.0))
    {
      return nullptr;
    }
    m_Convolver->TransformKernel(lowLoss, w.m_Kernel, *w.m_Convolver);
    for (unsigned int j = 0; j < this->GetNumberOfColumns(); ++j)
    {
      if (this->IsConvolved(j))
      {
        m_Convolver->Convolve(m_Transformed[j], w.m_Kernel, w.m_Full[j].data(), *w.m_Convolver);
        for (size_t i = 0; i < m_Channels.size(); ++i)
        {
          w.m_Gathered[j][i] = w.m_Full[j][m_Channels[i]];
        }
      }
    }
  }
  return w.m_Pointers.data();
}

void
CoreLossModelDesign::Fit(const double * coreLoss, const double * lowLoss, LinearSpectrumFitter::Result & result,
                         double * model, Workspace & w) const
{
  const unsigned int count = this->GetNumberOfColumns();
  const auto         invalid = [&](FitStatusEnum status) {
    result = LinearSpectrumFitter::Result{};
    result.Coefficients.assign(count, std::numeric_limits<double>::quiet_NaN());
    result.CRLB = result.Coefficients;
    result.ReducedChiSquare = result.ReducedDeviance = std::numeric_limits<double>::quiet_NaN();
    result.Status = status;
  };
  const double * const * columns = this->FittedColumns(lowLoss, w);
  if (columns == nullptr)
  {
    invalid(FitStatusEnum::UnusableLowLoss);
    return;
  }
  for (size_t i = 0; i < m_Channels.size(); ++i)
  {
    w.m_Data[i] = coreLoss[m_Channels[i]];
  }
  m_Fitter->Fit(columns, w.m_Data.data(), m_Channels.size(), result, w.m_Fitter);
  if (!result.Valid)
  {
    invalid(result.Status);
  }
  if (model == nullptr)
  {
    return;
  }
  const SizeValueType n = m_Settings.Axis.GetSize();
  std::fill(model, model + n, 0.0);
  for (unsigned int j = 0; j < count; ++j)
  {
    const double * column = this->IsConvolved(j) ? w.m_Full[j].data() : m_Columns[j].data();
    for (SizeValueType k = 0; k < n; ++k)
    {
      model[k] += result.Coefficients[j] * column[k];
    }
  }
}
bool
CoreLossModelDesign::Components(const double * lowLoss, const double * coefficients, Workspace & w,
                                std::vector<std::vector<double>> & components) const
{
  if (this->FittedColumns(lowLoss, w) == nullptr)
  {
    return false;
  }
  const SizeValueType n = m_Settings.Axis.GetSize();
  const unsigned int  background = this->GetNumberOfBackgroundTerms();
  components.assign(1 + this->GetNumberOfEdges(), std::vector<double>(n, 0.0));
  for (unsigned int j = 0; j < this->GetNumberOfColumns(); ++j)
  {
    const double * column = this->IsConvolved(j) ? w.m_Full[j].data() : m_Columns[j].data();
    std::vector<double> & part = components[j < background ? 0 : 1 + j - background];
    for (SizeValueType k = 0; k < n; ++k)
    {
      part[k] += coefficients[j] * column[k];
    }
  }
  return true;
}
} // end namespace itk
