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

#include <type_traits>

namespace itk
{
/** \class EMImageFileReader
 * \brief ImageFileReader that reads a spectrum image straight into its output buffer.
 *
 * ITK 5.2's ImageFileReader decides whether to convert from the pixel type's static number of
 * components, which is 1 for a VectorImage; so every spectrum image is read into a temporary
 * buffer as large as the image and then copied. This reader reads the file's data directly into
 * the output when the file's component type is the image's and the file holds exactly the
 * output's pixels with the output's number of components (Image of scalars, or VectorImage),
 * the whole image or the streamed piece the pipeline requests; anything else (another component
 * type, a file of more dimensions than the image, vector pixels) is read by ImageFileReader as
 * before. The output is the same in every case.
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
    using ComponentType = typename TOutputImage::InternalPixelType;
    constexpr unsigned int Dimension = TOutputImage::ImageDimension;
    TOutputImage *         output = this->GetOutput();
    ImageIOBase *          io = this->GetImageIO();
    constexpr bool         componentBuffer = std::is_arithmetic<ComponentType>::value;
    if (!componentBuffer || io == nullptr || io->GetComponentType() != ImageIOBase::MapPixelType<ComponentType>::CType ||
        io->GetNumberOfComponents() != output->GetNumberOfComponentsPerPixel() ||
        io->GetNumberOfDimensions() != Dimension)
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
    io->Read(output->GetBufferPointer());
    this->UpdateProgress(1.0f);
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
