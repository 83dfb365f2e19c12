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
#include "itkEMCLIImages.h"
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkImageIOFactory.h"

namespace itk
{
namespace EMCLI
{
ImageInfo
ReadImageInfo(const std::string & path)
{
  AnalyticalEMImageIOFactory::RegisterOneFactory();
  ImageIOBase::Pointer io = ImageIOFactory::CreateImageIO(path.c_str(), ImageIOFactory::IOFileModeEnum::ReadMode);
  if (io == nullptr)
  {
    itkGenericExceptionMacro(<< "cannot read " << path << ": not an image any reader knows");
  }
  io->SetFileName(path);
  io->ReadImageInformation();
  ImageInfo info;
  info.Dimension = io->GetNumberOfDimensions();
  info.Components = io->GetNumberOfComponents();
  info.SpatialDimension = info.Dimension;
  while (info.SpatialDimension > 2 && io->GetDimensions(info.SpatialDimension - 1) == 1)
  {
    --info.SpatialDimension;
  }
  return info;
}
} // namespace EMCLI
} // end namespace itk
