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
#ifndef itkGatanDMImageIO_h
#define itkGatanDMImageIO_h

#include "AnalyticalEMIOExport.h"
#include "itkGatanDMTagTree.h"
#include "itkImageIOBase.h"

#include <string>
#include <vector>

namespace itk
{
/** \class GatanDMImageIO
 * \brief Reads Gatan DigitalMicrograph DM3 and DM4 files: images, spectra and spectrum images.
 *
 * The first image of the file's ImageList that is not a thumbnail is read (GetNumberOfImages()
 * counts them, GetImages() lists them; SetImageIndex() or SetImageName() picks another). Its
 * dimension whose calibration units are eV or keV is the energy axis: a spectrum becomes a 1 x 1 image and a spectrum image (energy the
 * slowest dimension, transposed here) a 2-D image, both with one component per channel and the
 * energy axis (in eV) in the dictionary; an image without an energy axis is a scalar image of
 * its own dimension. Spacing = calibration scale, origin = -origin x scale, both in the
 * calibration units (SpatialUnits). Pixel types: int8/16/32, uint8/16/32, float32/64 and bool;
 * complex and RGB data are rejected. Beam energy, semi-angles, signal type (EELS, EDS, CL),
 * exposure and title go into the keys of EMMetaDataKeys; every decoded tag into "DM.<path>".
 *
 * Every read is checked against the file size before it is made (GatanDMTagTree), so malformed
 * files raise an itk::ExceptionObject rather than crash or allocate beyond the file's size.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT GatanDMImageIO : public ImageIOBase
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(GatanDMImageIO);

  using Self = GatanDMImageIO;
  using Superclass = ImageIOBase;
  using Pointer = SmartPointer<Self>;
  itkNewMacro(Self);
  itkTypeMacro(GatanDMImageIO, ImageIOBase);

  /** Which non-thumbnail image to read (default 0). */
  itkSetMacro(ImageIndex, unsigned int);
  itkGetConstMacro(ImageIndex, unsigned int);
  /** Which image to read by its name (any case); when set, it takes precedence over the index. */
  itkSetStringMacro(ImageName);
  itkGetStringMacro(ImageName);
  /** Non-thumbnail images in the file (after ReadImageInformation). */
  itkGetConstMacro(NumberOfImages, unsigned int);
  /** After ReadImageInformation: each non-thumbnail image in one line ("index: name, dimensions,
   * data type"). */
  const std::vector<std::string> &
  GetImages() const
  {
    return m_Images;
  }

  bool
  CanReadFile(const char * fileName) override;
  void
  ReadImageInformation() override;
  void
  Read(void * buffer) override;
  bool
  CanWriteFile(const char *) override
  {
    return false;
  }
  void
  WriteImageInformation() override
  {}
  void
  Write(const void *) override;

protected:
  GatanDMImageIO();
  ~GatanDMImageIO() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

private:
  unsigned int  m_ImageIndex{ 0 };
  unsigned int  m_NumberOfImages{ 0 };
  std::string   m_ImageName;
  std::vector<std::string> m_Images;
  SizeValueType m_DataOffset{ 0 };
  SizeValueType m_DataBytes{ 0 };
  bool          m_FileLittleEndian{ true };
  bool          m_EnergySlowest{ false }; // spectrum image stored energy-major: transpose
  SizeValueType m_Channels{ 1 };
};
} // end namespace itk

#endif
