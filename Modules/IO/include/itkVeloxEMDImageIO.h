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
#ifndef itkVeloxEMDImageIO_h
#define itkVeloxEMDImageIO_h

#include "AnalyticalEMIOExport.h"
#include "itkEMMultiSignalImageIO.h"

#include <string>
#include <vector>

namespace itk
{
/** \class VeloxEMDImageIO
 * \brief Reads Thermo Fisher Velox .emd files (HDF5): images, spectra and EDS spectrum images
 * decoded from their event streams.
 *
 * The signals of a file (EMMultiSignalImageIO: chosen by name or index, listed by GetSignals()):
 * - each image of /Data/Image (HAADF, DF, BF, camera, element maps), named by its detector: a
 *   2-D scalar image, or a 3-D image (x, y, frame) when the frames selected are several;
 * - each spectrum of /Data/Spectrum: a 1 x 1 image (n x 1 for n spectra) with one component per
 *   channel;
 * - "EDS": the spectrum image of the scan, the events of every detector's stream summed, counts
 *   (unsigned 32-bit) per pixel and channel over the frames selected; then each detector's
 *   spectrum image on its own (named by the detector) when there are several.
 *
 * Select frames with SetFirstFrame() and SetLastFrame() (one past the last; 0 for all). The scan's shape is the
 * first image's, as Velox records it; spacing and origin are converted to nm; spectra carry the
 * energy axis of their detector (its Dispersion and OffsetEnergy, eV); beam energy (kV), signal
 * type (EDS), title and detector go into the project's keys, and "Frames" records the frames
 * summed. Events whose channel is beyond the detector's channels are not counted and are reported
 * as a warning. Velox's own binary spectrum images (/Data/SpectrumImage) are not read: their
 * layout is not published; files pruned of their streams have no spectrum image here.
 *
 * Streaming: images and spectrum images are read by whole rows of the requested region, so a
 * pipeline that streams (itk::StreamingImageFilter, or a filter asking for part of its input)
 * holds only its piece; a spectrum image's streams are decoded as they arrive and are never held
 * whole.
 *
 * Hostile files: the HDF5 library runs in a child process (EMChildProcess) on checked datasets
 * (EMHDF5::CheckDataset); the JSON metadata is parsed with a nesting limit; the child's answers
 * are checked before use.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT VeloxEMDImageIO : public EMMultiSignalImageIO
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(VeloxEMDImageIO);

  using Self = VeloxEMDImageIO;
  using Superclass = EMMultiSignalImageIO;
  using Pointer = SmartPointer<Self>;
  itkNewMacro(Self);
  itkTypeMacro(VeloxEMDImageIO, EMMultiSignalImageIO);

  itkSetMacro(FirstFrame, SizeValueType);
  itkGetConstMacro(FirstFrame, SizeValueType);
  itkSetMacro(LastFrame, SizeValueType);
  itkGetConstMacro(LastFrame, SizeValueType);

  bool
  CanReadFile(const char * fileName) override;
  void
  ReadImageInformation() override;
  void
  Read(void * buffer) override;

protected:
  VeloxEMDImageIO();
  ~VeloxEMDImageIO() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;
  /** Spectra are read whole. */
  bool
  ReadsByRows() const override
  {
    return m_Kind != "spectrum";
  }

private:
  void
  ReadSpectrumImage(void * buffer);

  SizeValueType            m_FirstFrame{ 0 };
  SizeValueType            m_LastFrame{ 0 };
  std::string              m_Kind;        // image, spectrum or stream
  SizeValueType            m_FrameEnd{ 0 }; // one past the last frame of a spectrum image read
};
} // end namespace itk

#endif
