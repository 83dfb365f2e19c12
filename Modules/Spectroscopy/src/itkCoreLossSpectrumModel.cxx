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
#include "itkCoreLossSpectrumModel.h"

#include "itkMacro.h"

#include <cmath>
#include <ostream>

namespace itk
{
std::ostream &
operator<<(std::ostream & os, SimulatedBackgroundEnum value)
{
  switch (value)
  {
    case SimulatedBackgroundEnum::None:
      return os << "None";
    case SimulatedBackgroundEnum::PowerLaw:
      return os << "PowerLaw";
    case SimulatedBackgroundEnum::ConvolvedPowerLaw:
      return os << "ConvolvedPowerLaw";
    case SimulatedBackgroundEnum::ReferenceConvolvedPowerLaw:
      return os << "ReferenceConvolvedPowerLaw";
  }
  return os << "SimulatedBackgroundEnum(" << static_cast<int>(value) << ")";
}

std::ostream &
operator<<(std::ostream & os, SimulatedDriftEnum value)
{
  switch (value)
  {
    case SimulatedDriftEnum::None:
      return os << "None";
    case SimulatedDriftEnum::SeedPattern:
      return os << "SeedPattern";
    case SimulatedDriftEnum::DriftMap:
      return os << "DriftMap";
  }
  return os << "SimulatedDriftEnum(" << static_cast<int>(value) << ")";
}

CoreLossSpectrumModel::CoreLossSpectrumModel(const Settings & settings, std::vector<std::vector<double>> crossSections)
  : m_Settings(settings)
  , m_CrossSections(std::move(crossSections))
{
  const EnergyAxis &  axis = settings.CoreLossAxis;
  const SizeValueType n = axis.GetSize();
  const double        d = axis.GetDispersion();
  if (n == 0)
  {
    itkGenericExceptionMacro(<< "CoreLossSpectrumModel: the core-loss axis has no channels");
  }
  if (!(settings.ZeroLossFWHM > 0.0) || !std::isfinite(settings.ZeroLossFWHM))
  {
    itkGenericExceptionMacro(<< "CoreLossSpectrumModel: the zero-loss FWHM must be positive, got "
                             << settings.ZeroLossFWHM);
  }
  if (!(settings.BackgroundAmplitude >= 0.0) || !std::isfinite(settings.BackgroundAmplitude) ||
      !std::isfinite(settings.BackgroundExponent))
  {
    itkGenericExceptionMacro(<< "CoreLossSpectrumModel: invalid background (A = " << settings.BackgroundAmplitude
                             << ", r = " << settings.BackgroundExponent << ")");
  }
  for (size_t e = 0; e < m_CrossSections.size(); ++e)
  {
    if (m_CrossSections[e].size() != n)
    {
      itkGenericExceptionMacro(<< "CoreLossSpectrumModel: cross section " << e << " has " << m_CrossSections[e].size()
                               << " values for " << n << " channels");
    }
  }

  m_LowLossAxis = EnergyAxis(-10.0 * settings.ZeroLossFWHM, d, n);
  m_ZeroLoss.resize(n);
  for (SizeValueType i = 0; i < n; ++i)
  {
    m_ZeroLoss[i] = LowLossPeaks::Gaussian(m_LowLossAxis.GetEnergy(static_cast<double>(i)), 1.0, 0.0, settings.ZeroLossFWHM);
    m_ZeroLossSum += m_ZeroLoss[i];
  }
  m_Plasmons = std::make_unique<DrudePlasmonSeries>(m_LowLossAxis, settings.Plasmons);

  // One transform length for edges (N channels) and the background (2N channels).
  m_Convolver = std::make_unique<LowLossConvolver>(2 * n, n);
  LowLossConvolver::Workspace workspace(*m_Convolver);
  std::vector<double>         padded(2 * n, 0.0);
  for (const auto & sigma : m_CrossSections)
  {
    std::copy(sigma.begin(), sigma.end(), padded.begin());
    m_TransformedCrossSections.emplace_back();
    m_Convolver->TransformModel(padded.data(), m_TransformedCrossSections.back(), workspace);
  }

  const double a = settings.BackgroundAmplitude;
  const double r = settings.BackgroundExponent;
  const double first = axis.GetOffset();
  switch (settings.Background)
  {
    case SimulatedBackgroundEnum::None:
      break;
    case SimulatedBackgroundEnum::PowerLaw:
    case SimulatedBackgroundEnum::ConvolvedPowerLaw:
      if (!(first > 0.0))
      {
        itkGenericExceptionMacro(<< "CoreLossSpectrumModel: a power-law background needs a core-loss axis above 0 eV, "
                                    "it starts at "
                                 << first << " eV");
      }
      if (settings.Background == SimulatedBackgroundEnum::PowerLaw)
      {
        m_PlainBackground.resize(n);
        for (SizeValueType i = 0; i < n; ++i)
        {
          m_PlainBackground[i] = a * std::pow(axis.GetEnergy(static_cast<double>(i)) / first, -r);
        }
        break;
      }
      // N channels below the axis feed the convolution at its first channels.
      m_LongAxisStart = first - static_cast<double>(n) * d;
      for (SizeValueType k = 0; k < 2 * n; ++k)
      {
        const double e = m_LongAxisStart + static_cast<double>(k) * d;
        padded[k] = e > 0.0 ? a * std::pow(e / first, -r) : 0.0;
      }
      m_Convolver->TransformModel(padded.data(), m_TransformedBackground, workspace);
      break;
    case SimulatedBackgroundEnum::ReferenceConvolvedPowerLaw:
    {
      constexpr double start = 100.0; // eV, fixed in pyEELSMODEL
      for (SizeValueType k = 0; k < 2 * n; ++k)
      {
        padded[k] = a * std::pow((start + static_cast<double>(k) * d) / start, -r);
      }
      m_LongAxisStart = std::max(first - 0.5 * static_cast<double>(n) * d, d);
      m_Convolver->TransformModel(padded.data(), m_TransformedBackground, workspace);
      break;
    }
  }
}

CoreLossSpectrumModel::~CoreLossSpectrumModel() = default;

CoreLossSpectrumModel::Workspace::Workspace(const CoreLossSpectrumModel & model)
  : m_Convolver(*model.m_Convolver)
  , m_Long(2 * model.m_Settings.CoreLossAxis.GetSize())
{}

void
CoreLossSpectrumModel::LowLoss(double thickness, double * out) const
{
  m_Plasmons->Compute(thickness, m_ZeroLossSum, out);
  for (SizeValueType i = 0; i < m_ZeroLoss.size(); ++i)
  {
    out[i] += m_ZeroLoss[i];
  }
}

void
CoreLossSpectrumModel::CoreLoss(const double * lowLoss, const double * abundances, double * out,
                                Workspace & workspace) const
{
  const SizeValueType n = m_Settings.CoreLossAxis.GetSize();
  m_Convolver->TransformKernel(lowLoss, workspace.m_Kernel, workspace.m_Convolver);
  std::fill(out, out + n, 0.0);
  if (!m_TransformedCrossSections.empty())
  {
    // The convolution is linear: combine the transformed edges first, then one inverse transform.
    auto & edges = workspace.m_Edges;
    edges.assign(m_TransformedCrossSections.front().size(), 0.0);
    for (size_t e = 0; e < m_TransformedCrossSections.size(); ++e)
    {
      const double   amount = abundances[e];
      const auto &   sigma = m_TransformedCrossSections[e];
      for (size_t b = 0; b < edges.size(); ++b)
      {
        edges[b] += amount * sigma[b];
      }
    }
    m_Convolver->Convolve(edges, workspace.m_Kernel, workspace.m_Long.data(), workspace.m_Convolver);
    std::copy(workspace.m_Long.begin(), workspace.m_Long.begin() + static_cast<std::ptrdiff_t>(n), out);
  }
  this->AddBackground(workspace, out);
}

void
CoreLossSpectrumModel::AddBackground(Workspace & workspace, double * out) const
{
  const EnergyAxis &  axis = m_Settings.CoreLossAxis;
  const SizeValueType n = axis.GetSize();
  if (m_Settings.Background == SimulatedBackgroundEnum::None)
  {
    return;
  }
  if (m_Settings.Background == SimulatedBackgroundEnum::PowerLaw)
  {
    for (SizeValueType i = 0; i < n; ++i)
    {
      out[i] += m_PlainBackground[i];
    }
    return;
  }
  // Convolve on the 2N-channel axis, interpolate linearly onto the core-loss axis (0 outside),
  // scale the first channel to A.
  std::vector<double> & convolved = workspace.m_Long;
  m_Convolver->Convolve(m_TransformedBackground, workspace.m_Kernel, convolved.data(), workspace.m_Convolver);
  const double d = axis.GetDispersion();
  const auto   sample = [&](SizeValueType i) {
    const double u = (axis.GetEnergy(static_cast<double>(i)) - m_LongAxisStart) / d;
    if (!(u >= 0.0) || u > static_cast<double>(2 * n - 1))
    {
      return 0.0;
    }
    const auto   k = std::min<SizeValueType>(static_cast<SizeValueType>(u), 2 * n - 2);
    const double t = u - static_cast<double>(k);
    return convolved[k] + t * (convolved[k + 1] - convolved[k]);
  };
  const double firstValue = sample(0);
  if (!(firstValue > 0.0))
  {
    return; // A = 0, or no background reaches the axis
  }
  const double scale = m_Settings.BackgroundAmplitude / firstValue;
  for (SizeValueType i = 0; i < n; ++i)
  {
    out[i] += scale * sample(i);
  }
}
} // end namespace itk
