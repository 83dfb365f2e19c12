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
#ifndef itkVeloxEMDReading_h
#define itkVeloxEMDReading_h

// The reading half of VeloxEMDImageIO. These functions call libhdf5 on a file that may be
// hostile, so VeloxEMDImageIO runs them in a child process (EMChildProcess).
//
// A Velox file (HDF5) holds its signals under /Data: Image/<id>/Data (height, width, frames),
// Spectrum/<id>/Data (channels, n) and SpectrumStream/<id>/Data, the EDS events of a scan. Each
// has a Metadata dataset of JSON text (one column per frame). A stream is a sequence of channel
// numbers, one per detected X-ray, with 65535 closing each pixel; pixels follow the scan's
// raster, frame after frame (VeloxSpectrumStreamDecoder turns them into spectra).

#include "itkEMChildProcess.h"
#include "itkEMHDF5Reading.h"
#include "itkImageIORegion.h"

#include <cstdint>
#include <string>

namespace itk
{
namespace VeloxEMDReading
{
/** Which signal of a file, and which of its frames. */
struct Selection
{
  unsigned int  Index{ 0 };
  std::string   Name;           // when not empty, the first signal of this name (any case)
  SizeValueType FirstFrame{ 0 };
  SizeValueType LastFrame{ 0 }; // one past the last frame read; 0 for all
};

/** How the events of one stream are framed on the way to the caller: this record, then Count
 * values of Width bytes each. */
struct StreamRecord
{
  std::uint64_t Width{ 2 };
  std::uint64_t Count{ 0 };
  std::uint64_t FirstFrame{ 0 }; // the frame the first value belongs to
};

/** Whether the file's /Version says Velox (or its developers' kit). */
bool
IsVelox(const std::string & path);

/** Lists the file's signals and describes the selected one; throws naming the problem. The
 * header's DataPath is "image", "spectrum" or "stream" (the kind of the selected signal). */
EMHDF5Reading::Header
ReadHeader(const std::string & path, const Selection & selection);

/** Sends the selected signal. An image: the values of \a region in ITK's pixel order; a
 * spectrum: all its values, pixel after pixel; a spectrum image: for each of its streams, a
 * StreamRecord and the stream's values from the first frame of the selection on. */
void
SendData(const std::string &       path,
         const Selection &         selection,
         const ImageIORegion &     region,
         EMChildProcess::Channel & channel);
} // namespace VeloxEMDReading
} // end namespace itk

#endif
