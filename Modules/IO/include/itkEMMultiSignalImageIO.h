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
#ifndef itkEMMultiSignalImageIO_h
#define itkEMMultiSignalImageIO_h

#include "AnalyticalEMIOExport.h"
#include "itkImageIOBase.h"

#include <string>
#include <vector>

namespace itk
{
/** \class EMMultiSignalImageIO
 * \brief Base of the readers of instrument files that hold several signals (images, spectra,
 * spectrum images) and stream them by rows.
 *
 * One signal is read: the one named by SetSignalName() (any case; it takes precedence) or the
 * one at SetSignalIndex(). After ReadImageInformation, GetSignals() describes each signal of the
 * file in one line ("index: name, kind, shape"). Reading streams by whole rows: a pipeline that
 * asks for part of the image gets the rows (and, for 3-D signals, the slices) it asks for.
 * These readers do not write.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT EMMultiSignalImageIO : public ImageIOBase
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(EMMultiSignalImageIO);

  using Self = EMMultiSignalImageIO;
  using Superclass = ImageIOBase;
  using Pointer = SmartPointer<Self>;
  itkTypeMacro(EMMultiSignalImageIO, ImageIOBase);

  itkSetMacro(SignalIndex, unsigned int);
  itkGetConstMacro(SignalIndex, unsigned int);
  itkSetStringMacro(SignalName);
  itkGetStringMacro(SignalName);

  /** After ReadImageInformation: the number of signals of the file, and one line for each. */
  unsigned int
  GetNumberOfSignals() const
  {
    return static_cast<unsigned int>(m_Signals.size());
  }
  const std::vector<std::string> &
  GetSignals() const
  {
    return m_Signals;
  }

  bool
  CanStreamRead() override
  {
    return true;
  }
  /** Whole rows: the full width, the requested rows (and slices); everything when the signal is
   * not read by rows (ReadsByRows()). */
  ImageIORegion
  GenerateStreamableReadRegionFromRequestedRegion(const ImageIORegion & requested) const override;
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
  EMMultiSignalImageIO() = default;
  ~EMMultiSignalImageIO() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

  void
  SetSignals(std::vector<std::string> signals)
  {
    m_Signals = std::move(signals);
  }
  /** The signal selected among signals named \a names: by name, else by index; throws. */
  unsigned int
  SelectSignal(const std::vector<std::string> & names) const;
  /** Whether the selected signal is read by rows (a spectrum, say, is read whole). */
  virtual bool
  ReadsByRows() const
  {
    return true;
  }
  /** Throws unless \a region is whole rows inside the image. */
  void
  CheckRowRegion(const ImageIORegion & region) const;

private:
  unsigned int             m_SignalIndex{ 0 };
  std::string              m_SignalName;
  std::vector<std::string> m_Signals;
};
} // end namespace itk

#endif
