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
#ifndef itkThicknessImageFilter_hxx
#define itkThicknessImageFilter_hxx

#include "itkThicknessImageFilter.h"

#include "itkEnergyAxis.h"
#include "itkImageRegionConstIterator.h"
#include "itkImageRegionIterator.h"

#include <cmath>
#include <limits>

namespace itk
{
template <typename TInputImage, typename TOutputImage>
ThicknessImageFilter<TInputImage, TOutputImage>::ThicknessImageFilter()
{
  this->DynamicMultiThreadingOn();
}

template <typename TInputImage, typename TOutputImage>
void
ThicknessImageFilter<TInputImage, TOutputImage>::VerifyPreconditions() ITKv5_CONST
{
  Superclass::VerifyPreconditions();
  const InputImageType * input = this->GetInput();
  if (input->GetNumberOfComponentsPerPixel() < 3)
  {
    itkExceptionMacro(<< "The low loss has " << input->GetNumberOfComponentsPerPixel()
                      << " channels; a zero-loss peak needs at least 3");
  }
  if (m_ZeroLossIntegral == ZeroLossIntegralEnum::Window && (!(m_ZeroLossHalfWidth > 0.0) || !std::isfinite(m_ZeroLossHalfWidth)))
  {
    itkExceptionMacro(<< "ZeroLossHalfWidth must be positive, got " << m_ZeroLossHalfWidth << " eV");
  }
}

template <typename TInputImage, typename TOutputImage>
void
ThicknessImageFilter<TInputImage, TOutputImage>::GenerateOutputInformation()
{
  Superclass::GenerateOutputInformation();
  OutputImageType * output = this->GetOutput();
  output->SetNumberOfComponentsPerPixel(1);
  EnergyAxis::EraseFrom(output->GetMetaDataDictionary()); // a map has no energy axis
}

template <typename TInputImage, typename TOutputImage>
void
ThicknessImageFilter<TInputImage, TOutputImage>::BeforeThreadedGenerateData()
{
  const InputImageType * input = this->GetInput();
  const EnergyAxis       axis = EnergyAxis::ReadFrom(input->GetMetaDataDictionary(), input->GetNumberOfComponentsPerPixel());
  m_HalfWidthChannels = static_cast<SizeValueType>(std::lround(m_ZeroLossHalfWidth / axis.GetDispersion()));
  m_InvalidPixels = 0;
}

template <typename TInputImage, typename TOutputImage>
void
ThicknessImageFilter<TInputImage, TOutputImage>::DynamicThreadedGenerateData(const OutputRegionType & region)
{
  const InputImageType * input = this->GetInput();
  const SizeValueType    n = input->GetNumberOfComponentsPerPixel();
  const bool             window = m_ZeroLossIntegral == ZeroLossIntegralEnum::Window;
  const SizeValueType    w = m_HalfWidthChannels;
  constexpr SizeValueType MirroredChannels = 50;
  ImageRegionConstIterator<InputImageType> in(input, region);
  ImageRegionIterator<OutputImageType>     out(this->GetOutput(), region);
  SizeValueType                            invalid = 0;
  for (; !in.IsAtEnd(); ++in, ++out)
  {
    const auto    spectrum = in.Get();
    double        total = 0.0;
    SizeValueType peak = 0;
    for (SizeValueType k = 0; k < n; ++k)
    {
      total += static_cast<double>(spectrum[k]);
      if (spectrum[k] > spectrum[peak])
      {
        peak = k;
      }
    }
    double zeroLoss = 0.0;
    bool   usable = spectrum[peak] > 0 && std::isfinite(total);
    if (usable && window)
    {
      usable = peak >= w && peak + w < n;
      for (SizeValueType k = peak - std::min(w, peak); usable && k <= peak + w; ++k)
      {
        zeroLoss += static_cast<double>(spectrum[k]);
      }
    }
    else if (usable)
    {
      usable = peak >= 1;
      zeroLoss = static_cast<double>(spectrum[peak]);
      for (SizeValueType k = peak - std::min(MirroredChannels, peak); k < peak; ++k)
      {
        zeroLoss += 2.0 * static_cast<double>(spectrum[k]);
      }
    }
    usable = usable && zeroLoss > 0.0 && total > 0.0;
    out.Set(usable ? static_cast<OutputPixelType>(std::log(total / zeroLoss))
                   : std::numeric_limits<OutputPixelType>::quiet_NaN());
    invalid += !usable;
  }
  m_InvalidPixels += invalid;
}

template <typename TInputImage, typename TOutputImage>
void
ThicknessImageFilter<TInputImage, TOutputImage>::AfterThreadedGenerateData()
{
  m_NumberOfInvalidPixels = m_InvalidPixels;
}

template <typename TInputImage, typename TOutputImage>
void
ThicknessImageFilter<TInputImage, TOutputImage>::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "ZeroLossIntegral: " << m_ZeroLossIntegral << std::endl;
  os << indent << "ZeroLossHalfWidth: " << m_ZeroLossHalfWidth << " eV" << std::endl;
  os << indent << "NumberOfInvalidPixels: " << m_NumberOfInvalidPixels << std::endl;
}
} // end namespace itk

#endif
