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
#ifndef itkBrukerBCFImageIO_h
#define itkBrukerBCFImageIO_h

#include "AnalyticalEMIOExport.h"
#include "itkEMMultiSignalImageIO.h"

#include <string>

namespace itk
{
/** \class BrukerBCFImageIO
 * \brief Reads Bruker .bcf files (Esprit hypermaps): the EDS spectrum image and the images of
 * the scan (SEM/STEM detectors, overview images).
 *
 * The signals (EMMultiSignalImageIO: chosen by name or index, listed by GetSignals()): each
 * image of the scan that is not all zero, named by its detector (a 2-D image of 8, 16 or 32-bit
 * unsigned values); then "EDS", the hypermap (a VectorImage of unsigned 32-bit counts, one
 * component per channel), and "EDS <n>" for the further hypermaps of a version 2 file.
 *
 * As Bruker users read hypermaps: SetDownsample(n) sums the pixels of each n x n block (the
 * image ceil(width / n) x ceil(height / n), spacing n times larger); SetCutoffEnergy(keV) keeps
 * the channels below that energy (0, the default: all). Spacing from the scan's DX and DY (µm a
 * pixel, per axis), in nm; the energy axis from the map's calibration (CalibAbs, CalibLin; keV
 * converted to eV); beam energy (kV), elevation angle, signal type EDS, and the element selection
 * of the file ("Elements", "XrayLines" as HyperSpy names them: "Fe_Ka").
 *
 * The container (BrukerSFSContainer), its zlib blocks, the XML header (expat) and every pixel
 * record (BrukerHypermapDecoder) are checked against the file as they are read; a malformed file
 * gives an itk::ExceptionObject. The hypermap is decoded as it is decompressed, by rows of the
 * requested region (ITK streaming), so memory holds the region, not the map.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT BrukerBCFImageIO : public EMMultiSignalImageIO
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(BrukerBCFImageIO);

  using Self = BrukerBCFImageIO;
  using Superclass = EMMultiSignalImageIO;
  using Pointer = SmartPointer<Self>;
  itkNewMacro(Self);
  itkTypeMacro(BrukerBCFImageIO, EMMultiSignalImageIO);

  itkSetClampMacro(Downsample, unsigned int, 1, 1u << 16);
  itkGetConstMacro(Downsample, unsigned int);
  itkSetClampMacro(CutoffEnergy, double, 0.0, 1e6);
  itkGetConstMacro(CutoffEnergy, double);

  bool
  CanReadFile(const char * fileName) override;
  void
  ReadImageInformation() override;
  void
  Read(void * buffer) override;

protected:
  BrukerBCFImageIO();
  ~BrukerBCFImageIO() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

private:
  unsigned int             m_Downsample{ 1 };
  double                   m_CutoffEnergy{ 0.0 };
  int                      m_Map{ -1 };   // SpectrumData index of the selected hypermap; -1 for an image
  std::string              m_ImageData;   // the selected image's values
  SizeValueType            m_ScanWidth{ 0 }, m_ScanHeight{ 0 };
};
} // end namespace itk

#endif
