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
#include "itkGSLErrorGuard.h"

#include <gsl/gsl_errno.h>

#include <mutex>

namespace itk
{
namespace
{
std::mutex         guardMutex;
unsigned int       activeGuards = 0;
gsl_error_handler_t * hostHandler = nullptr;
} // namespace

GSLErrorGuard::GSLErrorGuard()
{
  const std::lock_guard<std::mutex> lock(guardMutex);
  if (activeGuards++ == 0)
  {
    hostHandler = gsl_set_error_handler_off();
  }
}

GSLErrorGuard::~GSLErrorGuard()
{
  const std::lock_guard<std::mutex> lock(guardMutex);
  if (--activeGuards == 0)
  {
    gsl_set_error_handler(hostHandler);
  }
}
} // end namespace itk
