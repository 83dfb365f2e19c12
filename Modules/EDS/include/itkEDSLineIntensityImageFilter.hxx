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
#ifndef itkEDSLineIntensityImageFilter_hxx
#define itkEDSLineIntensityImageFilter_hxx

#include "itkEDSLineIntensityImageFilter.h"

#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkImageRegionConstIterator.h"
#include "itkImageRegionIterator.h"

#include <cmath>
#include <limits>

namespace itk
{
template <typename TInputImage, typename TOutputImage>
EDSLineIntensityImageFilter<TInputImage, TOutputImage>::EDSLineIntensityImageFilter()
{
  this->SetNumberOfRequiredOutputs(2);
  this->SetNthOutput(1, this->MakeOutput(1));
  this->DynamicMultiThreadingOn();
}

template <typename TInputImage, typename TOutputImage>
void
EDSLineIntensityImageFilter<TInputImage, TOutputImage>::GenerateOutputInformation()
{
  Superclass::GenerateOutputInformation();
  const auto lines = static_cast<unsigned int>(m_Model.GetLines().size());
  if (lines == 0)
  {
    itkExceptionMacro(<< "no X-ray line set (SetLines)");
  }
  if (!m_KFactors.empty() && m_KFactors.size() != lines)
  {
    itkExceptionMacro(<< m_KFactors.size() << " k-factors for " << lines << " lines");
  }
  std::string elements, names;
  for (const auto & line : m_Model.GetLines())
  {
    elements += (elements.empty() ? "" : " ") + line.Element;
    names += (names.empty() ? "" : " ") + line.GetName();
  }
  for (unsigned int o = 0; o < 2; ++o)
  {
    OutputImageType * output = this->GetOutput(o);
    output->SetNumberOfComponentsPerPixel(lines);
    MetaDataDictionary & dictionary = output->GetMetaDataDictionary();
    for (const char * key : { "EnergyOffset", "EnergyDispersion", "EnergyUnits", "SignalType" })
    {
      EMMetaData::Erase(dictionary, key);
    }
    EMMetaData::SetString(dictionary, EMMetaDataKeys::Element, elements);
    EMMetaData::SetString(dictionary, "XrayLines", names);
    EMMetaData::SetString(dictionary, EMMetaDataKeys::Units, o == 0 ? "counts" : "fraction");
  }
}

template <typename TInputImage, typename TOutputImage>
void
EDSLineIntensityImageFilter<TInputImage, TOutputImage>::BeforeThreadedGenerateData()
{
  const InputImageType * input = this->GetInput();
  const EnergyAxis       axis = EnergyAxis::ReadFrom(input->GetMetaDataDictionary(), input->GetNumberOfComponentsPerPixel());
  m_Model.SetMethod(m_Method);
  m_Model.SetResolutionMnKa(m_ResolutionMnKa);
  m_Model.SetIntegrationWidth(m_IntegrationWidth);
  m_Model.SetSubtractBackground(m_SubtractBackground);
  m_Matrix = m_Model.Compute(axis);
  // Each row's non-zero span, so that a pixel costs the windows, not the whole spectrum.
  const size_t channels = axis.GetSize(), lines = m_Model.GetLines().size();
  m_First.assign(lines, channels);
  m_Last.assign(lines, 0);
  for (size_t i = 0; i < lines; ++i)
  {
    for (size_t c = 0; c < channels; ++c)
    {
      if (m_Matrix[i * channels + c] != 0.0)
      {
        m_First[i] = std::min(m_First[i], c);
        m_Last[i] = c + 1;
      }
    }
  }
}

template <typename TInputImage, typename TOutputImage>
void
EDSLineIntensityImageFilter<TInputImage, TOutputImage>::DynamicThreadedGenerateData(const OutputRegionType & region)
{
  const InputImageType * input = this->GetInput();
  const size_t           channels = input->GetNumberOfComponentsPerPixel(), lines = m_First.size();
  const bool             compositions = !m_KFactors.empty();
  ImageRegionConstIterator<InputImageType> in(input, region);
  ImageRegionIterator<OutputImageType>     maps(this->GetOutput(0), region);
  ImageRegionIterator<OutputImageType>     fractions(this->GetOutput(1), region);
  std::vector<double>                      intensity(lines);
  for (; !in.IsAtEnd(); ++in, ++maps, ++fractions)
  {
    const auto spectrum = in.Get();
    auto       out = maps.Get();
    double     total = 0.0;
    for (size_t i = 0; i < lines; ++i)
    {
      const double * row = m_Matrix.data() + i * channels;
      double         sum = 0.0;
      for (size_t c = m_First[i]; c < m_Last[i]; ++c)
      {
        sum += row[c] * static_cast<double>(spectrum[c]);
      }
      intensity[i] = sum;
      out[i] = static_cast<typename OutputImageType::InternalPixelType>(sum);
      total += compositions ? m_KFactors[i] * sum : 0.0;
    }
    maps.Set(out);
    auto fraction = fractions.Get();
    for (size_t i = 0; i < lines; ++i)
    {
      fraction[i] = static_cast<typename OutputImageType::InternalPixelType>(
        compositions && total > 0.0 ? m_KFactors[i] * intensity[i] / total : std::numeric_limits<double>::quiet_NaN());
    }
    fractions.Set(fraction);
  }
}

template <typename TInputImage, typename TOutputImage>
void
EDSLineIntensityImageFilter<TInputImage, TOutputImage>::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Lines:";
  for (const auto & line : m_Model.GetLines())
  {
    os << " " << line.GetName();
  }
  os << std::endl << indent << "Method: " << m_Method << std::endl;
  os << indent << "ResolutionMnKa: " << m_ResolutionMnKa << " eV" << std::endl;
  os << indent << "IntegrationWidth: " << m_IntegrationWidth << " FWHM" << std::endl;
  os << indent << "SubtractBackground: " << (m_SubtractBackground ? "On" : "Off") << std::endl;
  os << indent << "KFactors:";
  for (const double k : m_KFactors)
  {
    os << " " << k;
  }
  os << std::endl;
}
} // end namespace itk

#endif
