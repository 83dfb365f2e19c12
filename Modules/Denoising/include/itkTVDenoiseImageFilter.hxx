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
#ifndef itkTVDenoiseImageFilter_hxx
#define itkTVDenoiseImageFilter_hxx

#include "itkTVDenoiseImageFilter.h"

#include <cmath>
#include <type_traits>

namespace itk
{
template <typename TInputImage, typename TOutputImage>
TVDenoiseImageFilter<TInputImage, TOutputImage>::TVDenoiseImageFilter()
{
  m_AxisWeights.Fill(1.0);
  for (const char * name : { "NumberOfIterations", "Energy", "DualityGap", "EnergyHistory", "DualityGapHistory" })
  {
    this->ProcessObject::SetOutput(name, this->MakeOutput(name));
  }
}

template <typename TInputImage, typename TOutputImage>
auto
TVDenoiseImageFilter<TInputImage, TOutputImage>::MakeOutput(const DataObjectIdentifierType & name) -> DataObjectPointer
{
  if (name == "NumberOfIterations")
  {
    return SimpleDataObjectDecorator<SizeValueType>::New().GetPointer();
  }
  if (name == "Energy" || name == "DualityGap")
  {
    return SimpleDataObjectDecorator<double>::New().GetPointer();
  }
  if (name == "EnergyHistory" || name == "DualityGapHistory")
  {
    return SimpleDataObjectDecorator<std::vector<double>>::New().GetPointer();
  }
  return Superclass::MakeOutput(name);
}

template <typename TInputImage, typename TOutputImage>
template <typename T>
void
TVDenoiseImageFilter<TInputImage, TOutputImage>::SetDecoratedValue(const char * name, const T & value)
{
  auto * decorator = dynamic_cast<SimpleDataObjectDecorator<T> *>(this->ProcessObject::GetOutput(name));
  if (decorator == nullptr)
  {
    itkExceptionMacro(<< "Decorated output " << name << " is missing");
  }
  decorator->Set(value);
}

template <typename TInputImage, typename TOutputImage>
void
TVDenoiseImageFilter<TInputImage, TOutputImage>::VerifyPreconditions() ITKv5_CONST
{
  Superclass::VerifyPreconditions();
  if (!std::isfinite(m_Lambda) || m_Lambda <= 0.0)
  {
    itkExceptionMacro(<< "Lambda must be a finite number > 0, got " << m_Lambda);
  }
  if (m_MaximumNumberOfIterations == 0)
  {
    itkExceptionMacro(<< "MaximumNumberOfIterations must be at least 1");
  }
  if (m_CheckInterval == 0)
  {
    itkExceptionMacro(<< "CheckInterval must be at least 1");
  }
  if (!(m_Tolerance >= 0.0))
  {
    itkExceptionMacro(<< "Tolerance must be >= 0, got " << m_Tolerance);
  }
  if (std::isnan(m_LowerBound) || std::isnan(m_UpperBound) || m_LowerBound > m_UpperBound)
  {
    itkExceptionMacro(<< "LowerBound (" << m_LowerBound << ") must not exceed UpperBound (" << m_UpperBound << ")");
  }
  if (!std::isfinite(m_HuberDelta) || m_HuberDelta < 0.0)
  {
    itkExceptionMacro(<< "HuberDelta must be finite and >= 0, got " << m_HuberDelta);
  }
  for (unsigned int d = 0; d < ImageDimension; ++d)
  {
    if (!std::isfinite(m_AxisWeights[d]) || m_AxisWeights[d] < 0.0)
    {
      itkExceptionMacro(<< "AxisWeights[" << d << "] must be finite and >= 0, got " << m_AxisWeights[d]);
    }
  }
}

template <typename TInputImage, typename TOutputImage>
void
TVDenoiseImageFilter<TInputImage, TOutputImage>::GenerateOutputInformation()
{
  Superclass::GenerateOutputInformation();
  // Calibration and acquisition metadata (energy axis, signal type, ...) travel with the image.
  if (const InputImageType * input = this->GetInput())
  {
    this->GetOutput()->SetMetaDataDictionary(input->GetMetaDataDictionary());
  }
}

template <typename TInputImage, typename TOutputImage>
void
TVDenoiseImageFilter<TInputImage, TOutputImage>::GenerateInputRequestedRegion()
{
  Superclass::GenerateInputRequestedRegion();
  if (auto * input = const_cast<InputImageType *>(this->GetInput()))
  {
    input->SetRequestedRegionToLargestPossibleRegion();
  }
}

template <typename TInputImage, typename TOutputImage>
void
TVDenoiseImageFilter<TInputImage, TOutputImage>::EnlargeOutputRequestedRegion(DataObject * output)
{
  Superclass::EnlargeOutputRequestedRegion(output);
  output->SetRequestedRegionToLargestPossibleRegion();
}

template <typename TInputImage, typename TOutputImage>
void
TVDenoiseImageFilter<TInputImage, TOutputImage>::GenerateData()
{
  this->AllocateOutputs();
  const InputImageType * input = this->GetInput();
  OutputImageType *      output = this->GetOutput();

  const auto &        region = input->GetBufferedRegion();
  const SizeValueType pixels = region.GetNumberOfPixels();
  const unsigned int  components = input->GetNumberOfComponentsPerPixel();
  if (output->GetNumberOfComponentsPerPixel() != components)
  {
    itkExceptionMacro(<< "Output has " << output->GetNumberOfComponentsPerPixel() << " components per pixel, input "
                      << components);
  }
  const InputInternalPixelType * in = input->GetBufferPointer();
  for (SizeValueType k = 0; k < pixels * components; ++k)
  {
    if (!std::isfinite(static_cast<double>(in[k])))
    {
      itkExceptionMacro(<< "Input pixel " << input->ComputeIndex(static_cast<OffsetValueType>(k / components))
                        << " (component " << k % components << ") is not finite: " << static_cast<double>(in[k]));
    }
  }

  std::vector<SizeValueType> size(ImageDimension);
  std::vector<double>        coefficients(ImageDimension);
  for (unsigned int d = 0; d < ImageDimension; ++d)
  {
    size[d] = region.GetSize(d);
    coefficients[d] = m_AxisWeights[d] / (m_UseImageSpacing ? input->GetSpacing()[d] : 1.0);
  }
  SolverType solver;
  solver.SetGrid(size, coefficients, components);
  solver.SetLambda(m_Lambda);
  solver.SetNorm(m_Norm);
  solver.SetAlgorithm(m_Algorithm);
  solver.SetStoppingCriterion(m_StoppingCriterion);
  solver.SetTolerance(m_Tolerance);
  solver.SetMaximumNumberOfIterations(m_MaximumNumberOfIterations);
  solver.SetCheckInterval(m_CheckInterval);
  solver.SetBounds(m_LowerBound, m_UpperBound);
  solver.SetHuberDelta(m_HuberDelta);
  solver.SetMultiThreader(this->GetMultiThreader());

  // Scalar images of the working type are used in place; others are split into one plane per
  // component (the solver's layout) and merged back.
  constexpr bool   inputIsReal = std::is_same<InputInternalPixelType, RealType>::value;
  constexpr bool   outputIsReal = std::is_same<OutputInternalPixelType, RealType>::value;
  std::vector<RealType> fScratch;
  std::vector<RealType> uScratch;
  const RealType *      f = nullptr;
  RealType *            u = nullptr;
  if (inputIsReal && components == 1)
  {
    f = reinterpret_cast<const RealType *>(in);
  }
  else
  {
    fScratch.resize(pixels * components);
    for (unsigned int c = 0; c < components; ++c)
    {
      for (SizeValueType p = 0; p < pixels; ++p)
      {
        fScratch[c * pixels + p] = static_cast<RealType>(in[p * components + c]);
      }
    }
    f = fScratch.data();
  }
  OutputInternalPixelType * out = output->GetBufferPointer();
  if (outputIsReal && components == 1)
  {
    u = reinterpret_cast<RealType *>(out);
  }
  else
  {
    uScratch.resize(pixels * components);
    u = uScratch.data();
  }

  const SizeValueType iterations = m_MaximumNumberOfIterations;
  const auto          report = solver.Solve(f, u, [this, iterations](SizeValueType k) {
    this->UpdateProgress(static_cast<float>(k) / static_cast<float>(iterations));
    return !this->GetAbortGenerateData();
  });
  if (report.Aborted)
  {
    ProcessAborted exception(__FILE__, __LINE__);
    exception.SetDescription("TVDenoiseImageFilter aborted");
    exception.SetLocation(ITK_LOCATION);
    throw exception;
  }
  if (!(outputIsReal && components == 1))
  {
    for (unsigned int c = 0; c < components; ++c)
    {
      for (SizeValueType p = 0; p < pixels; ++p)
      {
        out[p * components + c] = static_cast<OutputInternalPixelType>(u[c * pixels + p]);
      }
    }
  }
  this->SetDecoratedValue<SizeValueType>("NumberOfIterations", report.NumberOfIterations);
  this->SetDecoratedValue<double>("Energy", report.Energy);
  this->SetDecoratedValue<double>("DualityGap", report.DualityGap);
  this->SetDecoratedValue<std::vector<double>>("EnergyHistory", report.EnergyHistory);
  this->SetDecoratedValue<std::vector<double>>("DualityGapHistory", report.DualityGapHistory);
  this->UpdateProgress(1.0f);
}

template <typename TInputImage, typename TOutputImage>
void
TVDenoiseImageFilter<TInputImage, TOutputImage>::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Lambda: " << m_Lambda << std::endl;
  os << indent << "Norm: " << m_Norm << std::endl;
  os << indent << "Algorithm: " << m_Algorithm << std::endl;
  os << indent << "StoppingCriterion: " << m_StoppingCriterion << std::endl;
  os << indent << "Tolerance: " << m_Tolerance << std::endl;
  os << indent << "MaximumNumberOfIterations: " << m_MaximumNumberOfIterations << std::endl;
  os << indent << "CheckInterval: " << m_CheckInterval << std::endl;
  os << indent << "LowerBound: " << m_LowerBound << std::endl;
  os << indent << "UpperBound: " << m_UpperBound << std::endl;
  os << indent << "HuberDelta: " << m_HuberDelta << std::endl;
  os << indent << "UseImageSpacing: " << (m_UseImageSpacing ? "On" : "Off") << std::endl;
  os << indent << "AxisWeights: " << m_AxisWeights << std::endl;
}
} // end namespace itk

#endif
