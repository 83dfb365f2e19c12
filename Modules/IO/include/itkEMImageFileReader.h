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
#ifndef itkEMImageFileReader_h
#define itkEMImageFileReader_h

#include "itkEMImageFiles.h"
#include "itkImageFileReader.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace itk
{
/** \class EMImageFileReader
 * \brief ImageFileReader that reads a spectrum image straight into its output buffer.
 *
 * ITK 5.2's ImageFileReader decides whether to convert from the pixel type's static number of
 * components, which is 1 for a VectorImage; so every spectrum image is read into a temporary
 * buffer as large as the image and then copied. This reader reads the file's data directly into
 * the output when the file holds exactly the output's pixels with the output's number of
 * components (Image of scalars, or VectorImage), the whole image or the streamed piece the
 * pipeline requests, and its component type is the image's or a narrower one (counts of uint16
 * or uint32 read as float): a narrower type is read into the end of the output's buffer and
 * widened in place, front to back, with no second buffer. Anything else (a wider component type,
 * a file of more dimensions than the image, vector pixels) is read by ImageFileReader as before.
 * The output is the same in every case (each component static_cast, as ImageFileReader does).
 *
 * \ingroup AnalyticalEMIO
 */
template <typename TOutputImage>
class ITK_TEMPLATE_EXPORT EMImageFileReader : public ImageFileReader<TOutputImage>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(EMImageFileReader);
  using Self = EMImageFileReader;
  using Superclass = ImageFileReader<TOutputImage>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkTypeMacro(EMImageFileReader, ImageFileReader);

protected:
  EMImageFileReader() = default;
  ~EMImageFileReader() override = default;

  void
  GenerateData() override
  {
    constexpr unsigned int Dimension = TOutputImage::ImageDimension;
    TOutputImage *         output = this->GetOutput();
    ImageIOBase *          io = this->GetImageIO();
    if (!std::is_arithmetic<Component>::value || io == nullptr ||
        io->GetNumberOfComponents() != output->GetNumberOfComponentsPerPixel() ||
        io->GetNumberOfDimensions() != Dimension || !CanWiden(io->GetComponentType()))
    {
      Superclass::GenerateData();
      return;
    }
    // The region the pipeline asks for (the whole image, or a streamed piece the file's reader
    // agreed to read), in the file's coordinates.
    const auto &  requested = output->GetRequestedRegion();
    ImageIORegion region(Dimension);
    for (unsigned int d = 0; d < Dimension; ++d)
    {
      region.SetIndex(d, requested.GetIndex(d) - output->GetLargestPossibleRegion().GetIndex(d));
      region.SetSize(d, requested.GetSize(d));
    }
    this->UpdateProgress(0.0f);
    this->AllocateOutputs();
    io->SetFileName(this->GetFileName());
    io->SetIORegion(region);
    const SizeValueType samples = requested.GetNumberOfPixels() * output->GetNumberOfComponentsPerPixel();
    auto * const        bytes = reinterpret_cast<char *>(output->GetBufferPointer());
    char * const        fileData = bytes + samples * (sizeof(Component) - io->GetComponentSize());
    io->Read(fileData);
    WidenInPlace(io->GetComponentType(), fileData, bytes, samples);
    this->UpdateProgress(1.0f);
  }

private:
  using Component = typename TOutputImage::InternalPixelType;

  // Calls f(TFile{}) with a value of the C++ type of the file's component type.
  template <typename TFunction>
  static bool
  WithFileType(IOComponentEnum type, TFunction && f)
  {
    switch (type)
    {
      case IOComponentEnum::UCHAR:
        return f(std::uint8_t{});
      case IOComponentEnum::CHAR:
        return f(std::int8_t{});
      case IOComponentEnum::USHORT:
        return f(std::uint16_t{});
      case IOComponentEnum::SHORT:
        return f(std::int16_t{});
      case IOComponentEnum::UINT:
        return f(std::uint32_t{});
      case IOComponentEnum::INT:
        return f(std::int32_t{});
      case IOComponentEnum::ULONG:
        return f(static_cast<unsigned long>(0));
      case IOComponentEnum::LONG:
        return f(0L);
      case IOComponentEnum::ULONGLONG:
        return f(0ULL);
      case IOComponentEnum::LONGLONG:
        return f(0LL);
      case IOComponentEnum::FLOAT:
        return f(0.0f);
      case IOComponentEnum::DOUBLE:
        return f(0.0);
      default:
        return false;
    }
  }

  static bool
  CanWiden(IOComponentEnum type)
  {
    return WithFileType(type, [](auto value) { return sizeof(value) <= sizeof(Component); });
  }

  // The samples of the file's type stored at the end of the buffer become the output's samples,
  // front to back: output sample i ends where file sample i + 1 begins or earlier, so no sample is
  // overwritten before it is read. Byte copies, because the two arrays overlap.
  static void
  WidenInPlace(IOComponentEnum type, const char * fileData, char * bytes, SizeValueType samples)
  {
    WithFileType(type, [&](auto value) {
      using FileType = decltype(value);
      if (std::is_same<FileType, Component>::value)
      {
        return true; // read in place
      }
      for (SizeValueType i = 0; i < samples; ++i)
      {
        FileType sample;
        std::memcpy(&sample, fileData + i * sizeof(FileType), sizeof(FileType));
        const auto widened = static_cast<Component>(sample);
        std::memcpy(bytes + i * sizeof(Component), &widened, sizeof(Component));
      }
      return true;
    });
  }
};

/** Reads \a path with EMImageFileReader; "FILE#SIGNAL" reads a signal of a file of several
 * (EMImageFiles::SplitSignal). */
template <typename TOutputImage>
typename TOutputImage::Pointer
ReadEMImage(const std::string & path)
{
  auto reader = EMImageFileReader<TOutputImage>::New();
  reader->SetImageIO(EMImageFiles::CreateReader(path, false)); // the reader reads the header
  reader->SetFileName(EMImageFiles::SplitSignal(path).File);
  reader->Update();
  return reader->GetOutput();
}
} // end namespace itk

#endif
