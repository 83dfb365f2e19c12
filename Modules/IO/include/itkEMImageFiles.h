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
#ifndef itkEMImageFiles_h
#define itkEMImageFiles_h

#include "AnalyticalEMIOExport.h"
#include "itkImageIOBase.h"

#include <algorithm>
#include <string>
#include <vector>

namespace itk
{
/** \brief What image files hold on disk, beyond what ITK's readers check.
 *
 * ITK 5.2's MetaImage reader accepts a file whose data is shorter than its header declares (it
 * prints a message and returns a half-filled buffer); CheckComplete refuses such files before
 * they are read. The other functions name the files an image is stored in, so that a program
 * can refuse to write over any file of its inputs.
 *
 * \ingroup AnalyticalEMIO
 */
namespace EMImageFiles
{
/** Throws when \a path holds fewer bytes of image data than \a io (after ReadImageInformation)
 * declares: MetaImage (.mha, .mhd) with raw data or compressed data of a declared size, in the
 * file itself or in one data file. Other formats and layouts are not checked (ITK's NRRD, PNG and
 * TIFF readers report short data themselves). */
AnalyticalEMIO_EXPORT void
CheckComplete(const std::string & path, const ImageIOBase & io);

/** The files other than \a path that hold the data of the existing image file \a path: the
 * data file named by a .mhd or .nhdr header, the .img of an Analyze/NIfTI .hdr. */
AnalyticalEMIO_EXPORT std::vector<std::string>
                      DataFiles(const std::string & path);

/** The files other than \a path that ITK's writers may create when writing \a path: .raw/.zraw
 * beside a .mhd, .raw/.raw.gz beside a .nhdr, .img/.img.gz beside a .hdr. */
AnalyticalEMIO_EXPORT std::vector<std::string>
                      CompanionsWritten(const std::string & path);
/** Whether two names of signals are the same, ignoring the case of ASCII letters. */
inline bool
SameName(const std::string & a, const std::string & b)
{
  const auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

/** A path that names a signal of a file of several: "scan.emd#EDS", "scan.dm4#2". */
struct AnalyticalEMIO_EXPORT SignalPath
{
  std::string File;
  std::string Signal; // a name or an index; "" for the reader's default
};

/** Splits \a path at its last '#' unless a file exists under the whole of \a path. */
AnalyticalEMIO_EXPORT SignalPath
SplitSignal(const std::string & path);

/** The reader of \a path (a SignalPath; the project's readers registered first) with its signal
 * selected, after ReadImageInformation unless \a readInformation is false (an ImageFileReader
 * given the reader reads it again). Throws for a file no reader knows, a signal given to a reader
 * of files of one signal, and (when the information is read) a signal the file does not have. */
AnalyticalEMIO_EXPORT ImageIOBase::Pointer
CreateReader(const std::string & path, bool readInformation = true);
} // namespace EMImageFiles
} // end namespace itk

#endif
