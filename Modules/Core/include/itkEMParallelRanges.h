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
#ifndef itkEMParallelRanges_h
#define itkEMParallelRanges_h

#include "itkMultiThreaderBase.h"
#include "itkProcessObject.h"

#include <algorithm>

namespace itk
{
/** Runs work(range, begin, end) for the ranges [range * length, min(count, (range + 1) * length))
 * that cover [0, count), on \a threader's threads, or in order on the calling thread when there is
 * no threader or a single range. The ranges depend only on \a count and \a length, never on the
 * number of threads, so that per-range partial results combine to the same value on any machine.
 * With a \a filter, ITK reports its progress per range and stops it (itk::ProcessAborted) when it
 * is asked to abort. */
template <typename TWork>
void
EMParallelRanges(MultiThreaderBase * threader,
                 SizeValueType       count,
                 SizeValueType       length,
                 TWork &&            work,
                 ProcessObject *     filter = nullptr)
{
  const SizeValueType ranges = (count + length - 1) / length;
  const auto          one = [&](SizeValueType range) {
    const SizeValueType begin = range * length;
    work(range, begin, std::min(count, begin + length));
  };
  if (threader == nullptr || (ranges <= 1 && filter == nullptr))
  {
    for (SizeValueType range = 0; range < ranges; ++range)
    {
      one(range);
    }
    return;
  }
  threader->ParallelizeArray(0, ranges, one, filter);
}
} // end namespace itk

#endif
