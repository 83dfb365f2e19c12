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
#ifndef itkSpectrumImage_h
#define itkSpectrumImage_h

#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkImage.h"
#include "itkMicroscopeParameters.h"
#include "itkVectorImage.h"

#include <string>

namespace itk
{
/** \brief Helpers for spectrum images: VectorImage<T, D> with one spectrum per pixel, the energy
 * channels as components and the EnergyAxis and MicroscopeParameters in the MetaDataDictionary.
 *
 * A spectrum image is equivalently an Image<T, D + 1> whose last axis is energy (origin = energy
 * offset, spacing = dispersion); ToVolume() and FromVolume() convert losslessly.
 *
 * \ingroup AnalyticalEMCore
 */
namespace SpectrumImage
{
/** True when the image's dictionary holds an energy calibration. */
template <typename TImage>
bool
HasEnergyAxis(const TImage & image)
{
  return EnergyAxis::IsDefinedIn(image.GetMetaDataDictionary());
}

/** The energy axis of a spectrum image (as many channels as components); throws if absent. */
template <typename TImage>
EnergyAxis
GetEnergyAxis(const TImage & image)
{
  return EnergyAxis::ReadFrom(image.GetMetaDataDictionary(), image.GetNumberOfComponentsPerPixel());
}

/** Stores the axis in the image's dictionary; its size must equal the number of components. */
template <typename TImage>
void
SetEnergyAxis(TImage & image, const EnergyAxis & axis)
{
  if (axis.GetSize() != image.GetNumberOfComponentsPerPixel())
  {
    itkGenericExceptionMacro(<< "Energy axis has " << axis.GetSize() << " channels but the spectrum image has "
                             << image.GetNumberOfComponentsPerPixel() << " components per pixel");
  }
  MetaDataDictionary dictionary = image.GetMetaDataDictionary();
  axis.WriteTo(dictionary);
  image.SetMetaDataDictionary(dictionary);
}

template <typename TImage>
MicroscopeParameters
GetMicroscopeParameters(const TImage & image)
{
  return MicroscopeParameters::ReadFrom(image.GetMetaDataDictionary());
}

template <typename TImage>
void
SetMicroscopeParameters(TImage & image, const MicroscopeParameters & parameters)
{
  MetaDataDictionary dictionary = image.GetMetaDataDictionary();
  parameters.WriteTo(dictionary);
  image.SetMetaDataDictionary(dictionary);
}

/** The SignalType entry (EELS, EDS, HAADF, ...), or an empty string when absent. */
template <typename TImage>
std::string
GetSignalType(const TImage & image)
{
  const MetaDataDictionary & dictionary = image.GetMetaDataDictionary();
  return EMMetaData::Has(dictionary, EMMetaDataKeys::SignalType)
           ? EMMetaData::GetString(dictionary, EMMetaDataKeys::SignalType)
           : std::string();
}

template <typename TImage>
void
SetSignalType(TImage & image, const std::string & signalType)
{
  MetaDataDictionary dictionary = image.GetMetaDataDictionary();
  EMMetaData::SetString(dictionary, EMMetaDataKeys::SignalType, signalType);
  image.SetMetaDataDictionary(dictionary);
}

/** (x, y, ..., E) volume holding the same samples as the spectrum image; energy offset and
 * dispersion become origin and spacing of the last axis; the dictionary is copied. */
template <typename TPixel, unsigned int VDimension>
typename Image<TPixel, VDimension + 1>::Pointer
ToVolume(const VectorImage<TPixel, VDimension> & spectrumImage)
{
  using VolumeType = Image<TPixel, VDimension + 1>;
  const EnergyAxis axis = GetEnergyAxis(spectrumImage);
  const auto &     region = spectrumImage.GetBufferedRegion();

  typename VolumeType::RegionType    volumeRegion;
  typename VolumeType::SpacingType   spacing;
  typename VolumeType::PointType     origin;
  typename VolumeType::DirectionType direction;
  direction.SetIdentity();
  for (unsigned int d = 0; d < VDimension; ++d)
  {
    volumeRegion.SetIndex(d, region.GetIndex(d));
    volumeRegion.SetSize(d, region.GetSize(d));
    spacing[d] = spectrumImage.GetSpacing()[d];
    origin[d] = spectrumImage.GetOrigin()[d];
    for (unsigned int e = 0; e < VDimension; ++e)
    {
      direction(d, e) = spectrumImage.GetDirection()(d, e);
    }
  }
  volumeRegion.SetIndex(VDimension, 0);
  volumeRegion.SetSize(VDimension, axis.GetSize());
  spacing[VDimension] = axis.GetDispersion();
  origin[VDimension] = axis.GetOffset();

  auto volume = VolumeType::New();
  volume->SetRegions(volumeRegion);
  volume->SetSpacing(spacing);
  volume->SetOrigin(origin);
  volume->SetDirection(direction);
  volume->SetMetaDataDictionary(spectrumImage.GetMetaDataDictionary());
  volume->Allocate();

  const SizeValueType channels = axis.GetSize();
  const SizeValueType pixels = region.GetNumberOfPixels();
  const TPixel *      in = spectrumImage.GetBufferPointer();
  TPixel *            out = volume->GetBufferPointer();
  for (SizeValueType k = 0; k < channels; ++k)
  {
    TPixel * slice = out + k * pixels;
    for (SizeValueType p = 0; p < pixels; ++p)
    {
      slice[p] = in[p * channels + k];
    }
  }
  return volume;
}

/** Inverse of ToVolume(); the last axis must be axis-aligned (no rotation into energy). */
template <typename TPixel, unsigned int VVolumeDimension>
typename VectorImage<TPixel, VVolumeDimension - 1>::Pointer
FromVolume(const Image<TPixel, VVolumeDimension> & volume)
{
  constexpr unsigned int D = VVolumeDimension - 1;
  using SpectrumImageType = VectorImage<TPixel, D>;
  const auto & direction = volume.GetDirection();
  for (unsigned int d = 0; d < D; ++d)
  {
    if (direction(d, D) != 0.0 || direction(D, d) != 0.0)
    {
      itkGenericExceptionMacro(<< "FromVolume: the energy axis of the volume is rotated into space");
    }
  }
  const auto & region = volume.GetBufferedRegion();
  const EnergyAxis axis(volume.GetOrigin()[D], volume.GetSpacing()[D], region.GetSize(D));

  typename SpectrumImageType::RegionType    spatialRegion;
  typename SpectrumImageType::SpacingType   spacing;
  typename SpectrumImageType::PointType     origin;
  typename SpectrumImageType::DirectionType spatialDirection;
  for (unsigned int d = 0; d < D; ++d)
  {
    spatialRegion.SetIndex(d, region.GetIndex(d));
    spatialRegion.SetSize(d, region.GetSize(d));
    spacing[d] = volume.GetSpacing()[d];
    origin[d] = volume.GetOrigin()[d];
    for (unsigned int e = 0; e < D; ++e)
    {
      spatialDirection(d, e) = direction(d, e);
    }
  }
  auto image = SpectrumImageType::New();
  image->SetRegions(spatialRegion);
  image->SetSpacing(spacing);
  image->SetOrigin(origin);
  image->SetDirection(spatialDirection);
  image->SetNumberOfComponentsPerPixel(static_cast<unsigned int>(axis.GetSize()));
  image->SetMetaDataDictionary(volume.GetMetaDataDictionary());
  image->Allocate();
  SetEnergyAxis(*image, axis);

  const SizeValueType channels = axis.GetSize();
  const SizeValueType pixels = spatialRegion.GetNumberOfPixels();
  const TPixel *      in = volume.GetBufferPointer();
  TPixel *            out = image->GetBufferPointer();
  for (SizeValueType k = 0; k < channels; ++k)
  {
    const TPixel * slice = in + k * pixels;
    for (SizeValueType p = 0; p < pixels; ++p)
    {
      out[p * channels + k] = slice[p];
    }
  }
  return image;
}
} // namespace SpectrumImage
} // end namespace itk

#endif
