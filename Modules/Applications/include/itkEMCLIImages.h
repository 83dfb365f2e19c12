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
#ifndef itkEMCLIImages_h
#define itkEMCLIImages_h

#include "itkEMCommandLine.h"
#include "itkEMImageFileReader.h"
#include "itkImageFileWriter.h"
#include "itkVectorImage.h"

#include <functional>

namespace itk
{
namespace EMCLI
{
/** What a file holds, from its header (the project's readers registered first). Throws for a
 * file no reader knows and for one whose data is shorter than its header declares. */
struct AnalyticalEMApplications_EXPORT ImageInfo
{
  unsigned int Dimension{ 0 };
  unsigned int Components{ 0 };
  /** Without a singleton last axis (a 2-D image stored as x * y * 1). */
  unsigned int SpatialDimension{ 0 };
};

AnalyticalEMApplications_EXPORT ImageInfo
ReadImageInfo(const std::string & path);

template <typename TImage>
typename TImage::Pointer
Read(const std::string & path)
{
  ReadImageInfo(path); // a clear message for a file no reader knows
  return ReadEMImage<TImage>(path);
}

/** Gives the spectrum image of input parameter \a name the energy axis of the flags
 * --<name>Offset and --<name>Dispersion when that dispersion is above 0, else keeps the file's;
 * throws, naming the flags, when neither gives one. */
AnalyticalEMApplications_EXPORT void
ApplyEnergyAxisFlags(const CommandLine & cli, const std::string & name, MetaDataDictionary & dictionary);

/** The spectrum image of input parameter \a name with its energy axis (ApplyEnergyAxisFlags). */
template <typename TImage>
typename TImage::Pointer
ReadSpectrumImage(const CommandLine & cli, const std::string & name)
{
  typename TImage::Pointer image = Read<TImage>(cli.GetString(name));
  ApplyEnergyAxisFlags(cli, name, image->GetMetaDataDictionary());
  return image;
}

/** The components of \a stack as scalar images on its grid, each with its metadata. */
template <typename TPixel, unsigned int VDimension>
std::vector<typename Image<TPixel, VDimension>::Pointer>
SplitComponents(const VectorImage<TPixel, VDimension> * stack)
{
  const unsigned int  components = stack->GetNumberOfComponentsPerPixel();
  const SizeValueType pixels = stack->GetBufferedRegion().GetNumberOfPixels();
  const TPixel *      values = stack->GetBufferPointer();
  std::vector<typename Image<TPixel, VDimension>::Pointer> images;
  for (unsigned int c = 0; c < components; ++c)
  {
    auto image = Image<TPixel, VDimension>::New();
    image->CopyInformation(stack);
    image->SetRegions(stack->GetBufferedRegion());
    image->Allocate();
    image->SetMetaDataDictionary(stack->GetMetaDataDictionary());
    TPixel * out = image->GetBufferPointer();
    for (SizeValueType p = 0; p < pixels; ++p)
    {
      out[p] = values[p * components + c];
    }
    images.push_back(image);
  }
  return images;
}

/** The element of each of \a components components from the space-separated Element entry of a
 * stacked map (aem-eels-quantify's abundances, aem-eds-maps' line maps); empty when the entry
 * is missing or names another number of maps. */
AnalyticalEMApplications_EXPORT std::vector<std::string>
ComponentElements(const MetaDataDictionary & dictionary, unsigned int components);

/** Element = \a element and, for a known symbol, its AtomicNumber, as on a map file of one element. */
AnalyticalEMApplications_EXPORT void
LabelElementMap(MetaDataDictionary & dictionary, const std::string & element);

/** Runs \a write, which writes \a path. ITK's MetaImage writer does not fail when a write fails
 * (a full disk): it prints a message on std::cerr. Such a message is an error here; ITK's own
 * warnings (its output window) are passed on as warnings. */
AnalyticalEMApplications_EXPORT void
CheckedWrite(const std::function<void()> & write, const std::string & path);

template <typename TImage>
void
WriteImageFile(const TImage * image, const std::string & path)
{
  CheckedWrite([&] { WriteImage(image, path); }, path);
}

/** Writes the output image of parameter \a name (to its staged path; Commit() moves it). */
template <typename TImage>
void
Write(CommandLine & cli, const std::string & name, const TImage * image)
{
  WriteImageFile(image, cli.OutputPath(name));
}
} // namespace EMCLI
} // end namespace itk

#endif
