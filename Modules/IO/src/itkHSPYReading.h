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
#ifndef itkHSPYReading_h
#define itkHSPYReading_h

// The reading half of HSPYImageIO. These functions call libhdf5 on a file that may be hostile, so
// HSPYImageIO runs them in a child process (EMChildProcess) and gets their answers as bytes.

#include "itkEMChildProcess.h"
#include "itkEMHDF5Support.h"
#include "itkImageIOBase.h"

#include <string>
#include <utility>
#include <vector>

namespace itk
{
namespace HSPYReading
{
/** What ImageIOBase needs to know of one signal of a .hspy file. */
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
  std::string                                      Warning; // for the caller to issue
};

/** Whether the root attribute file_format says HyperSpy. */
bool
IsHyperSpy(const std::string & path);

/** Reads and checks the header of signal \a index; throws naming the problem. */
Header
ReadHeader(const std::string & path, unsigned int index);

/** The native HDF5 type of an ITK component type (-1 for none). */
hid_t
NativeType(IOComponentEnum component);

/** Sends the values of the dataset at \a dataPath, converted to \a component, in pieces. */
void
SendData(const std::string &       path,
         const std::string &       dataPath,
         IOComponentEnum           component,
         EMChildProcess::Channel & channel);

std::string
Serialize(const Header & header);

/** Throws on a malformed or implausible text (the child's answer is not trusted). */
Header
Deserialize(const std::string & text);

/** The HDF5 signature at offset 0 or 512 * 2^k, checked without libhdf5. */
bool
HasHDF5Signature(const std::string & path);
} // namespace HSPYReading
} // end namespace itk

#endif
