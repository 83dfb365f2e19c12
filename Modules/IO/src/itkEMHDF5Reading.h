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
#ifndef itkEMHDF5Reading_h
#define itkEMHDF5Reading_h

// What the project's HDF5 readers (HyperSpy, Velox EMD) share: the header a reader process sends
// to the caller and its checked decoding, and small questions asked of an HDF5 file.

#include "itkEMHDF5Checks.h"
#include "itkImageIOBase.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace itk
{
namespace EMHDF5Reading
{
// More signals than this in one file is taken as a corrupt file.
constexpr std::uint64_t MaximumNumberOfSignals = 100000;

/** What ImageIOBase needs to know of one signal of a file. */
struct Header
{
  unsigned int                                     NumberOfSignals{ 0 };
  std::string                                      DataPath;
  IOComponentEnum                                  Component{ IOComponentEnum::UNKNOWNCOMPONENTTYPE };
  IOPixelEnum                                      Pixel{ IOPixelEnum::VECTOR };
  unsigned int                                     Components{ 0 };
  bool MapsFirst{ false }; // a stack of maps (n, y, x): the values of a pixel are not contiguous
  std::vector<SizeValueType>                       Dimensions;
  std::vector<double>                              Spacing;
  std::vector<double>                              Origin;
  std::vector<std::pair<std::string, std::string>> Entries; // metadata dictionary (strings)
  std::vector<std::string>                         Signals; // one line per signal of the file
  std::string                                      Warning; // for the caller to issue
};

std::string
Serialize(const Header & header);

/** Throws, naming \a reader, on a malformed or implausible text (the child's answer is not trusted). */
Header
Deserialize(const std::string & text, const std::string & reader);

/** Runs \a read (libhdf5 on a file that may be hostile) in a child process and returns the header
 * it sends, checked; \a what names the reader and file in messages. */
Header
ReadInChildProcess(const std::function<Header()> & read, const std::string & what);

/** Sets the image information of \a io (dimensions, spacing, origin, pixel and component types,
 * dictionary entries) from \a header. */
void
ApplyTo(const Header & header, ImageIOBase & io);

/** Whether every component of \a path exists below \a location. */
bool
Exists(hid_t location, const std::string & path);

/** The ITK component type of a checked dataset's elements. */
IOComponentEnum
ComponentOf(const EMHDF5::DatasetShape & shape);

/** The native HDF5 type of an ITK component type (-1 for none). */
hid_t
NativeType(IOComponentEnum component);

/** The HDF5 signature at offset 0 or 512 * 2^k, checked without libhdf5. */
bool
HasHDF5Signature(const std::string & path);
} // namespace EMHDF5Reading
} // end namespace itk

#endif
