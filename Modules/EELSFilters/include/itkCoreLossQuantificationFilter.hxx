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
#ifndef itkCoreLossQuantificationFilter_hxx
#define itkCoreLossQuantificationFilter_hxx

#include "itkCoreLossQuantificationFilter.h"

#include "itkEELSEdgeTable.h"
#include "itkEMMetaData.h"
#include "itkImageRegionConstIteratorWithIndex.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace itk
{
template <typename TInputImage, typename TMapImage>
CoreLossQuantificationFilter<TInputImage, TMapImage>::CoreLossQuantificationFilter()
{
  this->SetNumberOfRequiredInputs(1);
  this->ProcessObject::SetOutput("Abundances", this->MakeOutput("Abundances"));
  this->ProcessObject::SetOutput("InvalidMask", this->MakeOutput("InvalidMask"));
  this->ProcessObject::SetOutput("FitStatus", this->MakeOutput("FitStatus"));
  this->CreateOutputs();
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::MakeOutput(const DataObjectIdentifierType & name)
  -> DataObjectPointer
{
  if (name == "Abundances" || name == "Model" || name == "Residual")
  {
    return VectorMapImageType::New().GetPointer();
  }
  if (name == "InvalidMask" || name == "FitStatus")
  {
    return MaskImageType::New().GetPointer();
  }
  return Superclass::MakeOutput(name);
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::CreateOutputs()
{
  const auto edges = static_cast<unsigned int>(m_Settings.Edges.size());
  const auto terms = static_cast<unsigned int>(m_Settings.BackgroundExponents.size());
  const unsigned int count = std::max(1u, 3 * edges + terms + 2);
  this->SetNumberOfIndexedOutputs(count);
  for (unsigned int o = 0; o < count; ++o)
  {
    if (this->ProcessObject::GetOutput(o) == nullptr)
    {
      this->SetNthOutput(o, this->MakeOutput(o));
    }
  }
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetLowLoss(const InputImageType * lowLoss)
{
  this->ProcessObject::SetInput("LowLoss", const_cast<InputImageType *>(lowLoss));
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetLowLoss() const -> const InputImageType *
{
  return itkDynamicCastInDebugMode<const InputImageType *>(this->ProcessObject::GetInput("LowLoss"));
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetEdges(const std::vector<QuantifiedEdge> & edges)
{
  m_Settings.Edges = edges;
  this->CreateOutputs();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetBackgroundExponents(const std::vector<double> & exponents)
{
  m_Settings.BackgroundExponents = exponents;
  m_BackgroundExponentsGiven = true;
  this->CreateOutputs();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetBackgroundReferenceEnergy(double energy)
{
  m_Settings.BackgroundReferenceEnergy = energy;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetFitWindow(double start, double end)
{
  m_Settings.FitStart = start;
  m_Settings.FitEnd = end;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetExcludedRanges(
  const std::vector<std::pair<double, double>> & ranges)
{
  m_Settings.ExcludedRanges = ranges;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetMicroscopeParameters(const MicroscopeParameters & parameters)
{
  m_Microscope = parameters;
  m_UseInputMicroscope = false;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetCrossSectionQuadrature(unsigned int            qSteps,
                                                                               MomentumIntegrationEnum integration,
                                                                               EELSConstantsEnum       constants)
{
  m_Settings.CrossSections.QSteps = qSteps;
  m_Settings.CrossSections.Integration = integration;
  m_Settings.CrossSections.Constants = constants;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetGOSHFile(const std::string & path)
{
  m_Settings.GOSHFile = path;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetComputedCrossSections(bool computed)
{
  if (m_Settings.ComputedCrossSections != computed)
  {
    m_Settings.ComputedCrossSections = computed;
    this->Modified();
  }
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetFitter(QuantificationFitterEnum fitter)
{
  m_Settings.Fitter.Fitter = fitter;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetMaximumNumberOfIterations(unsigned int iterations)
{
  m_Settings.Fitter.MaximumIterations = iterations;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetTolerance(double tolerance)
{
  m_Settings.Fitter.Tolerance = tolerance;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetEdgesNonNegative(bool nonNegative)
{
  m_Settings.EdgesNonNegative = nonNegative;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetBackgroundConstraint(BackgroundConstraintEnum constraint)
{
  m_Settings.BackgroundConstraint = constraint;
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::SetComputeModel(bool compute)
{
  if (compute == m_ComputeModel)
  {
    return;
  }
  m_ComputeModel = compute;
  for (const char * name : { "Model", "Residual" })
  {
    if (compute)
    {
      this->ProcessObject::SetOutput(name, this->MakeOutput(name));
    }
    else
    {
      this->ProcessObject::RemoveOutput(name);
    }
  }
  this->Modified();
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetAbundanceMap(unsigned int edge) -> MapImageType *
{
  return this->GetOutput(edge);
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetCRLBMap(unsigned int edge) -> MapImageType *
{
  return this->GetOutput(static_cast<unsigned int>(m_Settings.Edges.size()) + edge);
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetBackgroundMap(unsigned int term) -> MapImageType *
{
  return this->GetOutput(2 * static_cast<unsigned int>(m_Settings.Edges.size()) + term);
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetReducedChiSquareMap() -> MapImageType *
{
  return this->GetBackgroundMap(static_cast<unsigned int>(m_Settings.BackgroundExponents.size()));
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetReducedDevianceMap() -> MapImageType *
{
  return this->GetBackgroundMap(static_cast<unsigned int>(m_Settings.BackgroundExponents.size()) + 1);
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetCompositionMap(unsigned int edge) -> MapImageType *
{
  return this->GetBackgroundMap(static_cast<unsigned int>(m_Settings.BackgroundExponents.size()) + 2 + edge);
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetAbundances() -> VectorMapImageType *
{
  return itkDynamicCastInDebugMode<VectorMapImageType *>(this->ProcessObject::GetOutput("Abundances"));
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetInvalidMask() -> MaskImageType *
{
  return itkDynamicCastInDebugMode<MaskImageType *>(this->ProcessObject::GetOutput("InvalidMask"));
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetFitStatusMap() -> MaskImageType *
{
  return itkDynamicCastInDebugMode<MaskImageType *>(this->ProcessObject::GetOutput("FitStatus"));
}

template <typename TInputImage, typename TMapImage>
std::string
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetFitSummary() const
{
  std::ostringstream summary;
  SizeValueType      pixels = 0;
  for (const SizeValueType count : m_StatusCounts)
  {
    pixels += count;
  }
  if (m_NumberOfInvalidPixels > 0)
  {
    summary << m_NumberOfInvalidPixels << " of " << pixels << " pixels NaN:";
    for (size_t status = 2; status < NumberOfStatuses; ++status)
    {
      if (m_StatusCounts[status] > 0)
      {
        summary << " " << Describe(static_cast<FitStatusEnum>(status)) << " (" << m_StatusCounts[status] << ")";
      }
    }
    if (m_StatusCounts[static_cast<size_t>(FitStatusEnum::Singular)] > 0 && m_Design != nullptr)
    {
      const auto & channels = m_Design->GetFittedChannels();
      const auto & axis = m_Design->GetSettings().Axis;
      summary << " on the " << axis.GetEnergy(static_cast<double>(channels.front())) << " ... "
              << axis.GetEnergy(static_cast<double>(channels.back())) << " eV window with "
              << m_Design->GetNumberOfBackgroundTerms() << " power laws: use fewer power laws or a wider window";
    }
    summary << ".";
  }
  const SizeValueType unconverged = m_StatusCounts[static_cast<size_t>(FitStatusEnum::NotConverged)];
  if (unconverged > 0)
  {
    summary << (summary.tellp() > 0 ? " " : "") << unconverged << " pixels: "
            << Describe(FitStatusEnum::NotConverged) << ".";
  }
  if (m_Design != nullptr && !m_Design->GetDroppedBackgroundExponents().empty())
  {
    summary << (summary.tellp() > 0 ? " " : "") << "Background: power laws r =";
    for (const double r : m_Design->GetDroppedBackgroundExponents())
    {
      summary << " " << r;
    }
    summary << " dropped (the fit window cannot tell them apart from the others); their maps are 0.";
  }
  return summary.str();
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetModel() -> VectorMapImageType *
{
  return itkDynamicCastInDebugMode<VectorMapImageType *>(this->ProcessObject::GetOutput("Model"));
}

template <typename TInputImage, typename TMapImage>
auto
CoreLossQuantificationFilter<TInputImage, TMapImage>::GetResidual() -> VectorMapImageType *
{
  return itkDynamicCastInDebugMode<VectorMapImageType *>(this->ProcessObject::GetOutput("Residual"));
}

template <typename TInputImage, typename TMapImage>
std::string
CoreLossQuantificationFilter<TInputImage, TMapImage>::DescribeCrossSections() const
{
  if (!m_Settings.GOSHFile.empty())
  {
    return "GOSH " + m_Settings.GOSHFile;
  }
  return m_Settings.ComputedCrossSections ? "computed" : "hydrogenic";
}

template <typename TInputImage, typename TMapImage>
CoreLossModelSettings
CoreLossQuantificationFilter<TInputImage, TMapImage>::MakeDesignSettings() const
{
  const InputImageType * coreLoss = this->GetCoreLossToFit();
  CoreLossModelSettings  settings = m_Settings;
  settings.AdaptBackground = !m_BackgroundExponentsGiven;
  settings.Axis = EnergyAxis::ReadFrom(coreLoss->GetMetaDataDictionary(), coreLoss->GetNumberOfComponentsPerPixel());
  const MicroscopeParameters microscope =
    m_UseInputMicroscope ? MicroscopeParameters::ReadFrom(coreLoss->GetMetaDataDictionary()) : m_Microscope;
  const CrossSectionSettings fromMicroscope = CrossSectionSettings::FromMicroscope(microscope);
  settings.CrossSections.BeamVoltage = fromMicroscope.BeamVoltage;
  settings.CrossSections.ConvergenceSemiAngle = fromMicroscope.ConvergenceSemiAngle;
  settings.CrossSections.CollectionSemiAngle = fromMicroscope.CollectionSemiAngle;
  const InputImageType * lowLoss = this->GetLowLossToFit();
  settings.LowLossLength = lowLoss != nullptr && m_MultipleScattering ? lowLoss->GetNumberOfComponentsPerPixel() : 0;
  return settings;
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::VerifyInputInformation() ITKv5_CONST
{
  const InputImageType * coreLoss = this->GetInput();
  if (m_Settings.Edges.empty())
  {
    itkExceptionMacro(<< "No edges to quantify (SetEdges)");
  }
  const EnergyAxis axis =
    EnergyAxis::ReadFrom(coreLoss->GetMetaDataDictionary(), coreLoss->GetNumberOfComponentsPerPixel());
  if (const InputImageType * lowLoss = this->GetLowLoss())
  {
    if (lowLoss->GetLargestPossibleRegion() != coreLoss->GetLargestPossibleRegion())
    {
      itkExceptionMacro(<< "The low loss' scan (" << lowLoss->GetLargestPossibleRegion().GetSize()
                        << ") differs from the core loss' (" << coreLoss->GetLargestPossibleRegion().GetSize() << ")");
    }
    const EnergyAxis lowLossAxis =
      EnergyAxis::ReadFrom(lowLoss->GetMetaDataDictionary(), lowLoss->GetNumberOfComponentsPerPixel());
    if (!lowLossAxis.HasSameDispersion(axis))
    {
      itkExceptionMacro(<< "The low loss has a dispersion of " << lowLossAxis.GetDispersion()
                        << " eV, the core loss " << axis.GetDispersion() << " eV");
    }
  }
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::GenerateOutputInformation()
{
  Superclass::GenerateOutputInformation();
  const InputImageType * coreLoss = this->GetCoreLossToFit();
  const auto             edges = static_cast<unsigned int>(m_Settings.Edges.size());
  const auto             terms = static_cast<unsigned int>(m_Settings.BackgroundExponents.size());
  // Every map says what it holds, in which units, for which element and edge, on which scale;
  // those scaled by the cross sections say which ones.
  const std::string      crossSections = this->DescribeCrossSections();
  const std::string      abundanceUnits = "counts/(barn/eV)";
  const auto label = [&](DataObject * output, const std::string & quantity, const std::string & units, int edge) {
    MetaDataDictionary dictionary;
    EMMetaData::SetString(dictionary, "Quantity", quantity);
    EMMetaData::SetString(dictionary, EMMetaDataKeys::Units, units);
    if (EMMetaData::Has(coreLoss->GetMetaDataDictionary(), "SpatialUnits"))
    {
      EMMetaData::SetString(dictionary, "SpatialUnits", EMMetaData::GetString(coreLoss->GetMetaDataDictionary(), "SpatialUnits"));
    }
    if (edge >= 0)
    {
      const QuantifiedEdge & e = m_Settings.Edges[edge];
      EMMetaData::SetString(dictionary, EMMetaDataKeys::Element, e.Element);
      EMMetaData::SetString(dictionary, "Edge", e.Edge);
      EMMetaData::SetDouble(dictionary, EMMetaDataKeys::AtomicNumber, EELSEdgeTable::GetAtomicNumber(e.Element));
    }
    if (units == abundanceUnits || quantity == "AtomicPercent")
    {
      EMMetaData::SetString(dictionary, "CrossSections", crossSections);
    }
    output->SetMetaDataDictionary(dictionary);
  };
  for (unsigned int e = 0; e < edges; ++e)
  {
    label(this->GetAbundanceMap(e), "Abundance", abundanceUnits, static_cast<int>(e));
    label(this->GetCRLBMap(e), "CRLB", abundanceUnits, static_cast<int>(e));
    label(this->GetCompositionMap(e), "AtomicPercent", "at.%", static_cast<int>(e));
  }
  for (unsigned int k = 0; k < terms; ++k)
  {
    label(this->GetBackgroundMap(k), "BackgroundCoefficient r=" + EMMetaData::FormatDouble(m_Settings.BackgroundExponents[k]),
          "counts", -1);
  }
  label(this->GetReducedChiSquareMap(), "ReducedChiSquare", "", -1);
  label(this->GetReducedDevianceMap(), "ReducedDeviance", "", -1);
  label(this->GetFitStatusMap(), "FitStatus", "", -1);
  std::string codes;
  for (size_t code = 0; code < NumberOfStatuses; ++code)
  {
    codes += (code > 0 ? "; " : "") + std::to_string(code) + " " + Describe(static_cast<FitStatusEnum>(code));
  }
  EMMetaData::SetString(this->GetFitStatusMap()->GetMetaDataDictionary(), "FitStatusCodes", codes);
  // The abundances of all edges as one image: the elements and edges in order, space-separated.
  label(this->GetAbundances(), "Abundance", abundanceUnits, -1);
  std::string elements, edgeNames;
  for (const auto & e : m_Settings.Edges)
  {
    elements += (elements.empty() ? "" : " ") + e.Element;
    edgeNames += (edgeNames.empty() ? "" : " ") + e.Edge;
  }
  EMMetaData::SetString(this->GetAbundances()->GetMetaDataDictionary(), EMMetaDataKeys::Element, elements);
  EMMetaData::SetString(this->GetAbundances()->GetMetaDataDictionary(), "Edge", edgeNames);
  this->GetAbundances()->SetNumberOfComponentsPerPixel(std::max(1u, edges));
  if (m_ComputeModel)
  {
    for (const char * name : { "Model", "Residual" })
    {
      auto * image = itkDynamicCastInDebugMode<VectorMapImageType *>(this->ProcessObject::GetOutput(name));
      image->SetNumberOfComponentsPerPixel(coreLoss->GetNumberOfComponentsPerPixel());
      image->SetMetaDataDictionary(coreLoss->GetMetaDataDictionary());
    }
  }
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::BeforeThreadedGenerateData()
{
  // The design (cross sections, transformed columns) is kept across the pieces of a streamed
  // update; it is rebuilt when a parameter or the inputs' axes or microscope change.
  const CoreLossModelSettings settings = this->MakeDesignSettings();
  const auto                  sameInputs = [&](const CoreLossModelSettings & built) {
    return built.Axis == settings.Axis && built.LowLossLength == settings.LowLossLength &&
           built.CrossSections.BeamVoltage == settings.CrossSections.BeamVoltage &&
           built.CrossSections.ConvergenceSemiAngle == settings.CrossSections.ConvergenceSemiAngle &&
           built.CrossSections.CollectionSemiAngle == settings.CrossSections.CollectionSemiAngle;
  };
  if (m_Design == nullptr || this->GetMTime() > m_DesignTime.GetMTime() || !sameInputs(m_Design->GetSettings()))
  {
    m_Design = std::make_unique<CoreLossModelDesign>(settings);
    m_DesignTime.Modified();
  }
  m_InvalidCount = 0;
  for (auto & count : m_StatusCounting)
  {
    count = 0;
  }
  if (m_Settings.Fitter.Fitter != QuantificationFitterEnum::OrdinaryLeastSquares)
  {
    // Poisson fitters need counts: find a negative value on the fitted channels.
    const InputImageType *      coreLoss = this->GetCoreLossToFit();
    const SizeValueType         n = coreLoss->GetNumberOfComponentsPerPixel();
    const OutputRegionType      region = this->GetOutput(0)->GetRequestedRegion();
    for (ImageRegionConstIteratorWithIndex<InputImageType> it(coreLoss, region); !it.IsAtEnd(); ++it)
    {
      const auto * spectrum = coreLoss->GetBufferPointer() + coreLoss->ComputeOffset(it.GetIndex()) * n;
      for (const SizeValueType k : m_Design->GetFittedChannels())
      {
        if (spectrum[k] < 0)
        {
          itkExceptionMacro(<< "Negative count " << static_cast<double>(spectrum[k]) << " at pixel " << it.GetIndex()
                            << ", channel " << k << ": the " << m_Settings.Fitter.Fitter
                            << " fitter needs counts (use OrdinaryLeastSquares for dark-subtracted data)");
        }
      }
    }
  }
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::DynamicThreadedGenerateData(const OutputRegionType & region)
{
  const InputImageType * coreLoss = this->GetCoreLossToFit();
  const InputImageType * lowLoss = m_Design->UsesLowLoss() ? this->GetLowLossToFit() : nullptr;
  const SizeValueType    n = coreLoss->GetNumberOfComponentsPerPixel();
  const SizeValueType    lowLossLength = lowLoss != nullptr ? lowLoss->GetNumberOfComponentsPerPixel() : 0;
  const auto             edges = m_Design->GetNumberOfEdges();
  const auto             terms = m_Design->GetNumberOfBackgroundTerms();
  const auto             backgroundMaps = static_cast<unsigned int>(m_Settings.BackgroundExponents.size());
  VectorMapImageType *   abundances = this->GetAbundances();
  MaskImageType *        mask = this->GetInvalidMask();
  VectorMapImageType *   model = m_ComputeModel ? this->GetModel() : nullptr;
  VectorMapImageType *   residual = m_ComputeModel ? this->GetResidual() : nullptr;

  CoreLossModelDesign::Workspace workspace(*m_Design);
  LinearSpectrumFitter::Result   result;
  std::vector<double>            y(n), low(lowLossLength), fitted(m_ComputeModel ? n : 0);
  SizeValueType                  invalid = 0;
  std::array<SizeValueType, NumberOfStatuses> statuses{};
  MaskImageType *                status = this->GetFitStatusMap();
  const double                   nan = std::numeric_limits<double>::quiet_NaN();
  for (ImageRegionConstIteratorWithIndex<InputImageType> it(coreLoss, region); !it.IsAtEnd(); ++it)
  {
    const auto index = it.GetIndex();
    const auto * spectrum = coreLoss->GetBufferPointer() + coreLoss->ComputeOffset(index) * n;
    std::copy(spectrum, spectrum + n, y.begin());
    if (lowLoss != nullptr)
    {
      const auto * l = lowLoss->GetBufferPointer() + lowLoss->ComputeOffset(index) * lowLossLength;
      std::copy(l, l + lowLossLength, low.begin());
    }
    m_Design->Fit(y.data(), low.data(), result, m_ComputeModel ? fitted.data() : nullptr, workspace);
    invalid += result.Valid ? 0 : 1;
    ++statuses[static_cast<size_t>(result.Status)];
    status->SetPixel(index, static_cast<typename MaskImageType::PixelType>(result.Status));
    double total = 0.0;
    for (unsigned int e = 0; e < edges; ++e)
    {
      total += result.Coefficients[terms + e];
    }
    const auto put = [&](MapImageType * map, double value) { map->SetPixel(index, static_cast<MapPixelType>(value)); };
    MapPixelType * abundance = abundances->GetBufferPointer() + abundances->ComputeOffset(index) * edges;
    for (unsigned int e = 0; e < edges; ++e)
    {
      const double a = result.Coefficients[terms + e];
      put(this->GetAbundanceMap(e), a);
      put(this->GetCRLBMap(e), result.CRLB[terms + e]);
      put(this->GetCompositionMap(e), total > 0.0 ? 100.0 * a / total : nan);
      abundance[e] = static_cast<MapPixelType>(a);
    }
    for (unsigned int k = 0; k < backgroundMaps; ++k)
    {
      put(this->GetBackgroundMap(k), k < terms ? result.Coefficients[k] : (result.Valid ? 0.0 : nan)); // 0: dropped
    }
    put(this->GetReducedChiSquareMap(), result.ReducedChiSquare);
    put(this->GetReducedDevianceMap(), result.ReducedDeviance);
    mask->SetPixel(index, result.Valid ? 0 : 1);
    if (m_ComputeModel)
    {
      MapPixelType * m = model->GetBufferPointer() + model->ComputeOffset(index) * n;
      MapPixelType * r = residual->GetBufferPointer() + residual->ComputeOffset(index) * n;
      for (SizeValueType k = 0; k < n; ++k)
      {
        m[k] = static_cast<MapPixelType>(result.Valid ? fitted[k] : nan);
        r[k] = static_cast<MapPixelType>(result.Valid ? y[k] - fitted[k] : nan);
      }
    }
  }
  m_InvalidCount += invalid;
  for (size_t k = 0; k < NumberOfStatuses; ++k)
  {
    m_StatusCounting[k] += statuses[k];
  }
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::AfterThreadedGenerateData()
{
  m_NumberOfInvalidPixels = m_InvalidCount;
  for (size_t k = 0; k < NumberOfStatuses; ++k)
  {
    m_StatusCounts[k] = m_StatusCounting[k];
  }
}

template <typename TInputImage, typename TMapImage>
void
CoreLossQuantificationFilter<TInputImage, TMapImage>::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Edges:";
  for (const auto & e : m_Settings.Edges)
  {
    os << " " << e.Element << " " << e.Edge;
  }
  os << std::endl << indent << "BackgroundExponents:";
  for (const double r : m_Settings.BackgroundExponents)
  {
    os << " " << r;
  }
  os << std::endl;
  os << indent << "FitWindow: " << m_Settings.FitStart << " ... " << m_Settings.FitEnd << " eV, "
     << m_Settings.ExcludedRanges.size() << " excluded ranges" << std::endl;
  os << indent << "Fitter: " << m_Settings.Fitter.Fitter << ", EdgesNonNegative: " << m_Settings.EdgesNonNegative
     << ", BackgroundConstraint: " << m_Settings.BackgroundConstraint << std::endl;
  os << indent << "CrossSections: " << this->DescribeCrossSections() << std::endl;
  os << indent << "MultipleScattering: " << m_MultipleScattering << ", ComputeModel: " << m_ComputeModel << std::endl;
  os << indent << "NumberOfInvalidPixels: " << m_NumberOfInvalidPixels << std::endl;
}
} // end namespace itk

#endif
