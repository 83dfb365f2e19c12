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
#include "itkEMParallelRanges.h"

#include "gtest/gtest.h"

#include <atomic>
#include <vector>

TEST(EMParallelRanges, EveryIndexOnceInRangesThatDependOnlyOnTheLength)
{
  auto threader = itk::MultiThreaderBase::New();
  for (itk::SizeValueType count : { 0UL, 1UL, 63UL, 64UL, 65UL, 1000UL })
  {
    std::vector<std::atomic<int>> visits(count);
    std::vector<itk::SizeValueType> begins((count + 63) / 64, 999999);
    itk::EMParallelRanges(threader, count, 64, [&](itk::SizeValueType range, itk::SizeValueType begin, itk::SizeValueType end) {
      begins[range] = begin;
      EXPECT_EQ(end, std::min(count, begin + 64));
      for (itk::SizeValueType i = begin; i < end; ++i)
      {
        ++visits[i];
      }
    });
    for (itk::SizeValueType i = 0; i < count; ++i)
    {
      ASSERT_EQ(visits[i].load(), 1) << "index " << i << " of " << count;
    }
    for (itk::SizeValueType r = 0; r < begins.size(); ++r)
    {
      EXPECT_EQ(begins[r], 64 * r);
    }
  }
}

TEST(EMParallelRanges, WithoutAThreaderTheRangesRunInOrder)
{
  std::vector<itk::SizeValueType> order;
  itk::EMParallelRanges(nullptr, 10, 3, [&](itk::SizeValueType range, itk::SizeValueType, itk::SizeValueType) {
    order.push_back(range);
  });
  EXPECT_EQ(order, (std::vector<itk::SizeValueType>{ 0, 1, 2, 3 }));
}
