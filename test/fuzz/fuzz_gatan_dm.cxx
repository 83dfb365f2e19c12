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
// libFuzzer harness of the DM3/DM4 tag parser: any input must parse or raise an
// itk::ExceptionObject, under AddressSanitizer and UndefinedBehaviorSanitizer (scripts/fuzz.sh).

#include "itkGatanDMTagTree.h"

#include <cstdint>
#include <sstream>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, size_t size)
{
  std::istringstream  stream(std::string(reinterpret_cast<const char *>(data), size));
  itk::GatanDMTagTree tree;
  try
  {
    tree.Parse(stream, size);
  }
  catch (const itk::ExceptionObject &)
  {
  }
  return 0;
}
