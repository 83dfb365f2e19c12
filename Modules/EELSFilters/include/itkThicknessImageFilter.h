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
#ifndef itkThicknessImageFilter_h
#define itkThicknessImageFilter_h

#include "itkEELSEnumNames.h"
#include "AnalyticalEMEELSFiltersExport.h"
#include "itkEMMacro.h"
#include "itkImageToImageFilter.h"
#include "itkSpectrumShifter.h"

#include <atomic>
#include <iosfwd>
#include <memory>

namespace itk
{
/** \class ThicknessImageFilter
 * \brief Relative thickness t/lambda = ln(I_t / I_0) of each pixel of a low-loss spectrum image.
 *
 * I_t is the sum of all channels of the pixel's low loss, I_0 the zero-loss intensity
 * (ZeroLossIntegralEnum) of the spectrum sampled around the sub-channel centre of its zero loss,
 * as EELSAlignFilter would align it (centre: the ParabolicArgmax vertex; samples: the Fourier
 * shift). Unaligned data therefore give the t/lambda of aligned data: a zero loss between two
 * channels is not cut in half. The input is a VectorImage with the
 * energy axis in its metadata (EnergyDispersion is needed by the Window method); the output has
 * the input's geometry and metadata without the energy-axis keys. A pixel without a usable zero-loss peak (maximum <= 0, the window running
 * past the spectrum ends, I_0 <= 0 or I_t <= 0, a non-finite value) becomes NaN and is counted in
 * GetNumberOfInvalidPixels(). The filter streams and runs on all threads.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
template <typename TInputImage, typename TOutputImage = Image<float, TInputImage::ImageDimension>>
class ITK_TEMPLATE_EXPORT ThicknessImageFilter : public ImageToImageFilter<TInputImage, TOutputImage>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(ThicknessImageFilter);

  using Self = ThicknessImageFilter;
  using Superclass = ImageToImageFilter<TInputImage, TOutputImage>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(ThicknessImageFilter);

  using InputImageType = TInputImage;
  using OutputImageType = TOutputImage;
  using OutputRegionType = typename OutputImageType::RegionType;
  using OutputPixelType = typename OutputImageType::PixelType;

  itkSetEnumMacro(ZeroLossIntegral, ZeroLossIntegralEnum);
  itkGetEnumMacro(ZeroLossIntegral, ZeroLossIntegralEnum);
  /** Half-width of the Window method, eV (default 3). */
  itkSetMacro(ZeroLossHalfWidth, double);
  itkGetConstMacro(ZeroLossHalfWidth, double);

  /** Pixels that got NaN in the last update. */
  SizeValueType
  GetNumberOfInvalidPixels() const
  {
    return m_NumberOfInvalidPixels;
  }

protected:
  ThicknessImageFilter();
  ~ThicknessImageFilter() override = default;

  void
  VerifyPreconditions() ITKv5_CONST override;
  void
  GenerateOutputInformation() override;
  void
  BeforeThreadedGenerateData() override;
  void
  DynamicThreadedGenerateData(const OutputRegionType & region) override;
  void
  AfterThreadedGenerateData() override;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

private:
  ZeroLossIntegralEnum       m_ZeroLossIntegral{ ZeroLossIntegralEnum::Window };
  double                     m_ZeroLossHalfWidth{ 3.0 };
  static constexpr SizeValueType   MirroredChannels = 50;
  SizeValueType                    m_HalfWidthChannels{ 0 };
  SizeValueType                    m_WindowLength{ 0 };
  std::unique_ptr<SpectrumShifter> m_Shifter;
  std::atomic<SizeValueType> m_InvalidPixels{ 0 };
  SizeValueType              m_NumberOfInvalidPixels{ 0 };
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkThicknessImageFilter.hxx"
#endif

#endif
