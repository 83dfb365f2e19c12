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
#ifndef itkEELSAlignFilter_h
#define itkEELSAlignFilter_h

#include "itkEMMacro.h"
#include "itkEnergyAxis.h"
#include "itkImageToImageFilter.h"
#include "itkSpectrumShifter.h"
#include "itkVectorImage.h"
#include "itkZeroLossPeakLocator.h"

#include <iosfwd>
#include <limits>
#include <vector>

namespace itk
{
/** \class EELSAlignFilter
 * \brief Zero-loss alignment of a low-loss spectrum image and of its companion spectrum images.
 *
 * Input 0 is the low loss (a VectorImage with its energy axis in the metadata); companions
 * (SetCompanion(i, ...), e.g. the core loss of a dual acquisition) have the same scan geometry and
 * dispersion and receive the same per-pixel shifts. Inputs are never modified.
 *
 * For each pixel the zero-loss position x_p (fractional channel) comes from ZeroLossMethodEnum;
 * the window used by ModelFit and CrossCorrelation is ZeroLossWindow eV on each side of the
 * maximum, by default 3 FWHM of the argmax-aligned mean spectrum. CrossCorrelation compares with
 * the argmax-aligned mean spectrum (or ReferencePixel's spectrum when set), once more with the
 * mean of the sub-channel aligned spectra when IterateReference is on.
 *
 * Aligned output channel k of pixel p samples its input at x_p + u0 + k (SpectrumShiftEnum, by
 * default Cubic: on a Gaussian of sigma 3 channels moved by a fraction its largest error is
 * 0.09 % of the peak, against 1.3 % for Linear and 6e-8 for Fourier, which costs several times
 * as much), so
 * the zero loss lands on channel -u0 of every pixel and the low-loss axis becomes
 * E_k = (u0 + k) d: zero loss at exactly 0 eV. A companion's axis becomes
 * E_k = (offset_c - offset_l) + (u0 + k0 + k) d, its own channels shifted with the low loss'. With
 * AlignedRangeEnum::Crop, u0 and the length keep the channels every valid pixel has (for integer
 * positions c_p: N - (max c - min c) channels). Cubic and Fourier interpolation ring below zero
 * beside steep edges; a spectrum without negative values (counts) is clamped at 0 after the
 * shift, so that count-based fitters accept the aligned data; spectra with negative values
 * (dark-subtracted) are left as interpolated.
 *
 * Outputs: 0 the aligned low loss, 1 ... the aligned companions, "ShiftMap" (Image<double, 2>,
 * the input-axis energy of each pixel's zero loss, eV), "InvalidMask" (Image<unsigned char, 2>,
 * 1 where FindPeak() found no usable zero-loss peak: non-finite, all <= 0, saturated at
 * SaturationLevel or clipped, or at an end of the spectrum). Invalid pixels are not shifted: their
 * outputs are NaN (0 for integer pixels) and their shift NaN; GetNumberOfInvalidPixels() counts
 * them. The output length depends on the data, so the filter updates its inputs while computing
 * its output information.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
template <typename TImage>
class ITK_TEMPLATE_EXPORT EELSAlignFilter : public ImageToImageFilter<TImage, TImage>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(EELSAlignFilter);

  using Self = EELSAlignFilter;
  using Superclass = ImageToImageFilter<TImage, TImage>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(EELSAlignFilter);

  using ImageType = TImage;
  using InternalPixelType = typename ImageType::InternalPixelType;
  static constexpr unsigned int ImageDimension = ImageType::ImageDimension;
  using ShiftImageType = Image<double, ImageDimension>;
  using MaskImageType = Image<unsigned char, ImageDimension>;
  using DataObjectPointer = typename Superclass::DataObjectPointer;
  using DataObjectIdentifierType = typename Superclass::DataObjectIdentifierType;

  /** Companion spectrum image \a index (0, 1, ...); its aligned version is output index + 1. */
  void
  SetCompanion(unsigned int index, const ImageType * companion);
  const ImageType *
  GetCompanion(unsigned int index) const;
  unsigned int
  GetNumberOfCompanions() const;

