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
#ifndef itkCoreLossSimulator_hxx
#define itkCoreLossSimulator_hxx

#include "itkCoreLossSimulator.h"

#include "itkEELSEdgeTable.h"
#include "itkEMMetaData.h"
#include "itkEMParallelRanges.h"
#include "itkHydrogenicCrossSection.h"
#include "itkImageRegionIterator.h"
#include "itkMath.h"
#include "itkPoissonSampler.h"

#include <algorithm>
#include <cmath>

namespace itk
{
template <typename TPixel>
CoreLossSimulator<TPixel>::CoreLossSimulator()
{
  this->SetPrimaryInputName("Thickness");
  this->SetNumberOfRequiredInputs(1);
  this->SetNumberOfRequiredOutputs(2);
  this->SetNthOutput(0, this->MakeOutput(0));
  this->SetNthOutput(1, this->MakeOutput(1));
  this->ProcessObject::SetOutput("DriftMap", this->MakeOutput("DriftMap"));
  m_Microscope.SetBeamEnergy(300.0);
  m_Microscope.SetConvergenceSemiAngle(1e-6);
  m_Microscope.SetCollectionSemiAngle(20.0);
}

template <typename TPixel>
auto
CoreLossSimulator<TPixel>::MakeOutput(const DataObjectIdentifierType & name) -> DataObjectPointer
{
  if (name == "DriftMap")
  {
    return DriftImageType::New().GetPointer();
  }
  return Superclass::MakeOutput(name);
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetThicknessMap(const MapImageType * thickness)
{
  this->SetNthInput(0, const_cast<MapImageType *>(thickness));
}

template <typename TPixel>
auto
CoreLossSimulator<TPixel>::GetThicknessMap() const -> const MapImageType *
{
  return itkDynamicCastInDebugMode<const MapImageType *>(this->ProcessObject::GetInput(0));
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetSeedMaps(const SeedMaps & maps)
{
  this->SetThicknessMap(maps.Thickness);
  for (unsigned int e = 0; e < maps.Abundances.size(); ++e)
  {
    this->SetAbundanceMap(e, maps.Abundances[e]);
  }
  this->SetElements(maps.Elements);
  this->SetEdges(maps.Edges);
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetAbundanceMap(unsigned int index, const MapImageType * map)
{
  this->SetNthInput(index + 1, const_cast<MapImageType *>(map));
}

template <typename TPixel>
auto
CoreLossSimulator<TPixel>::GetAbundanceMap(unsigned int index) const -> const MapImageType *
{
  return itkDynamicCastInDebugMode<const MapImageType *>(this->ProcessObject::GetInput(index + 1));
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetDriftMap(const DriftImageType * drift)
{
  this->ProcessObject::SetInput("DriftMap", const_cast<DriftImageType *>(drift));
}

template <typename TPixel>
auto
CoreLossSimulator<TPixel>::GetDriftMap() const -> const DriftImageType *
{
  return itkDynamicCastInDebugMode<const DriftImageType *>(this->ProcessObject::GetInput("DriftMap"));
}

template <typename TPixel>
auto
CoreLossSimulator<TPixel>::GetDriftMapOutput() -> DriftImageType *
{
  return itkDynamicCastInDebugMode<DriftImageType *>(this->ProcessObject::GetOutput("DriftMap"));
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetElements(const std::vector<std::string> & elements)
{
  if (elements != m_Elements)
  {
    m_Elements = elements;
    this->Modified();
  }
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetEdges(const std::vector<std::string> & edges)
{
  if (edges != m_Edges)
  {
    m_Edges = edges;
    this->Modified();
  }
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetCrossSections(const std::vector<std::vector<double>> & crossSections)
{
  if (crossSections != m_CrossSections)
  {
    m_CrossSections = crossSections;
    this->Modified();
  }
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetEnergyAxis(const EnergyAxis & axis)
{
  if (axis != m_EnergyAxis)
  {
    m_EnergyAxis = axis;
    this->Modified();
  }
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::SetMicroscope(const MicroscopeParameters & microscope)
{
  if (!(microscope == m_Microscope))
  {
    m_Microscope = microscope;
    this->Modified();
  }
}

template <typename TPixel>
unsigned int
CoreLossSimulator<TPixel>::GetNumberOfElements() const
{
  return static_cast<unsigned int>(m_CrossSections.empty() ? m_Elements.size() : m_CrossSections.size());
}

template <typename TPixel>
std::vector<std::vector<double>>
CoreLossSimulator<TPixel>::ElementCrossSections() const
{
  if (!m_CrossSections.empty())
  {
    return m_CrossSections;
  }
  CrossSectionSettings settings = CrossSectionSettings::FromMicroscope(m_Microscope);
  settings.QSteps = m_QSteps;
  settings.Integration = m_Integration;
  settings.Constants = m_Constants;
  std::vector<std::vector<double>> sections;
  for (size_t e = 0; e < m_Elements.size(); ++e)
  {
    sections.push_back(HydrogenicCrossSection::FromEdge(m_Elements[e], m_Edges[e]).Compute(m_EnergyAxis, settings));
  }
  return sections;
}

template <typename TPixel>
CoreLossSpectrumModel::Settings
CoreLossSimulator<TPixel>::ModelSettings() const
{
  CoreLossSpectrumModel::Settings settings;
  settings.CoreLossAxis = m_EnergyAxis;
  settings.ZeroLossFWHM = m_ZeroLossFWHM;
  settings.Plasmons.PlasmonEnergy = m_PlasmonEnergy;
  settings.Plasmons.PlasmonWidth = m_PlasmonWidth;
  settings.Plasmons.BandGapEnergy = m_BandGapEnergy;
  settings.Plasmons.NumberOfPlasmons = m_NumberOfPlasmons;
  settings.Plasmons.BeamVoltage = m_Microscope.GetBeamVoltage();
  settings.Plasmons.CollectionSemiAngle = m_Microscope.GetCollectionSemiAngleInRadians();
  settings.Plasmons.Constants = m_Constants;
  settings.Background = m_Background;
  settings.BackgroundAmplitude = m_BackgroundAmplitude;
  settings.BackgroundExponent = m_BackgroundExponent;
  return settings;
}

template <typename TPixel>
std::vector<int>
CoreLossSimulator<TPixel>::SeedDriftPattern(SizeValueType xsize, SizeValueType ysize, const EnergyAxis & lowLossAxis)
{
  // An energy span used as a channel count, as in the seed.
  const double     amplitude = 0.005 * (lowLossAxis.GetLastEnergy() - lowLossAxis.GetOffset());
  const double     period = static_cast<double>(xsize * ysize) / 20.0;
  std::vector<int> shifts(xsize * ysize);
  for (SizeValueType p = 0; p < shifts.size(); ++p)
  {
    shifts[p] = static_cast<int>(amplitude * std::sin(2.0 * itk::Math::pi * static_cast<double>(p) / period));
  }
  return shifts;
}

template <typename TPixel>
std::vector<int>
CoreLossSimulator<TPixel>::DriftPerPixel() const
{
  const auto       size = this->GetThicknessMap()->GetLargestPossibleRegion().GetSize();
  std::vector<int> drift(size[0] * size[1], 0);
  if (m_Drift == SimulatedDriftEnum::SeedPattern)
  {
    const EnergyAxis lowLossAxis(-10.0 * m_ZeroLossFWHM, m_EnergyAxis.GetDispersion(), m_EnergyAxis.GetSize());
    const auto       pattern = SeedDriftPattern(size[0], size[1], lowLossAxis); // index x * ysize + y
    for (SizeValueType y = 0; y < size[1]; ++y)
    {
      for (SizeValueType x = 0; x < size[0]; ++x)
      {
        drift[y * size[0] + x] = pattern[x * size[1] + y];
      }
    }
  }
  else if (m_Drift == SimulatedDriftEnum::DriftMap)
  {
    const DriftImageType * map = this->GetDriftMap();
    if (map == nullptr)
    {
      itkExceptionMacro(<< "Drift is DriftMap but no drift map is set (SetDriftMap)");
    }
    const_cast<DriftImageType *>(map)->Update(); // its values fix the output length
    if (map->GetBufferedRegion().GetSize() != size)
    {
      itkExceptionMacro(<< "The drift map is " << map->GetBufferedRegion().GetSize() << ", the maps " << size);
    }
    std::copy(map->GetBufferPointer(), map->GetBufferPointer() + drift.size(), drift.begin());
    for (const int s : drift)
    {
      if (std::abs(static_cast<double>(s)) >= static_cast<double>(m_EnergyAxis.GetSize()) / 2.0)
      {
        itkExceptionMacro(<< "A drift of " << s << " channels leaves less than half of the " << m_EnergyAxis.GetSize()
                          << " channels");
      }
    }
  }
  return drift;
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::VerifyInputs() const
{
  const MapImageType * thickness = this->GetThicknessMap();
  if (thickness == nullptr)
  {
    itkExceptionMacro(<< "No thickness (t/lambda) map: set one with SetThicknessMap()");
  }
  const unsigned int n = this->GetNumberOfElements();
  if (m_CrossSections.empty() && m_Edges.size() != m_Elements.size())
  {
    itkExceptionMacro(<< m_Elements.size() << " elements but " << m_Edges.size() << " edges");
  }
  if (!m_CrossSections.empty() && !m_Elements.empty() && m_Elements.size() != m_CrossSections.size())
  {
    itkExceptionMacro(<< m_Elements.size() << " element names for " << m_CrossSections.size() << " cross sections");
  }
  const auto size = thickness->GetLargestPossibleRegion().GetSize();
  for (unsigned int e = 0; e < n; ++e)
  {
    const MapImageType * map = this->GetAbundanceMap(e);
    if (map == nullptr)
    {
      itkExceptionMacro(<< "No abundance map for element " << e << " (SetAbundanceMap)");
    }
    if (map->GetLargestPossibleRegion().GetSize() != size)
    {
      itkExceptionMacro(<< "Abundance map " << e << " is " << map->GetLargestPossibleRegion().GetSize()
                        << ", the thickness map " << size);
    }
  }
  if (this->GetNumberOfIndexedInputs() > n + 1 && this->GetAbundanceMap(n) != nullptr)
  {
    itkExceptionMacro(<< "More abundance maps than elements (" << n << ")");
  }
  if (!(m_NoiseScale > 0.0) || !std::isfinite(m_NoiseScale))
  {
    itkExceptionMacro(<< "NoiseScale must be positive, got " << m_NoiseScale);
  }
  if (m_EnergyAxis.GetSize() < 2)
  {
    itkExceptionMacro(<< "The core-loss axis needs at least 2 channels");
  }
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::GenerateOutputInformation()
{
  this->VerifyInputs();
  const MapImageType *   thickness = this->GetThicknessMap();
  const std::vector<int> drift = this->DriftPerPixel();
  const int              highest = std::max(0, *std::max_element(drift.begin(), drift.end()));
  const int              lowest = std::min(0, *std::min_element(drift.begin(), drift.end()));
  const SizeValueType    length = m_EnergyAxis.GetSize() - static_cast<SizeValueType>(highest - lowest);
  const double           offsetChange = *std::min_element(drift.begin(), drift.end()) * m_EnergyAxis.GetDispersion();

  const EnergyAxis coreAxis(m_EnergyAxis.GetOffset() + offsetChange, m_EnergyAxis.GetDispersion(), length);
  const EnergyAxis lowAxis(-10.0 * m_ZeroLossFWHM + offsetChange, m_EnergyAxis.GetDispersion(), length);
  for (unsigned int o = 0; o < 2; ++o)
  {
    SpectrumImageType * output = this->GetOutput(o);
    output->CopyInformation(thickness);
    output->SetNumberOfComponentsPerPixel(static_cast<unsigned int>(length));
    MetaDataDictionary dictionary;
    (o == 0 ? coreAxis : lowAxis).WriteTo(dictionary);
    m_Microscope.WriteTo(dictionary);
    EMMetaData::SetString(dictionary, EMMetaDataKeys::SignalType, "EELS");
    output->SetMetaDataDictionary(dictionary);
  }
  this->GetDriftMapOutput()->CopyInformation(thickness);
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::EnlargeOutputRequestedRegion(DataObject * output)
{
  Superclass::EnlargeOutputRequestedRegion(output);
  output->SetRequestedRegionToLargestPossibleRegion();
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::GenerateData()
{
  const MapImageType * thickness = this->GetThicknessMap();
  const unsigned int   n = this->GetNumberOfElements();
  const auto           size = thickness->GetLargestPossibleRegion().GetSize();
  const SizeValueType  pixels = size[0] * size[1];
  std::vector<const TPixel *> maps(n);
  for (unsigned int e = 0; e < n; ++e)
  {
    maps[e] = this->GetAbundanceMap(e)->GetBufferPointer();
  }
  const TPixel * t = thickness->GetBufferPointer();
  for (SizeValueType p = 0; p < pixels; ++p)
  {
    if (!(t[p] >= TPixel(0)) || !std::isfinite(static_cast<double>(t[p])))
    {
      itkExceptionMacro(<< "t/lambda must be finite and >= 0; pixel " << p << " has " << t[p]);
    }
    for (unsigned int e = 0; e < n; ++e)
    {
      if (!(maps[e][p] >= TPixel(0)) || !std::isfinite(static_cast<double>(maps[e][p])))
      {
        itkExceptionMacro(<< "Abundances must be finite and >= 0; map " << e << " has " << maps[e][p] << " at pixel "
                          << p);
      }
    }
  }

  const CoreLossSpectrumModel model(this->ModelSettings(), this->ElementCrossSections());
  const std::vector<int>      drift = this->DriftPerPixel();
  const int                   highest = std::max(0, *std::max_element(drift.begin(), drift.end()));
  SpectrumImageType *         coreLoss = this->GetOutput(0);
  SpectrumImageType *         lowLoss = this->GetOutput(1);
  DriftImageType *            driftOutput = this->GetDriftMapOutput();
  for (SpectrumImageType * output : { coreLoss, lowLoss })
  {
    output->SetBufferedRegion(output->GetLargestPossibleRegion());
    output->Allocate();
  }
  driftOutput->SetBufferedRegion(driftOutput->GetLargestPossibleRegion());
  driftOutput->Allocate();
  std::copy(drift.begin(), drift.end(), driftOutput->GetBufferPointer());

  const SizeValueType channels = m_EnergyAxis.GetSize();
  const SizeValueType length = coreLoss->GetNumberOfComponentsPerPixel();
  TPixel *            coreBuffer = coreLoss->GetBufferPointer();
  TPixel *            lowBuffer = lowLoss->GetBufferPointer();
  EMParallelRanges(
    this->GetMultiThreader(),
    pixels,
    size[0], // a row (each pixel draws from its own random stream, so any split gives the same counts)
    [&](SizeValueType, SizeValueType begin, SizeValueType end) {
      CoreLossSpectrumModel::Workspace workspace(model);
      std::vector<double>              ll(channels), cl(channels), abundances(n);
      for (SizeValueType p = begin; p < end; ++p)
      {
        for (unsigned int e = 0; e < n; ++e)
        {
          abundances[e] = static_cast<double>(maps[e][p]);
        }
        model.Simulate(static_cast<double>(t[p]), abundances.data(), ll.data(), cl.data(), workspace);
        // Channel k of the output holds channel first + k - s of the unshifted spectra.
        const SizeValueType source = static_cast<SizeValueType>(highest - drift[p]);
        PoissonSampler::RandomStream random(m_Seed, p);
        TPixel *            coreOut = coreBuffer + p * length;
        TPixel *            lowOut = lowBuffer + p * length;
        for (SizeValueType k = 0; k < length; ++k)
        {
          const double mean = m_NoiseScale * cl[source + k];
          coreOut[k] = static_cast<TPixel>(m_AddNoise ? static_cast<double>(PoissonSampler::Draw(mean, random)) : mean);
          lowOut[k] = static_cast<TPixel>(ll[source + k]);
        }
      }
    },
    this);
}

template <typename TPixel>
void
CoreLossSimulator<TPixel>::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Elements:";
  for (size_t e = 0; e < m_Elements.size(); ++e)
  {
    os << " " << m_Elements[e] << (e < m_Edges.size() ? " " + m_Edges[e] : std::string());
  }
  os << std::endl;
  os << indent << "CrossSections given: " << m_CrossSections.size() << std::endl;
  os << indent << "EnergyAxis: " << m_EnergyAxis << std::endl;
  os << indent << "Microscope: " << m_Microscope << std::endl;
  os << indent << "QSteps: " << m_QSteps << ", Integration: " << m_Integration << ", Constants: " << m_Constants
     << std::endl;
  os << indent << "ZeroLossFWHM: " << m_ZeroLossFWHM << std::endl;
  os << indent << "Plasmons: Ep " << m_PlasmonEnergy << " eV, Ew " << m_PlasmonWidth << " eV, Eb " << m_BandGapEnergy
     << " eV, " << m_NumberOfPlasmons << " plasmons" << std::endl;
  os << indent << "Background: " << m_Background << " (A " << m_BackgroundAmplitude << ", r " << m_BackgroundExponent
     << ")" << std::endl;
  os << indent << "AddNoise: " << m_AddNoise << ", NoiseScale: " << m_NoiseScale << ", Seed: " << m_Seed << std::endl;
  os << indent << "Drift: " << m_Drift << std::endl;
}
} // end namespace itk

#endif
