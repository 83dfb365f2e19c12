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

#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkImageRegionConstIterator.h"
#include "itkImageRegionIterator.h"
#include "itkZeroLossPeakLocator.h"

#include <numeric>

#include <algorithm>

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
  EMMetaData::SetString(output->GetMetaDataDictionary(), "Quantity", "t/lambda");
  EMMetaData::Erase(output->GetMetaDataDictionary(), EMMetaDataKeys::SignalType);
}

template <typename TInputImage, typename TOutputImage>
void
ThicknessImageFilter<TInputImage, TOutputImage>::BeforeThreadedGenerateData()
{
  const InputImageType * input = this->GetInput();
  const EnergyAxis       axis = EnergyAxis::ReadFrom(input->GetMetaDataDictionary(), input->GetNumberOfComponentsPerPixel());
  m_HalfWidthChannels = static_cast<SizeValueType>(std::lround(m_ZeroLossHalfWidth / axis.GetDispersion()));
  const SizeValueType sampled =
    m_ZeroLossIntegral == ZeroLossIntegralEnum::Window ? 2 * m_HalfWidthChannels + 1 : MirroredChannels + 1;
  // The shift is made on a window of the spectrum around its maximum, a few channels wider than
  // the samples taken, not on the whole spectrum: the same samples near the peak, at a fraction
  // of the cost.
  m_WindowLength = 2 * (std::max(m_HalfWidthChannels, MirroredChannels) + 14);
  m_Shifter = std::make_unique<SpectrumShifter>(SpectrumShiftEnum::Fourier, m_WindowLength, sampled);
  m_InvalidPixels = 0;
}

template <typename TInputImage, typename TOutputImage>
void
ThicknessImageFilter<TInputImage, TOutputImage>::DynamicThreadedGenerateData(const OutputRegionType & region)
{
  const InputImageType *                   input = this->GetInput();
  const SizeValueType                      n = input->GetNumberOfComponentsPerPixel();
  const bool                               window = m_ZeroLossIntegral == ZeroLossIntegralEnum::Window;
  const SizeValueType                      w = m_HalfWidthChannels;
  SpectrumShifter::Workspace               workspace(*m_Shifter);
  const SizeValueType                      length = m_WindowLength;
  std::vector<double>                      spectrum(n), part(length), sampled(window ? 2 * w + 1 : MirroredChannels + 1);
  ImageRegionConstIterator<InputImageType> in(input, region);
  ImageRegionIterator<OutputImageType>     out(this->GetOutput(), region);
  SizeValueType                            invalid = 0;
  for (; !in.IsAtEnd(); ++in, ++out)
  {
    const auto    pixel = in.Get();
    double        total = 0.0;
    SizeValueType peak = 0;
    for (SizeValueType k = 0; k < n; ++k)
    {
      spectrum[k] = static_cast<double>(pixel[k]);
      total += spectrum[k];
      peak = spectrum[k] > spectrum[peak] ? k : peak;
    }
    // The zero loss is sampled around its sub-channel centre c (the aligner's ParabolicArgmax),
    // by the aligner's default Fourier shift: the integral is that of the aligned spectrum, also
    // when the peak lies between two channels.
    bool usable = spectrum[peak] > 0.0 && std::isfinite(total) && peak >= 1 && peak + 1 < n;
    const double centre =
      usable ? static_cast<double>(peak) +
                 std::clamp(ZeroLossPeakLocator::RefinePeak(spectrum[peak - 1], spectrum[peak], spectrum[peak + 1]), -0.5, 0.5)
             : 0.0;
    // The window [first, first + length) around the maximum, zero outside the spectrum.
    const auto first = static_cast<long>(peak) - static_cast<long>(length / 2);
    for (SizeValueType j = 0; j < length; ++j)
    {
      const long k = first + static_cast<long>(j);
      part[j] = k >= 0 && k < static_cast<long>(n) ? spectrum[k] : 0.0;
    }
    const double local = centre - static_cast<double>(first);
    double       zeroLoss = 0.0;
    if (usable && window)
    {
      usable = centre >= static_cast<double>(w) && centre + static_cast<double>(w) <= static_cast<double>(n - 1);
      if (usable)
      {
        m_Shifter->Shift(part.data(), local - static_cast<double>(w), 0.0, sampled.data(), workspace);
        zeroLoss = std::accumulate(sampled.begin(), sampled.end(), 0.0);
      }
    }
    else if (usable)
    {
      // The centre plus twice the (at most MirroredChannels) samples below it; none below channel 0.
      m_Shifter->Shift(part.data(), local - static_cast<double>(MirroredChannels), 0.0, sampled.data(), workspace);
      const auto below = static_cast<SizeValueType>(std::clamp(centre, 0.0, static_cast<double>(MirroredChannels)));
      zeroLoss = sampled[MirroredChannels] +
                 2.0 * std::accumulate(sampled.end() - 1 - static_cast<long>(below), sampled.end() - 1, 0.0);
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