  itkSetEnumMacro(Method, ZeroLossMethodEnum);
  itkGetEnumMacro(Method, ZeroLossMethodEnum);
  itkSetEnumMacro(Shape, ZeroLossShapeEnum);
  itkGetEnumMacro(Shape, ZeroLossShapeEnum);
  itkSetEnumMacro(Shift, SpectrumShiftEnum);
  itkGetEnumMacro(Shift, SpectrumShiftEnum);
  itkSetEnumMacro(Range, AlignedRangeEnum);
  itkGetEnumMacro(Range, AlignedRangeEnum);

  /** Half-width (eV) of the zero-loss window on each side of the maximum; 0: 3 FWHM. */
  itkSetMacro(ZeroLossWindow, double);
  itkGetConstMacro(ZeroLossWindow, double);
  /** Counts at or above this level mark a saturated pixel (default: none). */
  itkSetMacro(SaturationLevel, double);
  itkGetConstMacro(SaturationLevel, double);
  /** The CrossCorrelation reference: this pixel's spectrum (buffer index), or -1 (default) for
   * the mean. */
  itkSetMacro(ReferencePixel, long);
  itkGetConstMacro(ReferencePixel, long);
  itkSetMacro(IterateReference, bool);
  itkGetConstMacro(IterateReference, bool);
  itkBooleanMacro(IterateReference);

  ShiftImageType *
  GetShiftMap();
  MaskImageType *
  GetInvalidMask();
  SizeValueType
  GetNumberOfInvalidPixels() const
  {
    return m_NumberOfInvalidPixels;
  }
  /** The zero-loss positions (fractional input channels; NaN for invalid pixels), buffer order. */
  const std::vector<double> &
  GetZeroLossChannels() const
  {
    return m_Positions;
  }

protected:
  EELSAlignFilter();
  ~EELSAlignFilter() override = default;

  using Superclass::MakeOutput;
  DataObjectPointer
  MakeOutput(const DataObjectIdentifierType & name) override;

  void
  VerifyInputInformation() ITKv5_CONST override;
  void
  GenerateInputRequestedRegion() override;
  void
  GenerateOutputInformation() override;
  void
  EnlargeOutputRequestedRegion(DataObject * output) override;
  void
  GenerateData() override;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

private:
  /** Locates every pixel's zero loss into m_Positions (and the invalid mask). */
  void
  LocateZeroLoss();
  /** The mean of the spectra shifted so that position \a positions[p] lands on \a centre. */
  std::vector<double>
  AlignedMean(const std::vector<double> & positions, double centre) const;
  void
  CopySpectrum(const ImageType * image, SizeValueType pixel, std::vector<double> & out) const;

  ZeroLossMethodEnum  m_Method{ ZeroLossMethodEnum::Argmax };
  ZeroLossShapeEnum   m_Shape{ ZeroLossShapeEnum::Gaussian };
  SpectrumShiftEnum   m_Shift{ SpectrumShiftEnum::Cubic };
  AlignedRangeEnum    m_Range{ AlignedRangeEnum::Crop };
  double              m_ZeroLossWindow{ 0.0 };
  double              m_SaturationLevel{ std::numeric_limits<double>::infinity() };
  long                m_ReferencePixel{ -1 };
  bool                m_IterateReference{ true };
  /** Pixels per unit of parallel work: small enough to balance two threads on a line scan. */
  static constexpr SizeValueType PixelsPerRange = 64;

  EnergyAxis          m_InputAxis; // the low loss', read by GenerateOutputInformation
  std::vector<double> m_Positions;
  std::vector<bool>   m_Invalid;
  SizeValueType       m_NumberOfInvalidPixels{ 0 };
  long                m_FirstSample{ 0 };    // u0
  std::vector<long>   m_CompanionFirst;      // k0 of each companion
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkEELSAlignFilter.hxx"
#endif

#endif
