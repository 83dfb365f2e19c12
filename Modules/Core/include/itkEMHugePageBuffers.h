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
#ifndef itkEMHugePageBuffers_h
#define itkEMHugePageBuffers_h

#include "AnalyticalEMCoreExport.h"

#include <cstddef>

namespace itk
{
/** \brief Pixel buffers of large float and double images backed by transparent huge pages.
 *
 * The first write to freshly allocated memory costs a page fault per 4 KiB page; on virtual
 * machines that caps it near 0.6 GiB/s, so allocating and filling a 128 MiB spectrum image
 * takes longer than aligning it. Memory advised with MADV_HUGEPAGE faults in 2 MiB at a time.
 *
 * Register() adds an ITK object factory whose ImportImageContainer for float and double
 * pixels (the buffers of itk::Image and itk::VectorImage) advises every buffer of at least
 * MinimumBytes for huge pages before it is first touched. Nothing else changes: the buffer is
 * allocated and freed as ITK's own. Register only where the kernel offers transparent huge
 * pages in "always" or "madvise" mode; elsewhere Register() does nothing and returns false.
 * Images created before Register() keep ITK's container.
 *
 * \ingroup AnalyticalEMCore
 */
class AnalyticalEMCore_EXPORT EMHugePageBuffers
{
public:
  /** Buffers smaller than this are left to the allocator (a huge page is 2 MiB). */
  static constexpr size_t MinimumBytes = size_t{ 8 } << 20;

  /** Registers the factory once; true when huge-page buffers are in use. */
  static bool
  Register();

  /** True when the kernel's transparent huge pages can be requested by madvise. */
  static bool
  IsAvailable();

  /** Advises the 2 MiB pages wholly inside [data, data + bytes) for huge pages; returns the
   * number of bytes advised. For memory not yet written. */
  static size_t
  Advise(void * data, size_t bytes);
};
} // end namespace itk

#endif
