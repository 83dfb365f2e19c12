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
#ifndef itkMSAImageIO_h
#define itkMSAImageIO_h

#include "AnalyticalEMIOExport.h"
#include "itkImageIOBase.h"

#include <iosfwd>
#include <vector>

namespace itk
{
/** \class MSAImageIO
 * \brief Reads and writes EMSA/MSA (ISO 22029) single spectra as 1 x 1 spectrum images.
 *
 * Reading: header lines "#KEYWORD[-unit]: value" (keywords compared case-insensitively) up to
 * #SPECTRUM, then Y or XY data up to #ENDOFDATA. E_i = OFFSET + i XPERCHAN (keV converted to
 * eV) goes into the dictionary as the energy axis; BEAMKV, CONVANGLE, COLLANGLE and SIGNALTYPE
 * (ELS: EELS) into the project's keys, TITLE into Title, and every keyword into "MSA.<KEYWORD>".
 * Exactly NPOINTS finite values are required (extra ones are ignored with a warning); NPOINTS,
 * XPERCHAN, OFFSET and DATATYPE are required; lines over 64 KiB, NUL bytes, non-numeric tokens
 * and more than 1e8 points are errors. The pixel type is double.
 *
 * Writing: a 1 x 1 image with one component per channel (or a 1-D image) and an energy axis is
 * written as DATATYPE Y, one value per line, with the microscope keys that are set.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT MSAImageIO : public ImageIOBase
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(MSAImageIO);

  using Self = MSAImageIO;
  using Superclass = ImageIOBase;
  using Pointer = SmartPointer<Self>;
  itkNewMacro(Self);
  itkTypeMacro(MSAImageIO, ImageIOBase);

  bool
  CanReadFile(const char * fileName) override;
  void
  ReadImageInformation() override;
  void
  Read(void * buffer) override;
  bool
  CanWriteFile(const char * fileName) override;
  void
  WriteImageInformation() override
  {}
  void
  Write(const void * buffer) override;

  /** Parses MSA text; fills \a values and the dictionary. Throws on malformed input. */
  static void
  Parse(std::istream & stream, std::vector<double> & values, MetaDataDictionary & dictionary);

protected:
  MSAImageIO();
  ~MSAImageIO() override = default;

private:
  std::vector<double> m_Values;
};
} // end namespace itk

#endif
