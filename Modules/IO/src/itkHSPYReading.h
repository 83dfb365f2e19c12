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
#include "itkEMHDF5Reading.h"
#include "itkImageIOBase.h"

#include <string>
#include <utility>
#include <vector>

namespace itk
{
namespace HSPYReading
{
using Header = EMHDF5Reading::Header;

/** Whether the root attribute file_format says HyperSpy. */
bool
IsHyperSpy(const std::string & path);

/** Reads and checks the header of signal \a index; throws naming the problem. */
Header
ReadHeader(const std::string & path, unsigned int index);

/** Sends the values of the dataset at \a dataPath, converted to \a component, in pieces. */
void
SendData(const std::string &       path,
         const std::string &       dataPath,
         IOComponentEnum           component,
         EMChildProcess::Channel & channel);
} // namespace HSPYReading
} // end namespace itk

#endif
