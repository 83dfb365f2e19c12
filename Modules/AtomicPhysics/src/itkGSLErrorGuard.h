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
#ifndef itkGSLErrorGuard_h
#define itkGSLErrorGuard_h

namespace itk
{
/** While at least one guard lives (in any thread), GSL reports errors through return codes
 * instead of its default handler, which aborts the process. The host's handler is restored when
 * the last guard ends. */
class GSLErrorGuard
{
public:
  GSLErrorGuard();
  ~GSLErrorGuard();
  GSLErrorGuard(const GSLErrorGuard &) = delete;
  GSLErrorGuard &
  operator=(const GSLErrorGuard &) = delete;
};
} // end namespace itk

#endif
