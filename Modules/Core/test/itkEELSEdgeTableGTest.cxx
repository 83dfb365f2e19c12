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
#include "itkEELSEdgeTable.h"

#include "itkMacro.h"

#include "gtest/gtest.h"

namespace
{
double
Onset(const std::string & element, const std::string & subshell)
{
  return itk::EELSEdgeTable::GetSubshell(element, subshell).OnsetEnergy;
}
} // namespace

TEST(EELSEdgeTable, SymbolsAndAtomicNumbers)
{
  EXPECT_EQ(itk::EELSEdgeTable::GetAtomicNumber("C"), 6u);
  EXPECT_EQ(itk::EELSEdgeTable::GetAtomicNumber("Fe"), 26u);
  EXPECT_EQ(itk::EELSEdgeTable::GetAtomicNumber("U"), 92u);
  for (unsigned int z = 1; z <= 92; ++z)
  {
    EXPECT_EQ(itk::EELSEdgeTable::GetAtomicNumber(itk::EELSEdgeTable::GetSymbol(z)), z);
  }
  EXPECT_THROW(itk::EELSEdgeTable::GetAtomicNumber("Xx"), itk::ExceptionObject);
  EXPECT_THROW(itk::EELSEdgeTable::GetAtomicNumber("fe"), itk::ExceptionObject);
  EXPECT_THROW(itk::EELSEdgeTable::GetSymbol(0), itk::ExceptionObject);
  EXPECT_THROW(itk::EELSEdgeTable::GetSymbol(93), itk::ExceptionObject);
}

TEST(EELSEdgeTable, OnsetsOfTheProjectsElements)
{
  // The EELS onsets listed in the specification (eV).
  EXPECT_EQ(Onset("C", "K"), 284.0);
  EXPECT_EQ(Onset("C", "K1"), 284.0);
  EXPECT_EQ(Onset("C", "L1"), 17.29);
  EXPECT_EQ(Onset("N", "K"), 402.0);
  EXPECT_EQ(Onset("O", "K"), 532.0);
  EXPECT_EQ(Onset("O", "L3"), 13.23);
  EXPECT_EQ(Onset("Ti", "L3"), 456.0);
  EXPECT_EQ(Onset("Ti", "L2"), 462.0);
  EXPECT_EQ(Onset("Ti", "L1"), 564.0);
  EXPECT_EQ(Onset("Ti", "M5"), 6.06);
  EXPECT_EQ(Onset("Mn", "L3"), 640.0);
  EXPECT_EQ(Onset("Mn", "L2"), 651.0);
  EXPECT_EQ(Onset("Fe", "K"), 7112.0);
  EXPECT_EQ(Onset("Fe", "L3"), 708.0);
  EXPECT_EQ(Onset("Fe", "L2"), 721.0);
  EXPECT_EQ(Onset("Cu", "L1"), 1097.0);
  EXPECT_EQ(Onset("Zn", "L3"), 1020.0);
  EXPECT_EQ(Onset("Sr", "M4"), 135.0);
  EXPECT_EQ(Onset("La", "L3"), 5461.97);
  EXPECT_EQ(Onset("La", "M5"), 832.0);
  EXPECT_EQ(Onset("Ce", "M5"), 883.0);
  EXPECT_EQ(Onset("Ce", "M4"), 901.0);
  EXPECT_EQ(Onset("U", "N7"), 381.0);
  EXPECT_EQ(Onset("U", "N4"), 780.0);
  // From the X-ray tabulation.
  EXPECT_EQ(Onset("Al", "K"), 1559.6);
  EXPECT_EQ(Onset("Au", "M5"), 2205.7);
  EXPECT_EQ(Onset("U", "M5"), 3550.0);
}

TEST(EELSEdgeTable, EveryElementHasItsShells)
{
  for (unsigned int z = 3; z <= 92; ++z)
  {
    const auto shells = itk::EELSEdgeTable::GetSubshells(z);
    ASSERT_GE(shells.size(), 2u) << z; // K and L1 at least
    EXPECT_EQ(shells.front().Name, "K");
    // Deeper shells bind more strongly: K > L1 > M1 > N1 where they exist.
    for (const char * pair : { "L1", "M1", "N1" })
    {
      const std::string outer(pair);
      const std::string inner = outer == "L1" ? "K" : (outer == "M1" ? "L1" : "M1");
      bool              hasOuter = false;
      for (const auto & s : shells)
      {
        hasOuter = hasOuter || s.Name == outer;
      }
      if (hasOuter)
      {
        EXPECT_GT(itk::EELSEdgeTable::GetSubshell(z, inner).OnsetEnergy,
                  itk::EELSEdgeTable::GetSubshell(z, outer).OnsetEnergy)
          << itk::EELSEdgeTable::GetSymbol(z) << " " << inner << " / " << outer;
      }
    }
    if (z > 3)
    {
      EXPECT_GT(itk::EELSEdgeTable::GetSubshell(z, "K").OnsetEnergy,
                itk::EELSEdgeTable::GetSubshell(z - 1, "K").OnsetEnergy);
    }
  }
  EXPECT_EQ(itk::EELSEdgeTable::GetSubshells(92).size(), 16u);
}

TEST(EELSEdgeTable, CombinedEdgesAndOccupancies)
{
  const auto l = itk::EELSEdgeTable::GetCombinedEdge("Fe", "L");
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0].Name, "L3");
  EXPECT_EQ(l[1].Name, "L2");
  EXPECT_EQ(l[2].Name, "L1");
  EXPECT_DOUBLE_EQ(l[0].OccupancyRatio, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(l[1].OccupancyRatio, 1.0 / 3.0);
  EXPECT_EQ(l[2].OccupancyRatio, 1.0);
  const auto m = itk::EELSEdgeTable::GetCombinedEdge("La", "M");
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[0].Name, "M5");
  EXPECT_DOUBLE_EQ(m[0].OccupancyRatio, 0.6);
  EXPECT_DOUBLE_EQ(m[1].OccupancyRatio, 0.4);
  const auto n = itk::EELSEdgeTable::GetCombinedEdge("U", "N");
  ASSERT_EQ(n.size(), 7u);
  EXPECT_DOUBLE_EQ(n[0].OccupancyRatio, 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(n[1].OccupancyRatio, 3.0 / 7.0);
  EXPECT_EQ(itk::EELSEdgeTable::GetCombinedEdge("C", "K").size(), 1u);
  EXPECT_EQ(itk::EELSEdgeTable::GetSubshell("Fe", "L3").AtomicNumber, 26u);

  EXPECT_THROW(itk::EELSEdgeTable::GetCombinedEdge("C", "M"), itk::ExceptionObject);
  EXPECT_THROW(itk::EELSEdgeTable::GetCombinedEdge("C", "X"), itk::ExceptionObject);
  EXPECT_THROW(itk::EELSEdgeTable::GetCombinedEdge("C", "LM"), itk::ExceptionObject);
  EXPECT_THROW(itk::EELSEdgeTable::GetSubshell("C", "M4"), itk::ExceptionObject);
  EXPECT_THROW(itk::EELSEdgeTable::GetSubshell("C", "L4"), itk::ExceptionObject);
  EXPECT_THROW(itk::EELSEdgeTable::GetSubshell("Li", "L3"), itk::ExceptionObject);
}
