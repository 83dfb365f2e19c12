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
#ifndef itkHSPYImageIO_h
#define itkHSPYImageIO_h

#include "AnalyticalEMIOExport.h"
#include "itkImageIOBase.h"

namespace itk
{
/** \class HSPYImageIO
 * \brief Reads and writes HyperSpy .hspy files (HDF5): spectra, line scans and spectrum images.
 *
 * Reading: the first signal group of /Experiments (GetNumberOfSignals(); SetSignalIndex()) with
 * its data in numpy order, navigation axes first and the signal axis (navigate = false) last.
 * (E), (x, E) and (y, x, E) data become 1 x 1, n x 1 and nx x ny images with one component per
 * channel; the signal axis' offset and scale are the energy axis (keV converted to eV), the
 * navigation axes give origin and spacing. beam_energy (kV), convergence_angle and
 * collection_angle (mrad), signal_type (EELS; EDS_* as EDS) and title go into the project's keys.
 * All integer and floating-point data types are read; errors of the HDF5 library (corrupt
 * chunks included) become itk::ExceptionObject.
 *
 * Hostile files: every attribute's class, rank and size and the dataset's shape, type, layout,
 * filters and stored bytes are checked before anything is read (EMHDF5::CheckDataset), and the
 * HDF5 library runs in a child process (EMChildProcess), so that a file on which libhdf5 itself
 * crashes or hangs gives an exception, never a crash or a hang of the caller.
 *
 * Writing: a 2-D spectrum image (any pixel type HDF5 stores natively) with its energy axis, in
 * HyperSpy's layout (file_format_version 3.1), signal_type and microscope metadata included;
 * written to a temporary name and renamed, so a failure leaves no partial file.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT HSPYImageIO : public ImageIOBase
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(HSPYImageIO);

  using Self = HSPYImageIO;
  using Superclass = ImageIOBase;
  using Pointer = SmartPointer<Self>;
  itkNewMacro(Self);
  itkTypeMacro(HSPYImageIO, ImageIOBase);

  itkSetMacro(SignalIndex, unsigned int);
  itkGetConstMacro(SignalIndex, unsigned int);
  itkGetConstMacro(NumberOfSignals, unsigned int);

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
  {
  }
  void
  Write(const void * buffer) override;

protected:
  HSPYImageIO();
  ~HSPYImageIO() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

private:
  unsigned int m_SignalIndex{ 0 };
  unsigned int m_NumberOfSignals{ 0 };
  std::string  m_DataPath;
  bool         m_MapsFirst{ false }; // a stack of maps, stored (n, y, x)
  // Why the HDF5 library failed on the file CanReadFile last looked at.
  std::string m_ProbeFailure;
  std::string m_ProbedFile;
};
} // end namespace itk

#endif
