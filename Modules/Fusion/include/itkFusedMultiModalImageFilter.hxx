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
#ifndef itkFusedMultiModalImageFilter_hxx
#define itkFusedMultiModalImageFilter_hxx

#include "itkFusedMultiModalImageFilter.h"
#include "itkEELSEdgeTable.h"
#include "itkEMMetaData.h"
#include "itkEMParallelRanges.h"
#include "itkFusionParameterSearch.h"
#include "itkFusionPreprocessing.h"
#include "itkFusionProximalSolver.h"
#include "itkFusionReferenceSolver.h"
#include "itkFusionWeights.h"

#include <atomic>
#include <cmath>
#include <sstream>
#include <memory>
#include <numeric>

namespace itk
{
template <typename TImage>
FusedMultiModalImageFilter<TImage>::FusedMultiModalImageFilter()
{
  this->SetPrimaryInputName("HAADF");
  this->AddOptionalInputName("ChemicalMaps");
  for (const char * name : { "ModelHAADF", "FusedMaps", "CostHAADF", "CostChem", "CostTV", "CostIterations",
                             "NumberOfIterationsPerformed", "SelectedLambdaTV", "SelectedSparsity" })
  {
    this->ProcessObject::SetOutput(name, this->MakeOutput(name));
  }
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::MakeOutput(DataObjectPointerArraySizeType) -> DataObjectPointer
{
  return ImageType::New().GetPointer();
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::MakeOutput(const DataObjectIdentifierType & name) -> DataObjectPointer
{
  if (name == "ModelHAADF")
  {
    return ImageType::New().GetPointer();
  }
  if (name == "FusedMaps")
  {
    return VectorImageType::New().GetPointer();
  }
  if (name == "NumberOfIterationsPerformed")
  {
    return SimpleDataObjectDecorator<SizeValueType>::New().GetPointer();
  }
  if (name == "CostHAADF" || name == "CostChem" || name == "CostTV" || name == "CostIterations" ||
      name == "SelectedLambdaTV" || name == "SelectedSparsity")
  {
    return SimpleDataObjectDecorator<ArrayType>::New().GetPointer();
  }
  return Superclass::MakeOutput(name);
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::SetHAADF(const ImageType * haadf)
{
  this->SetNthInput(0, const_cast<ImageType *>(haadf));
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::GetHAADF() const -> const ImageType *
{
  return itkDynamicCastInDebugMode<const ImageType *>(this->ProcessObject::GetInput(0));
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::SetChemicalMap(unsigned int index, const ImageType * map)
{
  this->SetNthInput(index + 1, const_cast<ImageType *>(map));
  // One fused output per map.
  const DataObjectPointerArraySizeType outputs = this->GetNumberOfIndexedOutputs();
  if (index + 1 > outputs)
  {
    this->SetNumberOfIndexedOutputs(index + 1);
    for (DataObjectPointerArraySizeType i = outputs; i <= index; ++i)
    {
      this->SetNthOutput(i, this->MakeOutput(i));
    }
  }
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::GetChemicalMap(unsigned int index) const -> const ImageType *
{
  return itkDynamicCastInDebugMode<const ImageType *>(this->ProcessObject::GetInput(index + 1));
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::SetChemicalMaps(const VectorImageType * maps)
{
  this->ProcessObject::SetInput("ChemicalMaps", const_cast<VectorImageType *>(maps));
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::GetChemicalMaps() const -> const VectorImageType *
{
  return itkDynamicCastInDebugMode<const VectorImageType *>(this->ProcessObject::GetInput("ChemicalMaps"));
}

template <typename TImage>
unsigned int
FusedMultiModalImageFilter<TImage>::GetNumberOfChemicalMaps() const
{
  if (const VectorImageType * maps = this->GetChemicalMaps())
  {
    return maps->GetNumberOfComponentsPerPixel();
  }
  const auto inputs = static_cast<unsigned int>(this->GetNumberOfIndexedInputs());
  return inputs > 0 ? inputs - 1 : 0;
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::GetModelHAADF() -> ImageType *
{
  return itkDynamicCastInDebugMode<ImageType *>(this->ProcessObject::GetOutput("ModelHAADF"));
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::GetFusedMaps() -> VectorImageType *
{
  return itkDynamicCastInDebugMode<VectorImageType *>(this->ProcessObject::GetOutput("FusedMaps"));
}

template <typename TImage>
template <typename T>
void
FusedMultiModalImageFilter<TImage>::SetDecoratedValue(const char * name, const T & value)
{
  auto * decorator = dynamic_cast<SimpleDataObjectDecorator<T> *>(this->ProcessObject::GetOutput(name));
  if (decorator == nullptr)
  {
    itkExceptionMacro(<< "Decorated output " << name << " is missing");
  }
  decorator->Set(value);
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::VerifyPreconditions() ITKv5_CONST
{
  Superclass::VerifyPreconditions();
  const unsigned int n = this->GetNumberOfChemicalMaps();
  if (n == 0)
  {
    itkExceptionMacro(<< "No chemical map: set at least one with SetChemicalMap() or SetChemicalMaps()");
  }
  if (this->GetChemicalMaps() != nullptr && this->GetNumberOfIndexedInputs() > 1)
  {
    itkExceptionMacro(<< "Chemical maps were given both as a VectorImage and one by one; use one of the two");
  }
  for (unsigned int i = 0; this->GetChemicalMaps() == nullptr && i < n; ++i)
  {
    if (this->GetChemicalMap(i) == nullptr)
    {
      itkExceptionMacro(<< "Chemical map " << i << " is not set (maps must be numbered 0 .. n-1)");
    }
  }
  if (!(m_Gamma > 0.0) || !std::isfinite(m_Gamma))
  {
    itkExceptionMacro(<< "Gamma must be > 0, got " << m_Gamma);
  }
  if (m_Mode == ModeEnum::ReferenceCompatible && ImageDimension != 2)
  {
    itkExceptionMacro(<< "ReferenceCompatible mode reproduces the 2-D reference only; use ProximalGradient for "
                      << ImageDimension << "-D data");
  }
  const std::string problem =
    m_Mode == ModeEnum::ReferenceCompatible ? m_ReferenceSettings.Check(n) : m_ProximalSettings.Check(n);
  if (!problem.empty())
  {
    itkExceptionMacro(<< m_Mode << " settings: " << problem);
  }
  if ((!m_ElementNames.empty() && m_ElementNames.size() != n) || (!m_AtomicNumbers.empty() && m_AtomicNumbers.size() != n))
  {
    itkExceptionMacro(<< "ElementNames and AtomicNumbers need one entry per chemical map (" << n << ")");
  }
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::GenerateOutputInformation()
{
  Superclass::GenerateOutputInformation();
  const ImageType *  haadf = this->GetHAADF();
  const unsigned int n = this->GetNumberOfChemicalMaps();
  const auto         region = haadf->GetLargestPossibleRegion();
  const auto         check = [&](const ImageBase<ImageDimension> * map, const std::string & name) {
    if (map->GetLargestPossibleRegion() != region)
    {
      itkExceptionMacro(<< name << " has region " << map->GetLargestPossibleRegion() << " but the HAADF has " << region);
    }
  };
  if (const VectorImageType * maps = this->GetChemicalMaps())
  {
    check(maps, "The chemical-map VectorImage");
  }
  else
  {
    for (unsigned int i = 0; i < n; ++i)
    {
      check(this->GetChemicalMap(i), "Chemical map " + std::to_string(i));
    }
  }
  if (this->GetNumberOfIndexedOutputs() < n)
  {
    const auto outputs = this->GetNumberOfIndexedOutputs();
    this->SetNumberOfIndexedOutputs(n);
    for (unsigned int i = static_cast<unsigned int>(outputs); i < n; ++i)
    {
      this->SetNthOutput(i, this->MakeOutput(i));
    }
  }
  for (unsigned int i = 0; i < n; ++i)
  {
    this->GetOutput(i)->CopyInformation(haadf);
  }
  this->GetModelHAADF()->CopyInformation(haadf);
  VectorImageType * fused = this->GetFusedMaps();
  fused->CopyInformation(haadf);
  fused->SetNumberOfComponentsPerPixel(n);
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::GenerateInputRequestedRegion()
{
  Superclass::GenerateInputRequestedRegion();
  for (const auto & input : this->GetInputs())
  {
    if (input)
    {
      input->SetRequestedRegionToLargestPossibleRegion();
    }
  }
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::EnlargeOutputRequestedRegion(DataObject * output)
{
  Superclass::EnlargeOutputRequestedRegion(output);
  output->SetRequestedRegionToLargestPossibleRegion();
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::ResolveElements() const -> std::vector<Element>
{
  const unsigned int   n = this->GetNumberOfChemicalMaps();
  std::vector<Element> elements(n);
  for (unsigned int i = 0; i < n; ++i)
  {
    const MetaDataDictionary * dictionary =
      this->GetChemicalMaps() != nullptr ? nullptr : &this->GetChemicalMap(i)->GetMetaDataDictionary();
    if (!m_ElementNames.empty())
    {
      elements[i].Name = m_ElementNames[i];
    }
    else if (dictionary != nullptr && EMMetaData::Has(*dictionary, EMMetaDataKeys::Element))
    {
      elements[i].Name = EMMetaData::GetString(*dictionary, EMMetaDataKeys::Element);
    }
    if (!m_AtomicNumbers.empty())
    {
      elements[i].AtomicNumber = m_AtomicNumbers[i];
    }
    else if (dictionary != nullptr && EMMetaData::Has(*dictionary, EMMetaDataKeys::AtomicNumber))
    {
      elements[i].AtomicNumber = EMMetaData::GetDouble(*dictionary, EMMetaDataKeys::AtomicNumber);
    }
  }
  return elements;
}

template <typename TImage>
template <typename TFunction>
void
FusedMultiModalImageFilter<TImage>::ForEachPixelRange(SizeValueType pixels, TFunction && function) const
{
  EMParallelRanges(const_cast<Self *>(this)->GetMultiThreader(),
                   pixels,
                   65536,
                   [&](SizeValueType, SizeValueType begin, SizeValueType end) { function(begin, end); });
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::CollectMaps(std::vector<PixelType> & storage) const -> std::vector<const PixelType *>
{
  const unsigned int             n = this->GetNumberOfChemicalMaps();
  const SizeValueType            pixels = this->GetHAADF()->GetBufferedRegion().GetNumberOfPixels();
  std::vector<const PixelType *> maps(n);
  const VectorImageType *        vectorMaps = this->GetChemicalMaps();
  if (vectorMaps != nullptr)
  {
    // Split the components into one plane per map.
    storage.resize(n * pixels);
    const PixelType * source = vectorMaps->GetBufferPointer();
    this->ForEachPixelRange(pixels, [&](SizeValueType begin, SizeValueType end) {
      for (SizeValueType p = begin; p < end; ++p)
      {
        for (unsigned int e = 0; e < n; ++e)
        {
          storage[e * pixels + p] = source[p * n + e];
        }
      }
    });
  }
  for (unsigned int e = 0; e < n; ++e)
  {
    maps[e] = vectorMaps != nullptr ? storage.data() + e * pixels : this->GetChemicalMap(e)->GetBufferPointer();
  }
  // Every value must be finite, maps also >= 0: a vectorisable count per range, and only if some
  // range has bad values, a search for the first offending pixel to report.
  const PixelType * haadf = this->GetHAADF()->GetBufferPointer();
  for (unsigned int e = 0; e <= n; ++e)
  {
    const PixelType * values = e < n ? maps[e] : haadf;
    const bool        map = e < n;
    std::atomic<bool> anyBad{ false };
    this->ForEachPixelRange(pixels, [&](SizeValueType begin, SizeValueType end) {
      if (FusionKernels::CountInvalid(values + begin, end - begin, map) > 0)
      {
        anyBad = true;
      }
    });
    if (!anyBad)
    {
      continue;
    }
    for (SizeValueType p = 0; p < pixels; ++p)
    {
      const PixelType v = values[p];
      if (!std::isfinite(static_cast<double>(v)) || (map && v < PixelType(0)))
      {
        const auto index = this->GetHAADF()->ComputeIndex(static_cast<OffsetValueType>(p));
        if (map)
        {
          itkExceptionMacro(<< "Chemical map " << e << " has the value " << v << " at pixel " << index
                            << "; maps must be finite and >= 0");
        }
        itkExceptionMacro(<< "The HAADF is not finite at pixel " << index);
      }
    }
  }
  return maps;
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::ThrowAborted() const
{
  ProcessAborted exception(__FILE__, __LINE__);
  exception.SetDescription("FusedMultiModalImageFilter aborted");
  exception.SetLocation(ITK_LOCATION);
  throw exception;
}

template <typename TImage>
bool
FusedMultiModalImageFilter<TImage>::ReportProgress(float fraction)
{
  this->UpdateProgress(fraction);
  return !this->GetAbortGenerateData();
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::RunReference(const std::vector<const PixelType *> & maps,
                                                 const std::vector<Element> &           elements,
                                                 const std::vector<PixelType *> &       outputs,
                                                 PixelType *                            model)
{
  const unsigned int  n = static_cast<unsigned int>(maps.size());
  const ImageType *   input = this->GetHAADF();
  const SizeValueType pixels = input->GetBufferedRegion().GetNumberOfPixels();
  // The reference's min-max normalisation of every map and of the HAADF (independent: in parallel;
  // the buffers are not initialised before, so that each is first touched by its worker).
  std::vector<std::unique_ptr<PixelType[]>> x0(n);
  for (auto & buffer : x0)
  {
    buffer.reset(new PixelType[pixels]);
  }
  std::unique_ptr<PixelType[]> haadf(new PixelType[pixels]);
  std::vector<std::string>            failures(n + 1);
  this->GetMultiThreader()->ParallelizeArray(
    0,
    n + 1,
    [&](SizeValueType e) {
      try
      {
        if (e < n)
        {
          FusionPreprocessing::MinMaxNormalise(maps[e], x0[e].get(), pixels, ("chemical map " + std::to_string(e)).c_str());
        }
        else
        {
          FusionPreprocessing::MinMaxNormalise(input->GetBufferPointer(), haadf.get(), pixels, "the HAADF");
        }
      }
      catch (const ExceptionObject & error)
      {
        failures[e] = error.GetDescription();
      }
    },
    nullptr);
  for (const auto & failure : failures)
  {
    if (!failure.empty())
    {
      itkExceptionMacro(<< failure);
    }
  }

  const FusionReferenceSettings & settings = m_ReferenceSettings;
  FusionHAADFModel                haadfModel;
  haadfModel.Gamma = m_Gamma;
  if (settings.GetWeighting() == WeightingEnum::Custom)
  {
    haadfModel.Gains = settings.GetWeights();
  }
  else
  {
    std::vector<double> z(n, 1.0);
    for (unsigned int e = 0; e < n; ++e)
    {
      if (settings.GetWeighting() != WeightingEnum::Unweighted && !(elements[e].AtomicNumber > 0.0))
      {
        itkExceptionMacro(<< "Chemical map " << e << " has no atomic number (needed by weighting "
                          << settings.GetWeighting() << "): set AtomicNumbers or its AtomicNumber metadata");
      }
      z[e] = elements[e].AtomicNumber > 0.0 ? elements[e].AtomicNumber : 1.0;
    }
    haadfModel.Gains = FusionWeights::Compute(settings.GetWeighting(), z, m_Gamma, true);
  }

  FusionReferenceSolver<PixelType> solver;
  const auto                       size = input->GetBufferedRegion().GetSize();
  solver.SetGrid(size[0], size[1]);
  solver.SetMultiThreader(this->GetMultiThreader());
  std::vector<const PixelType *> inputs(n);
  for (unsigned int e = 0; e < n; ++e)
  {
    inputs[e] = x0[e].get();
  }
  const auto report = solver.Run(settings, haadfModel, inputs, haadf.get(), outputs, [this, &settings](SizeValueType k) {
    return this->ReportProgress(static_cast<float>(k) / static_cast<float>(settings.GetIterations()));
  });
  // The model HAADF A x^gamma in the reference's normalised units, with gamma in PixelType.
  haadfModel.Gamma = static_cast<double>(static_cast<PixelType>(m_Gamma));
  this->Publish(report, std::vector<const PixelType *>(outputs.begin(), outputs.end()), haadfModel, model);
  this->SetDecoratedValue<ArrayType>("SelectedLambdaTV", ArrayType(n, settings.GetLambdaTV()));
  this->SetDecoratedValue<ArrayType>("SelectedSparsity", ArrayType(n, 0.0));
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::Publish(const FusionSolverReport &             report,
                                            const std::vector<const PixelType *> & maps,
                                            const FusionHAADFModel &               haadfModel,
                                            PixelType *                            model)
{
  if (report.Aborted)
  {
    this->ThrowAborted();
  }
  m_Converged = report.Converged;
  if (!report.Converged)
  {
    m_Warnings.push_back("the solver did not converge: " + std::to_string(report.Iterations) +
                         " iterations (its limit) without a relative change below " +
                         std::to_string(m_ProximalSettings.GetTolerance()));
  }
  FusionKernels::ModelArguments<PixelType> arguments{};
  arguments.NumberOfMaps = static_cast<unsigned int>(maps.size());
  arguments.X = maps.data();
  arguments.Gains = haadfModel.Gains.data();
  arguments.Offset = haadfModel.Offset;
  arguments.Gamma = haadfModel.Gamma;
  this->ForEachPixelRange(this->GetHAADF()->GetBufferedRegion().GetNumberOfPixels(),
                          [&](SizeValueType begin, SizeValueType end) {
                            FusionKernels::ModelArguments<PixelType> range = arguments;
                            range.Begin = begin;
                            range.End = end;
                            FusionKernels::ModelHAADF(range, model + begin);
                          });
  this->SetDecoratedValue<ArrayType>("CostHAADF", report.CostHAADF);
  this->SetDecoratedValue<ArrayType>("CostChem", report.CostChem);
  this->SetDecoratedValue<ArrayType>("CostTV", report.CostTV);
  this->SetDecoratedValue<ArrayType>("CostIterations", ArrayType(report.CostIteration.begin(), report.CostIteration.end()));
  this->SetDecoratedValue<SizeValueType>("NumberOfIterationsPerformed", report.Iterations);
}

template <typename TImage>
double
FusedMultiModalImageFilter<TImage>::AtomicNumberOf(const Element & element)
{
  if (element.AtomicNumber > 0.0 || element.Name.empty())
  {
    return element.AtomicNumber;
  }
  try
  {
    return EELSEdgeTable::GetAtomicNumber(element.Name);
  }
  catch (const ExceptionObject &)
  {
    return 0.0; // not an element symbol
  }
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::CheckResult(const std::vector<Element> & elements)
{
  // Elements whose HAADF contrast Z^gamma differs by less than 10 %: the HAADF cannot say which
  // of the two a column holds, so their fused maps can trade signal.
  for (size_t a = 0; a < elements.size(); ++a)
  {
    for (size_t b = a + 1; b < elements.size(); ++b)
    {
      const double za = AtomicNumberOf(elements[a]), zb = AtomicNumberOf(elements[b]);
      if (za > 0.0 && zb > 0.0)
      {
        const double ca = std::pow(za, m_Gamma), cb = std::pow(zb, m_Gamma);
        const double difference = std::abs(ca - cb) / std::max(ca, cb);
        if (difference < 0.1)
        {
          std::ostringstream text;
          text << "the HAADF cannot tell " << (elements[a].Name.empty() ? "map " + std::to_string(a) : elements[a].Name)
               << " (Z " << za << ") from " << (elements[b].Name.empty() ? "map " + std::to_string(b) : elements[b].Name)
               << " (Z " << zb << "): their Z^" << m_Gamma << " differ by " << 100.0 * difference
               << " %, so their fused maps may trade signal";
          m_Warnings.push_back(text.str());
        }
      }
    }
  }
  for (size_t e = 0; e < m_MassBalance.size(); ++e)
  {
    const std::string name = elements[e].Name.empty() ? "map " + std::to_string(e) : elements[e].Name;
    std::ostringstream text;
    if (std::abs(m_MassBalance[e] - 1.0) > 0.05)
    {
      text << name << ": the fused total is " << m_MassBalance[e] << " times the raw total";
    }
    else if (m_SolverMassBalance[e] < 0.8 || m_SolverMassBalance[e] > 1.25)
    {
      text << name << ": the solver left " << m_SolverMassBalance[e]
           << " times the raw total (the HAADF model disagrees with this map), restored to the raw total";
    }
    if (text.tellp() > 0)
    {
      m_Warnings.push_back(text.str());
    }
  }
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::RunProximal(const std::vector<const PixelType *> & maps,
                                                const std::vector<PixelType *> &       outputs,
                                                PixelType *                            model)
{
  const unsigned int         n = static_cast<unsigned int>(maps.size());
  const ImageType *          input = this->GetHAADF();
  const SizeValueType        pixels = input->GetBufferedRegion().GetNumberOfPixels();
  std::vector<SizeValueType> size(ImageDimension);
  for (unsigned int d = 0; d < ImageDimension; ++d)
  {
    size[d] = input->GetBufferedRegion().GetSize(d);
  }
  const std::vector<double> axisCoefficients(ImageDimension, 1.0);

  // The maps in counts (scale s_e per map), the start x = G * c and the HAADF model's gains.
  std::vector<double>                 countsPerUnit(n, 1.0);
  std::vector<std::vector<PixelType>> counts(n, std::vector<PixelType>(pixels));
  std::vector<std::vector<PixelType>> x(n, std::vector<PixelType>(pixels));
  std::vector<const PixelType *>      countPointers(n);
  std::vector<PixelType *>            xPointers(n);
  for (unsigned int e = 0; e < n; ++e)
  {
    if (m_ProximalSettings.GetCountsPerUnit() > 0.0)
    {
      countsPerUnit[e] = m_ProximalSettings.GetCountsPerUnit();
    }
    else if (!FusionPreprocessing::IsPoissonCounts(maps[e], size))
    {
      countsPerUnit[e] = FusionPreprocessing::EstimateCountsPerUnit(maps[e], size);
    }
    for (SizeValueType p = 0; p < pixels; ++p)
    {
      counts[e][p] = static_cast<PixelType>(maps[e][p] * countsPerUnit[e]);
    }
    countPointers[e] = counts[e].data();
    xPointers[e] = x[e].data();
    FusionPreprocessing::GaussianSmooth(counts[e].data(), x[e].data(), size, m_ProximalSettings.GetInitialSmoothing());
  }
  const PixelType *              haadf = input->GetBufferPointer();
  // An HAADF of scaled counts (large integers) is a measurement with its own noise, not counts.
  bool haadfCounts = FusionPreprocessing::IsPoissonCounts(haadf, size);
  std::vector<PixelType> weights;
  try
  {
    weights = FusionPreprocessing::HAADFWeights(haadf, size, haadfCounts, m_ProximalSettings.GetHAADFWeightScale());
  }
  catch (const ExceptionObject &)
  {
    // A noiseless integer image (a simulated HAADF) has no noise to measure: taken as counts.
    if (haadfCounts || !FusionPreprocessing::IsCountData(haadf, pixels))
    {
      throw;
    }
    haadfCounts = true;
    weights = FusionPreprocessing::HAADFWeights(haadf, size, true, m_ProximalSettings.GetHAADFWeightScale());
  }
  m_AssumedCountsPerUnit = countsPerUnit;
  m_HAADFIsCounts = haadfCounts;
  try
  {
    m_HAADFCountsPerUnit = haadfCounts ? 1.0 : FusionPreprocessing::EstimateCountsPerUnit(haadf, size);
  }
  catch (const ExceptionObject &)
  {
    m_HAADFCountsPerUnit = 0.0; // no noise to measure
  }
  const FusionProximalSettings & settings = m_ProximalSettings;
  std::vector<const PixelType *> smoothed(xPointers.begin(), xPointers.end());
  FusionHAADFModel               haadfModel;
  haadfModel.Gamma = m_Gamma;
  haadfModel.Gains = FusionPreprocessing::FitGains(smoothed, haadf, pixels, m_Gamma, haadfModel.Offset);
  typename FusionProximalSolver<PixelType>::Penalties penalties{ settings.FixedLambdaTV(n), settings.FixedSparsity(n) };
  if (settings.GetAutomaticParameters())
  {
    // Thinning needs whole counts: maps that are not counts are rounded for the search only.
    std::vector<std::vector<PixelType>>                rounded(n);
    typename FusionParameterSearch<PixelType>::Problem problem;
    problem.Size = size;
    problem.AxisCoefficients = axisCoefficients;
    problem.HAADF = haadf;
    problem.HAADFIsCounts = haadfCounts;
    problem.Model = haadfModel;
    problem.Settings = settings;
    for (unsigned int e = 0; e < n; ++e)
    {
      rounded[e].resize(pixels);
      for (SizeValueType p = 0; p < pixels; ++p)
      {
        rounded[e][p] = std::round(counts[e][p]);
      }
      problem.Counts.push_back(rounded[e].data());
    }
    FusionParameterSearch<PixelType> search;
    search.SetMultiThreader(this->GetMultiThreader());
    const auto selection = search.Search(problem);
    if (selection.PointsTried < selection.PointsPlanned)
    {
      m_Warnings.push_back("the parameter search stopped at its time limit (" + std::to_string(settings.GetSearchTimeLimit()) +
                           " s) after " + std::to_string(selection.PointsTried) + " of " +
                           std::to_string(selection.PointsPlanned) + " grid points");
    }
    penalties.LambdaTV = selection.LambdaTV;
    penalties.Sparsity = selection.Sparsity;
    if (!this->ReportProgress(0.5f))
    {
      this->ThrowAborted();
    }
  }

  FusionProximalSolver<PixelType> solver;
  solver.SetGrid(size, axisCoefficients);
  solver.SetMultiThreader(this->GetMultiThreader());
  const float start = settings.GetAutomaticParameters() ? 0.5f : 0.0f;
  const auto  report =
    solver.Run(settings, haadfModel, penalties, { countPointers, haadf, weights.data() }, xPointers, [&](SizeValueType k) {
      return this->ReportProgress(start + (1.0f - start) * static_cast<float>(k) /
                                            static_cast<float>(settings.GetMaximumIterations()));
    });

  // Each element's total: as the solver left it, then restored to the raw total.
  m_SolverMassBalance.assign(n, 1.0);
  for (unsigned int e = 0; e < n; ++e)
  {
    const double fitted = std::accumulate(x[e].begin(), x[e].end(), 0.0);
    const double raw = std::accumulate(counts[e].begin(), counts[e].end(), 0.0);
    m_SolverMassBalance[e] = raw > 0.0 ? fitted / raw : 1.0;
    if (settings.GetPreserveTotals() && fitted > 0.0 && raw > 0.0)
    {
      const auto scale = static_cast<PixelType>(raw / fitted);
      for (auto & value : x[e])
      {
        value *= scale;
      }
    }
  }
  this->Publish(report, std::vector<const PixelType *>(xPointers.begin(), xPointers.end()), haadfModel, model);
  m_MassBalance.assign(n, 0.0);
  for (unsigned int e = 0; e < n; ++e)
  {
    double fused = 0.0, raw = 0.0;
    for (SizeValueType p = 0; p < pixels; ++p)
    {
      outputs[e][p] = static_cast<PixelType>(x[e][p] / countsPerUnit[e]); // back to the units of the input map
      fused += outputs[e][p];
      raw += maps[e][p];
    }
    m_MassBalance[e] = raw > 0.0 ? fused / raw : 1.0;
  }
  this->SetDecoratedValue<ArrayType>("SelectedLambdaTV", penalties.LambdaTV);
  this->SetDecoratedValue<ArrayType>("SelectedSparsity", penalties.Sparsity);
}

template <typename TImage>
auto
FusedMultiModalImageFilter<TImage>::AllocateFusionOutputs() -> std::vector<PixelType *>
{
  const unsigned int       n = this->GetNumberOfChemicalMaps();
  std::vector<PixelType *> buffers(n);
  for (unsigned int e = 0; e < n; ++e)
  {
    ImageType * output = this->GetOutput(e);
    output->SetBufferedRegion(output->GetRequestedRegion());
    output->Allocate();
    buffers[e] = output->GetBufferPointer();
  }
  ImageType * model = this->GetModelHAADF();
  model->SetBufferedRegion(model->GetRequestedRegion());
  model->Allocate();
  VectorImageType * all = this->GetFusedMaps();
  all->SetBufferedRegion(all->GetRequestedRegion());
  all->SetNumberOfComponentsPerPixel(n);
  all->Allocate();
  return buffers;
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::FinishOutputs(const std::vector<PixelType *> & fused,
                                                  const std::vector<Element> &     elements)
{
  const auto n = static_cast<unsigned int>(fused.size());
  for (unsigned int e = 0; e < n; ++e)
  {
    MetaDataDictionary dictionary = this->GetChemicalMaps() != nullptr
                                      ? this->GetChemicalMaps()->GetMetaDataDictionary()
                                      : this->GetChemicalMap(e)->GetMetaDataDictionary();
    if (!elements[e].Name.empty())
    {
      EMMetaData::SetString(dictionary, EMMetaDataKeys::Element, elements[e].Name);
    }
    if (elements[e].AtomicNumber > 0.0)
    {
      EMMetaData::SetDouble(dictionary, EMMetaDataKeys::AtomicNumber, elements[e].AtomicNumber);
    }
    this->GetOutput(e)->SetMetaDataDictionary(dictionary);
  }
  this->GetModelHAADF()->SetMetaDataDictionary(this->GetHAADF()->GetMetaDataDictionary());

  VectorImageType *   all = this->GetFusedMaps();
  PixelType *         buffer = all->GetBufferPointer();
  const SizeValueType pixels = all->GetBufferedRegion().GetNumberOfPixels();
  this->ForEachPixelRange(pixels, [&](SizeValueType begin, SizeValueType end) {
    for (SizeValueType p = begin; p < end; ++p)
    {
      for (unsigned int e = 0; e < n; ++e)
      {
        buffer[p * n + e] = fused[e][p];
      }
    }
  });
  MetaDataDictionary dictionary;
  std::string        names;
  for (unsigned int e = 0; e < n; ++e)
  {
    names += (e > 0 ? " " : "") + (elements[e].Name.empty() ? std::string("?") : elements[e].Name);
  }
  EMMetaData::SetString(dictionary, EMMetaDataKeys::Element, names);
  all->SetMetaDataDictionary(dictionary);
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::GenerateData()
{
  const std::vector<Element>           elements = this->ResolveElements();
  std::vector<PixelType>               storage;
  const std::vector<const PixelType *> maps = this->CollectMaps(storage);
  const std::vector<PixelType *>       fused = this->AllocateFusionOutputs();
  PixelType *                          model = this->GetModelHAADF()->GetBufferPointer();
  m_Warnings.clear();
  m_Converged = true;
  m_AssumedCountsPerUnit.clear();
  m_HAADFCountsPerUnit = 0.0;
  m_HAADFIsCounts = false;
  m_MassBalance.clear();
  m_SolverMassBalance.clear();
  this->UpdateProgress(0.0f);
  if (m_Mode == ModeEnum::ReferenceCompatible)
  {
    this->RunReference(maps, elements, fused, model);
  }
  else
  {
    this->RunProximal(maps, fused, model);
  }
  this->FinishOutputs(fused, elements);
  this->CheckResult(elements);
  this->UpdateProgress(1.0f);
}

template <typename TImage>
void
FusedMultiModalImageFilter<TImage>::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  const auto print = [&os, indent](const char * name, const ArrayType & values) {
    os << indent << name << ": [";
    for (size_t i = 0; i < values.size(); ++i)
    {
      os << (i > 0 ? ", " : "") << values[i];
    }
    os << "]" << std::endl;
  };
  os << indent << "ElementNames: [";
  for (size_t i = 0; i < m_ElementNames.size(); ++i)
  {
    os << (i > 0 ? ", " : "") << m_ElementNames[i];
  }
  os << "]" << std::endl;
  print("AtomicNumbers", m_AtomicNumbers);
  os << indent << "Mode: " << m_Mode << std::endl;
  os << indent << "Gamma: " << m_Gamma << std::endl;
  os << indent << "ReferenceSettings:" << std::endl;
  m_ReferenceSettings.Print(os, indent.GetNextIndent());
  os << indent << "ProximalSettings:" << std::endl;
  m_ProximalSettings.Print(os, indent.GetNextIndent());
}
} // end namespace itk

#endif
