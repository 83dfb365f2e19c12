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
      // The channels below the axis feed the convolution at its first channels; the power law is
      // taken down to E_0 / 2 only (it diverges at 0 eV, where no background follows it).
      m_LongAxisStart = first - static_cast<double>(n) * d;
      for (SizeValueType k = 0; k < 2 * n; ++k)
      {
        const double e = m_LongAxisStart + static_cast<double>(k) * d;
        padded[k] = e >= 0.5 * first ? a * std::pow(e / first, -r) : 0.0;
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
  this->PrecomputeShapeConvolutions();
}

void
CoreLossSpectrumModel::PrecomputeShapeConvolutions()
{
  const SizeValueType n = m_Settings.CoreLossAxis.GetSize();
  const unsigned int  shapes = 1 + m_Plasmons->GetNumberOfPlasmons();
  m_ZeroLossChannel = LowLossConvolver::ZeroLossChannel(m_ZeroLoss.data(), n);
  LowLossConvolver::Workspace workspace(*m_Convolver);
  LowLossConvolver::Spectrum  kernel;
  std::vector<double>         convolved(2 * n);
  const bool convolvedBackground = m_Settings.Background == SimulatedBackgroundEnum::ConvolvedPowerLaw ||
                                   m_Settings.Background == SimulatedBackgroundEnum::ReferenceConvolvedPowerLaw;
  m_EdgeShapes.assign(m_CrossSections.size() * shapes, std::vector<double>());
  m_BackgroundShapes.assign(convolvedBackground ? shapes : 0, std::vector<double>());
  for (unsigned int m = 0; m < shapes; ++m)
  {
    const double * shape = m == 0 ? m_ZeroLoss.data() : m_Plasmons->GetShape(m - 1);
    m_Convolver->TransformKernel(shape, m_ZeroLossChannel, 1.0, kernel, workspace);
    for (size_t e = 0; e < m_CrossSections.size(); ++e)
    {
      m_Convolver->Convolve(m_TransformedCrossSections[e], kernel, convolved.data(), workspace);
      m_EdgeShapes[e * shapes + m].assign(convolved.begin(), convolved.begin() + static_cast<std::ptrdiff_t>(n));
    }
    if (convolvedBackground)
    {
      m_Convolver->Convolve(m_TransformedBackground, kernel, convolved.data(), workspace);
      m_BackgroundShapes[m].resize(n);
      this->ResampleBackground(convolved.data(), m_BackgroundShapes[m].data());
    }
  }
}

CoreLossSpectrumModel::~CoreLossSpectrumModel() = default;

CoreLossSpectrumModel::Workspace::Workspace(const CoreLossSpectrumModel & model)
  : m_Convolver(*model.m_Convolver)
  , m_Long(2 * model.m_Settings.CoreLossAxis.GetSize())
  , m_Resampled(model.m_Settings.CoreLossAxis.GetSize())
  , m_Coefficients(1 + model.m_Plasmons->GetNumberOfPlasmons())
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
  // Convolve on the 2N-channel axis, interpolate onto the core-loss axis, scale the first channel to A.
  m_Convolver->Convolve(m_TransformedBackground, workspace.m_Kernel, workspace.m_Long.data(), workspace.m_Convolver);
  std::vector<double> & resampled = workspace.m_Resampled;
  this->ResampleBackground(workspace.m_Long.data(), resampled.data());
  if (!(resampled[0] > 0.0))
  {
    return; // A = 0, or no background reaches the axis
  }
  const double scale = m_Settings.BackgroundAmplitude / resampled[0];
  for (SizeValueType i = 0; i < n; ++i)
  {
    out[i] += scale * resampled[i];
  }
}

void
CoreLossSpectrumModel::ResampleBackground(const double * convolved, double * out) const
{
  // Linear interpolation from the 2N-sample axis starting at m_LongAxisStart; 0 outside.
  const EnergyAxis &  axis = m_Settings.CoreLossAxis;
  const SizeValueType n = axis.GetSize();
  const double        d = axis.GetDispersion();
  for (SizeValueType i = 0; i < n; ++i)
  {
    const double u = (axis.GetEnergy(static_cast<double>(i)) - m_LongAxisStart) / d;
    if (!(u >= 0.0) || u > static_cast<double>(2 * n - 1))
    {
      out[i] = 0.0;
      continue;
    }
    const auto   k = std::min<SizeValueType>(static_cast<SizeValueType>(u), 2 * n - 2);
    const double t = u - static_cast<double>(k);
    out[i] = convolved[k] + t * (convolved[k + 1] - convolved[k]);
  }
}

void
CoreLossSpectrumModel::Simulate(double thickness, const double * abundances, double * lowLoss, double * coreLoss,
                                Workspace & workspace) const
{
  this->LowLoss(thickness, lowLoss);
  const SizeValueType n = m_Settings.CoreLossAxis.GetSize();
  if (LowLossConvolver::ZeroLossChannel(lowLoss, n) != m_ZeroLossChannel)
  {
    this->CoreLoss(lowLoss, abundances, coreLoss, workspace); // the kernel origin moved
    return;
  }
  // l^ = (Z + sum_k p_k S_k) / sum(l): the coefficients of the shapes.
  const unsigned int shapes = 1 + m_Plasmons->GetNumberOfPlasmons();
  double *           c = workspace.m_Coefficients.data();
  m_Plasmons->Coefficients(thickness, m_ZeroLossSum, c + 1);
  double sum = 0.0;
  for (SizeValueType i = 0; i < n; ++i)
  {
    sum += lowLoss[i];
  }
  c[0] = 1.0;
  for (unsigned int m = 0; m < shapes; ++m)
  {
    c[m] /= sum;
  }
  std::fill(coreLoss, coreLoss + n, 0.0);
  for (size_t e = 0; e < m_CrossSections.size(); ++e)
  {
    for (unsigned int m = 0; m < shapes; ++m)
    {
      const double   weight = abundances[e] * c[m];
      const double * shape = m_EdgeShapes[e * shapes + m].data();
      for (SizeValueType i = 0; i < n; ++i)
      {
        coreLoss[i] += weight * shape[i];
      }
    }
  }
  if (m_BackgroundShapes.empty())
  {
    this->AddBackground(workspace, coreLoss); // None or the plain power law
    return;
  }
  double * background = workspace.m_Long.data();
  std::fill(background, background + n, 0.0);
  for (unsigned int m = 0; m < shapes; ++m)
  {
    const double * shape = m_BackgroundShapes[m].data();
    for (SizeValueType i = 0; i < n; ++i)
    {
      background[i] += c[m] * shape[i];
    }
  }
  if (!(background[0] > 0.0))
  {
    return;
  }
  const double scale = m_Settings.BackgroundAmplitude / background[0];
  for (SizeValueType i = 0; i < n; ++i)
  {
    coreLoss[i] += scale * background[i];
  }
}
} // end namespace itk
