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
#ifndef itkEELSAlignFilter_hxx
#define itkEELSAlignFilter_hxx

#include "itkEELSAlignFilter.h"

#include "itkEMMetaData.h"
#include "itkEMParallelRanges.h"
#include "itkSpectrumImage.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <mutex>
#include <type_traits>

namespace itk
{
namespace EELSAlignDetail
{
template <typename T>
T
ToPixel(double value)
{
  if constexpr (std::is_integral_v<T>)
  {
    return std::isfinite(value) ? static_cast<T>(std::lround(value)) : T(0);
  }
  else
  {
    return static_cast<T>(value);
  }
}

// out[k] = in[first + k], pad where first + k lies outside [0, n).
template <typename T>
void
CopyChannels(const T * in, long n, long first, T pad, T * out, SizeValueType length)
{
  const long end = first + static_cast<long>(length);
  const long from = std::clamp(first, 0L, n), to = std::clamp(end, 0L, n);
  T *        o = out;
  o = std::fill_n(o, std::max(0L, std::min(from, end) - first), pad);
  o = std::copy(in + from, in + std::max(from, to), o);
  std::fill(o, out + length, pad);
}
} // namespace EELSAlignDetail

template <typename TImage>
EELSAlignFilter<TImage>::EELSAlignFilter()
{
  this->SetNumberOfRequiredInputs(1);
  this->ProcessObject::SetOutput("ShiftMap", this->MakeOutput("ShiftMap"));
  this->ProcessObject::SetOutput("InvalidMask", this->MakeOutput("InvalidMask"));
}

template <typename TImage>
auto
EELSAlignFilter<TImage>::MakeOutput(const DataObjectIdentifierType & name) -> DataObjectPointer
{
  if (name == "ShiftMap")
  {
    return ShiftImageType::New().GetPointer();
  }
  if (name == "InvalidMask")
  {
    return MaskImageType::New().GetPointer();
  }
  return Superclass::MakeOutput(name);
}

template <typename TImage>
void
EELSAlignFilter<TImage>::SetCompanion(unsigned int index, const ImageType * companion)
{
  this->SetNthInput(index + 1, const_cast<ImageType *>(companion));
  if (this->GetNumberOfIndexedOutputs() < index + 2)
  {
    for (unsigned int o = this->GetNumberOfIndexedOutputs(); o < index + 2; ++o)
    {
      this->SetNthOutput(o, this->MakeOutput(o));
    }
  }
}

template <typename TImage>
auto
EELSAlignFilter<TImage>::GetCompanion(unsigned int index) const -> const ImageType *
{
  return itkDynamicCastInDebugMode<const ImageType *>(this->ProcessObject::GetInput(index + 1));
}

template <typename TImage>
unsigned int
EELSAlignFilter<TImage>::GetNumberOfCompanions() const
{
  unsigned int count = 0;
  while (count + 1 < this->GetNumberOfIndexedInputs() && this->GetCompanion(count) != nullptr)
  {
    ++count;
  }
  return count;
}

template <typename TImage>
auto
EELSAlignFilter<TImage>::GetShiftMap() -> ShiftImageType *
{
  return itkDynamicCastInDebugMode<ShiftImageType *>(this->ProcessObject::GetOutput("ShiftMap"));
}

template <typename TImage>
auto
EELSAlignFilter<TImage>::GetInvalidMask() -> MaskImageType *
{
  return itkDynamicCastInDebugMode<MaskImageType *>(this->ProcessObject::GetOutput("InvalidMask"));
}

template <typename TImage>
void
EELSAlignFilter<TImage>::VerifyInputInformation() ITKv5_CONST
{
  const ImageType * lowLoss = this->GetInput();
  if (lowLoss->GetNumberOfComponentsPerPixel() < 3)
  {
    itkExceptionMacro(<< "The low loss has " << lowLoss->GetNumberOfComponentsPerPixel() << " channels (at least 3 needed)");
  }
  const EnergyAxis axis =
    EnergyAxis::ReadFrom(lowLoss->GetMetaDataDictionary(), lowLoss->GetNumberOfComponentsPerPixel());
  for (unsigned int c = 0; c < this->GetNumberOfCompanions(); ++c)
  {
    const ImageType * companion = this->GetCompanion(c);
    if (companion->GetLargestPossibleRegion() != lowLoss->GetLargestPossibleRegion() ||
        companion->GetSpacing() != lowLoss->GetSpacing() || companion->GetOrigin() != lowLoss->GetOrigin() ||
        companion->GetDirection() != lowLoss->GetDirection())
    {
      itkExceptionMacro(<< "Companion " << c << " (" << companion->GetLargestPossibleRegion().GetSize()
                        << ") does not have the low loss' scan geometry ("
                        << lowLoss->GetLargestPossibleRegion().GetSize() << ")");
    }
    const EnergyAxis companionAxis =
      EnergyAxis::ReadFrom(companion->GetMetaDataDictionary(), companion->GetNumberOfComponentsPerPixel());
    if (!companionAxis.HasSameDispersion(axis))
    {
      itkExceptionMacro(<< "Companion " << c << " has a dispersion of " << companionAxis.GetDispersion()
                        << " eV, the low loss " << axis.GetDispersion() << " eV");
    }
  }
  if (m_ZeroLossWindow < 0.0 || !std::isfinite(m_ZeroLossWindow))
  {
    itkExceptionMacro(<< "ZeroLossWindow must be >= 0 eV, got " << m_ZeroLossWindow);
  }
  const auto pixels = static_cast<long>(lowLoss->GetLargestPossibleRegion().GetNumberOfPixels());
  if (m_ReferencePixel >= pixels)
  {
    itkExceptionMacro(<< "ReferencePixel " << m_ReferencePixel << " is outside the " << pixels << " pixels");
  }
  switch (m_Method)
  {
    case ZeroLossMethodEnum::Argmax:
    case ZeroLossMethodEnum::ParabolicArgmax:
    case ZeroLossMethodEnum::ModelFit:
    case ZeroLossMethodEnum::CrossCorrelation:
      break;
    default:
      itkExceptionMacro(<< "Unknown zero-loss method " << static_cast<int>(m_Method));
  }
  if (static_cast<int>(m_Shift) < 0 || static_cast<int>(m_Shift) > 3 || static_cast<int>(m_Range) < 0 ||
      static_cast<int>(m_Range) > 2)
  {
    itkExceptionMacro(<< "Unknown shift method " << static_cast<int>(m_Shift) << " or range " << static_cast<int>(m_Range));
  }
}

template <typename TImage>
void
EELSAlignFilter<TImage>::GenerateInputRequestedRegion()
{
  for (unsigned int i = 0; i < this->GetNumberOfIndexedInputs(); ++i)
  {
    if (auto * input = const_cast<ImageType *>(this->GetInput(i)))
    {
      input->SetRequestedRegionToLargestPossibleRegion();
    }
  }
}

template <typename TImage>
void
EELSAlignFilter<TImage>::EnlargeOutputRequestedRegion(DataObject * output)
{
  Superclass::EnlargeOutputRequestedRegion(output);
  output->SetRequestedRegionToLargestPossibleRegion();
}

template <typename TImage>
void
EELSAlignFilter<TImage>::CopySpectrum(const ImageType * image, SizeValueType pixel, std::vector<double> & out) const
{
  const SizeValueType       n = image->GetNumberOfComponentsPerPixel();
  const InternalPixelType * values = image->GetBufferPointer() + pixel * n;
  out.resize(n);
  for (SizeValueType k = 0; k < n; ++k)
  {
    out[k] = static_cast<double>(values[k]);
  }
}

template <typename TImage>
std::vector<double>
EELSAlignFilter<TImage>::AlignedMean(const std::vector<double> & positions, double centre) const
{
  const ImageType *     input = this->GetInput();
  const SizeValueType   n = input->GetNumberOfComponentsPerPixel();
  const SizeValueType   pixels = positions.size();
  const SpectrumShifter shifter(SpectrumShiftEnum::Linear, n, n);
  std::vector<double>   mean(n, 0.0);
  std::mutex            lock;
  SizeValueType         used = 0;
  EMParallelRanges(
    this->GetMultiThreader(),
    pixels,
    PixelsPerRange,
    [&](SizeValueType, SizeValueType begin, SizeValueType end) {
      SpectrumShifter::Workspace workspace(shifter);
      std::vector<double>        spectrum, shifted(n), sum(n, 0.0);
      SizeValueType              count = 0;
      for (SizeValueType p = begin; p < end; ++p)
      {
        if (m_Invalid[p] || !std::isfinite(positions[p]))
        {
          continue;
        }
        this->CopySpectrum(input, p, spectrum);
        shifter.Shift(spectrum.data(), positions[p] - centre, 0.0, shifted.data(), workspace);
        for (SizeValueType k = 0; k < n; ++k)
        {
          sum[k] += shifted[k];
        }
        ++count;
      }
      const std::lock_guard<std::mutex> guard(lock);
      for (SizeValueType k = 0; k < n; ++k)
      {
        mean[k] += sum[k];
      }
      used += count;
    });
  for (double & v : mean)
  {
    v /= static_cast<double>(std::max<SizeValueType>(used, 1));
  }
  return mean;
}

template <typename TImage>
void
EELSAlignFilter<TImage>::LocateZeroLoss()
{
  const ImageType *   input = this->GetInput();
  const SizeValueType n = input->GetNumberOfComponentsPerPixel();
  const SizeValueType pixels = input->GetLargestPossibleRegion().GetNumberOfPixels();
  const double        dispersion = m_InputAxis.GetDispersion();
  std::vector<SizeValueType> peaks(pixels, 0);
  m_Positions.assign(pixels, std::numeric_limits<double>::quiet_NaN());
  m_Invalid.assign(pixels, false);
  // work(p, raw spectrum, scratch) for every pixel not yet known to be invalid.
  using PixelWork = std::function<void(SizeValueType, const InternalPixelType *, std::vector<double> &)>;
  const auto forEachPixel = [&](const PixelWork & work) {
    EMParallelRanges(
      this->GetMultiThreader(),
      pixels,
      PixelsPerRange,
      [&](SizeValueType, SizeValueType begin, SizeValueType end) {
        std::vector<double> scratch(n);
        for (SizeValueType p = begin; p < end; ++p)
        {
          if (!m_Invalid[p])
          {
            work(p, input->GetBufferPointer() + p * n, scratch);
          }
        }
      },
      nullptr);
  };
  std::vector<unsigned char> invalid(pixels, 0); // written in parallel (vector<bool> is not thread safe)
  forEachPixel([&](SizeValueType p, const InternalPixelType * s, std::vector<double> &) {
    invalid[p] = !ZeroLossPeakLocator::FindPeak(s, n, m_SaturationLevel, peaks[p]);
    m_Positions[p] = static_cast<double>(peaks[p]);
  });
  for (SizeValueType p = 0; p < pixels; ++p)
  {
    m_Invalid[p] = invalid[p] != 0;
  }
  std::vector<SizeValueType> validPeaks;
  for (SizeValueType p = 0; p < pixels; ++p)
  {
    if (!m_Invalid[p])
    {
      validPeaks.push_back(peaks[p]);
    }
  }
  if (validPeaks.empty())
  {
    itkExceptionMacro(<< "No pixel of the low loss has a usable zero-loss peak");
  }
  std::nth_element(validPeaks.begin(), validPeaks.begin() + validPeaks.size() / 2, validPeaks.end());
  const SizeValueType median = validPeaks[validPeaks.size() / 2];

  if (m_Method == ZeroLossMethodEnum::ParabolicArgmax)
  {
    forEachPixel([&](SizeValueType p, const InternalPixelType * s, std::vector<double> &) {
      const SizeValueType c = peaks[p];
      m_Positions[p] = static_cast<double>(c) + ZeroLossPeakLocator::RefinePeak(static_cast<double>(s[c - 1]),
                                                                                static_cast<double>(s[c]),
                                                                                static_cast<double>(s[c + 1]));
    });
  }
  else if (m_Method == ZeroLossMethodEnum::ModelFit || m_Method == ZeroLossMethodEnum::CrossCorrelation)
  {
    // The window: ZeroLossWindow eV, or 3 FWHM of the argmax-aligned mean.
    std::vector<double> mean = this->AlignedMean(m_Positions, static_cast<double>(median));
    const double        fwhm = ZeroLossPeakLocator::FullWidthHalfMaximum(mean.data(), n, median);
    const double        widthChannels = m_ZeroLossWindow > 0.0 ? m_ZeroLossWindow / dispersion : 3.0 * fwhm;
    const auto          half = static_cast<SizeValueType>(std::max(2.0, std::round(widthChannels)));
    if (m_Method == ZeroLossMethodEnum::ModelFit)
    {
      const double start = fwhm > 0.0 ? fwhm : static_cast<double>(half) / 3.0;
      forEachPixel([&](SizeValueType p, const InternalPixelType * s, std::vector<double> & scratch) {
        const SizeValueType c = peaks[p];
        const SizeValueType first = c >= half ? c - half : 0;
        const SizeValueType last = std::min(n - 1, c + half);
        std::copy(s + first, s + last + 1, scratch.begin() + first);
        m_Positions[p] = ZeroLossPeakLocator::FitPeak(scratch.data(), first, last, c, start, m_Shape);
      });
    }
    else
    {
      ZeroLossPeakLocator::CorrelationReference reference;
      if (m_ReferencePixel >= 0)
      {
        const auto p = static_cast<SizeValueType>(m_ReferencePixel);
        if (m_Invalid[p])
        {
          itkExceptionMacro(<< "ReferencePixel " << p << " has no usable zero-loss peak");
        }
        std::vector<double> s;
        this->CopySpectrum(input, p, s);
        reference = ZeroLossPeakLocator::CorrelationReference::Make(s.data(), n, peaks[p], half);
      }
      else
      {
        reference = ZeroLossPeakLocator::CorrelationReference::Make(mean.data(), n, median, half);
      }
      const auto correlateAll = [&](const ZeroLossPeakLocator::CorrelationReference & r) {
        // Correlate() reads the window and ZeroLossPeakLocator::MaximumLag + 1 channels beyond it.
        const SizeValueType reach = r.HalfWidth + ZeroLossPeakLocator::MaximumLag + 1;
        forEachPixel([&](SizeValueType p, const InternalPixelType * s, std::vector<double> & scratch) {
          const SizeValueType c = peaks[p];
          const SizeValueType first = c >= reach ? c - reach : 0;
          const SizeValueType last = std::min(n - 1, c + reach);
          std::copy(s + first, s + last + 1, scratch.begin() + first);
          m_Positions[p] = ZeroLossPeakLocator::Correlate(scratch.data(), n, c, r);
        });
      };
      correlateAll(reference);
      if (m_IterateReference && m_ReferencePixel < 0)
      {
        mean = this->AlignedMean(m_Positions, static_cast<double>(median));
        const auto top = static_cast<SizeValueType>(std::max_element(mean.begin(), mean.end()) - mean.begin());
        reference = ZeroLossPeakLocator::CorrelationReference::Make(mean.data(), n, top, half);
        correlateAll(reference);
      }
    }
  }
  m_NumberOfInvalidPixels = 0;
  for (SizeValueType p = 0; p < pixels; ++p)
  {
    if (!std::isfinite(m_Positions[p]))
    {
      m_Invalid[p] = true;
    }
    if (m_Invalid[p])
    {
      m_Positions[p] = std::numeric_limits<double>::quiet_NaN();
      ++m_NumberOfInvalidPixels;
    }
  }
  if (m_NumberOfInvalidPixels == pixels)
  {
    itkExceptionMacro(<< "No pixel of the low loss has a usable zero-loss peak");
  }
}

template <typename TImage>
void
EELSAlignFilter<TImage>::GenerateOutputInformation()
{
  Superclass::GenerateOutputInformation();
  ImageType * input = const_cast<ImageType *>(this->GetInput());
  input->Update(); // the zero-loss positions fix the output lengths
  for (unsigned int c = 0; c < this->GetNumberOfCompanions(); ++c)
  {
    const_cast<ImageType *>(this->GetCompanion(c))->UpdateOutputInformation();
  }
  m_InputAxis = SpectrumImage::GetEnergyAxis(*input); // read once, for this and GenerateData
  this->LocateZeroLoss();

  const SizeValueType n = input->GetNumberOfComponentsPerPixel();
  const EnergyAxis &  axis = m_InputAxis;
  const double        d = axis.GetDispersion();
  double              lowest = std::numeric_limits<double>::infinity(), highest = -lowest;
  std::vector<double> valid;
  for (const double x : m_Positions)
  {
    if (std::isfinite(x))
    {
      lowest = std::min(lowest, x);
      highest = std::max(highest, x);
      valid.push_back(x);
    }
  }
  std::nth_element(valid.begin(), valid.begin() + valid.size() / 2, valid.end());
  const double median = valid[valid.size() / 2];
  // Channel k of a pixel samples its input at x_p + u0 + k.
  long length = static_cast<long>(n);
  if (m_Range == AlignedRangeEnum::Crop)
  {
    m_FirstSample = static_cast<long>(std::ceil(-lowest));
    length = static_cast<long>(std::floor(static_cast<double>(n) - 1.0 - highest)) - m_FirstSample + 1;
    if (length < 1)
    {
      itkExceptionMacro(<< "No energy range is common to all pixels (zero-loss positions " << lowest << " ... "
                        << highest << " of " << n << " channels)");
    }
  }
  else
  {
    m_FirstSample = -std::lround(median);
  }
  const auto write = [&](ImageType * output, const ImageType * source, SizeValueType channels, double offset) {
    output->CopyInformation(source);
    output->SetNumberOfComponentsPerPixel(static_cast<unsigned int>(channels));
    MetaDataDictionary dictionary = source->GetMetaDataDictionary();
    EnergyAxis(offset, d, channels).WriteTo(dictionary);
    output->SetMetaDataDictionary(dictionary);
  };
  write(this->GetOutput(0), input, static_cast<SizeValueType>(length), static_cast<double>(m_FirstSample) * d);
  for (unsigned int c = 0; c < this->GetNumberOfCompanions(); ++c)
  {
    const ImageType *   companion = this->GetCompanion(c);
    const SizeValueType m = companion->GetNumberOfComponentsPerPixel();
    const EnergyAxis    companionAxis = EnergyAxis::ReadFrom(companion->GetMetaDataDictionary(), m);
    long                first = 0, companionLength = static_cast<long>(m);
    if (m_Range == AlignedRangeEnum::Crop)
    {
      first = static_cast<long>(std::ceil(-lowest - static_cast<double>(m_FirstSample)));
      companionLength =
        static_cast<long>(std::floor(static_cast<double>(m) - 1.0 - highest - static_cast<double>(m_FirstSample))) -
        first + 1;
      if (companionLength < 1)
      {
        itkExceptionMacro(<< "No energy range of companion " << c << " is common to all pixels");
      }
    }
    m_CompanionFirst.resize(this->GetNumberOfCompanions());
    m_CompanionFirst[c] = first;
    write(this->GetOutput(c + 1), companion, static_cast<SizeValueType>(companionLength),
          companionAxis.GetOffset() - axis.GetOffset() + static_cast<double>(m_FirstSample + first) * d);
  }
  for (DataObject * map : { static_cast<DataObject *>(this->GetShiftMap()), static_cast<DataObject *>(this->GetInvalidMask()) })
  {
    static_cast<ImageBase<ImageDimension> *>(map)->CopyInformation(input);
  }
  // What the maps hold, and the scan's spatial units.
  const auto label = [&](DataObject * map, const char * quantity, const char * units) {
    MetaDataDictionary dictionary;
    EMMetaData::SetString(dictionary, "Quantity", quantity);
    EMMetaData::SetString(dictionary, EMMetaDataKeys::Units, units);
    if (EMMetaData::Has(input->GetMetaDataDictionary(), "SpatialUnits"))
    {
      EMMetaData::SetString(dictionary, "SpatialUnits", EMMetaData::GetString(input->GetMetaDataDictionary(), "SpatialUnits"));
    }
    map->SetMetaDataDictionary(dictionary);
  };
  label(this->GetShiftMap(), "ZeroLossEnergy", "eV");
  label(this->GetInvalidMask(), "NoZeroLoss", "");
}

template <typename TImage>
void
EELSAlignFilter<TImage>::GenerateData()
{
  const ImageType *   input = this->GetInput();
  const SizeValueType pixels = input->GetLargestPossibleRegion().GetNumberOfPixels();
  const SizeValueType n = input->GetNumberOfComponentsPerPixel();
  const EnergyAxis &  axis = m_InputAxis;
  const unsigned int  companions = this->GetNumberOfCompanions();

  std::vector<const ImageType *> sources{ input };
  std::vector<ImageType *>       outputs{ this->GetOutput(0) };
  std::vector<long>              firsts{ 0 };
  for (unsigned int c = 0; c < companions; ++c)
  {
    sources.push_back(this->GetCompanion(c));
    outputs.push_back(this->GetOutput(c + 1));
    firsts.push_back(m_CompanionFirst[c]);
  }
  std::vector<std::unique_ptr<SpectrumShifter>> shifters;
  for (size_t i = 0; i < outputs.size(); ++i)
  {
    outputs[i]->SetBufferedRegion(outputs[i]->GetLargestPossibleRegion());
    outputs[i]->Allocate();
    shifters.push_back(std::make_unique<SpectrumShifter>(m_Shift, sources[i]->GetNumberOfComponentsPerPixel(),
                                                         outputs[i]->GetNumberOfComponentsPerPixel()));
  }
  ShiftImageType * shiftMap = this->GetShiftMap();
  MaskImageType *  mask = this->GetInvalidMask();
  shiftMap->SetBufferedRegion(shiftMap->GetLargestPossibleRegion());
  shiftMap->Allocate();
  mask->SetBufferedRegion(mask->GetLargestPossibleRegion());
  mask->Allocate();
  const double pad = m_Range == AlignedRangeEnum::PadNaN ? std::numeric_limits<double>::quiet_NaN() : 0.0;

  EMParallelRanges(
    this->GetMultiThreader(),
    pixels,
    PixelsPerRange,
    [&](SizeValueType, SizeValueType begin, SizeValueType end) {
      std::vector<std::unique_ptr<SpectrumShifter::Workspace>> workspaces;
      for (const auto & shifter : shifters)
      {
        workspaces.push_back(std::make_unique<SpectrumShifter::Workspace>(*shifter));
      }
      std::vector<double> spectrum, shifted;
      for (SizeValueType p = begin; p < end; ++p)
      {
        const double x = m_Positions[p];
        shiftMap->GetBufferPointer()[p] = m_Invalid[p] ? x : axis.GetEnergy(x);
        mask->GetBufferPointer()[p] = m_Invalid[p] ? 1 : 0;
        for (size_t i = 0; i < outputs.size(); ++i)
        {
          const SizeValueType length = outputs[i]->GetNumberOfComponentsPerPixel();
          InternalPixelType * out = outputs[i]->GetBufferPointer() + p * length;
          if (m_Invalid[p])
          {
            std::fill(out, out + length, EELSAlignDetail::ToPixel<InternalPixelType>(std::numeric_limits<double>::quiet_NaN()));
            continue;
          }
          const double start = x + static_cast<double>(m_FirstSample + firsts[i]);
          if (m_Shift == SpectrumShiftEnum::Roll || start == std::floor(start))
          {
            // Whole channels: the samples themselves, in the input's own type.
            const InternalPixelType * in = sources[i]->GetBufferPointer() + p * sources[i]->GetNumberOfComponentsPerPixel();
            EELSAlignDetail::CopyChannels(in, static_cast<long>(sources[i]->GetNumberOfComponentsPerPixel()),
                                          std::lround(start), EELSAlignDetail::ToPixel<InternalPixelType>(pad), out, length);
            continue;
          }
          this->CopySpectrum(sources[i], p, spectrum);
          shifted.resize(length);
          shifters[i]->Shift(spectrum.data(), start, pad, shifted.data(), *workspaces[i]);
          // Cubic and Fourier interpolation ring below zero next to steep edges; counts cannot.
          const bool counts = *std::min_element(spectrum.begin(), spectrum.end()) >= 0.0;
          for (SizeValueType k = 0; k < length; ++k)
          {
            out[k] = EELSAlignDetail::ToPixel<InternalPixelType>(counts ? std::max(shifted[k], 0.0) : shifted[k]);
          }
        }
      }
    },
    this);
}

template <typename TImage>
void
EELSAlignFilter<TImage>::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Method: " << m_Method << " (shape " << m_Shape << ")" << std::endl;
  os << indent << "Shift: " << m_Shift << ", Range: " << m_Range << std::endl;
  os << indent << "ZeroLossWindow: " << m_ZeroLossWindow << " eV" << std::endl;
  os << indent << "SaturationLevel: " << m_SaturationLevel << std::endl;
  os << indent << "ReferencePixel: " << m_ReferencePixel << ", IterateReference: " << m_IterateReference << std::endl;
  os << indent << "NumberOfInvalidPixels: " << m_NumberOfInvalidPixels << std::endl;
}
} // end namespace itk

#endif
