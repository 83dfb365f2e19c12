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
// libFuzzer harness of the Bruker .bcf reader (container, zlib blocks, XML header, hypermap
// records): any input must read or raise an itk::ExceptionObject, under AddressSanitizer and
// UndefinedBehaviorSanitizer (scripts/fuzz.sh). Each input is written to a file and every signal
// it lists (the first four) is read, as users read files.

#include "fuzz_inputs.h"
#include "itkBrukerBCFImageIO.h"

#include <unistd.h>

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, size_t size)
{
  static const std::string path = "/tmp/fuzz_bcf_" + std::to_string(getpid()) + ".bcf";
  if (!WriteFuzzInput(path, data, size))
  {
    return 0;
  }
  try
  {
    ReadEverySignal(itk::BrukerBCFImageIO::New(), path);
  }
  catch (const itk::ExceptionObject &)
  {
  }
  return 0;
}
