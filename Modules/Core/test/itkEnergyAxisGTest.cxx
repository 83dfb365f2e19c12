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
#include "itkEnergyAxis.h"
#include "itkEMMetaData.h"
#include "itkMetaDataObject.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

namespace
{
const itk::EnergyAxis CoreLossAxis(200.0, 0.5, 2048); // 200 ... 1223.5 eV
}

TEST(EnergyAxis, RejectsInvalidCalibration)
{
  EXPECT_THROW(itk::EnergyAxis(0.0, 0.0, 10), itk::ExceptionObject);
  EXPECT_THROW(itk::EnergyAxis(0.0, -0.5, 10), itk::ExceptionObject);
  EXPECT_THROW(itk::EnergyAxis(0.0, std::numeric_limits<double>::quiet_NaN(), 10), itk::ExceptionObject);
  EXPECT_THROW(itk::EnergyAxis(std::numeric_limits<double>::infinity(), 0.5, 10), itk::ExceptionObject);
  EXPECT_THROW(itk::EnergyAxis().GetLastEnergy(), itk::ExceptionObject);
}

TEST(EnergyAxis, ChannelEnergyConversions)
{
  EXPECT_EQ(CoreLossAxis.GetEnergy(0.0), 200.0);
  EXPECT_EQ(CoreLossAxis.GetEnergy(10.0), 205.0);
  EXPECT_EQ(CoreLossAxis.GetLastEnergy(), 1223.5);
  EXPECT_DOUBLE_EQ(CoreLossAxis.GetChannel(284.25), 168.5);
}

TEST(EnergyAxis, IndexLookupFollowsTheWindowRule)
{
  const itk::SizeValueType n = CoreLossAxis.GetSize();
  EXPECT_EQ(CoreLossAxis.GetIndex(-1e9), 0u);
  EXPECT_EQ(CoreLossAxis.GetIndex(199.99), 0u);
  EXPECT_EQ(CoreLossAxis.GetIndex(200.0), 0u);
  EXPECT_EQ(CoreLossAxis.GetIndex(200.25), 0u); // tie: the lower channel
  EXPECT_EQ(CoreLossAxis.GetIndex(200.26), 1u);
  EXPECT_EQ(CoreLossAxis.GetIndex(284.0), 168u);
  EXPECT_EQ(CoreLossAxis.GetIndex(1223.2), n - 2);
  EXPECT_EQ(CoreLossAxis.GetIndex(1223.4), n - 1);
  EXPECT_EQ(CoreLossAxis.GetIndex(1223.5), n); // at or beyond the last channel: one past the end
  EXPECT_EQ(CoreLossAxis.GetIndex(5000.0), n);
  EXPECT_EQ(itk::EnergyAxis().GetIndex(3.0), 0u);
}

TEST(EnergyAxis, CropAndShift)
{
  const itk::EnergyAxis cropped = CoreLossAxis.Crop(10, 2028);
  EXPECT_EQ(cropped.GetOffset(), 205.0);
  EXPECT_EQ(cropped.GetDispersion(), 0.5);
  EXPECT_EQ(cropped.GetSize(), 2028u);
  EXPECT_EQ(CoreLossAxis.Crop(2048, 0).GetSize(), 0u);
  EXPECT_THROW(CoreLossAxis.Crop(2000, 49), itk::ExceptionObject);
  EXPECT_THROW(CoreLossAxis.Crop(2049, 0), itk::ExceptionObject);

  const itk::EnergyAxis shifted = CoreLossAxis.Shifted(-2.5);
  EXPECT_EQ(shifted.GetOffset(), 197.5);
  EXPECT_EQ(shifted.GetSize(), CoreLossAxis.GetSize());
}

TEST(EnergyAxis, DispersionsCompareToEightDecimals)
{
  EXPECT_TRUE(itk::EnergyAxis(0.0, 0.5, 4).HasSameDispersion(itk::EnergyAxis(3.0, 0.500000001, 9)));
  EXPECT_FALSE(itk::EnergyAxis(0.0, 0.5, 4).HasSameDispersion(itk::EnergyAxis(3.0, 0.50000002, 9)));
}

TEST(EnergyAxis, CommonRangeOfAlignedAxes)
{
  const itk::EnergyAxis a(-10.0, 0.5, 100); // -10 ... 39.5
  const itk::EnergyAxis b(0.0, 0.5, 200);   //   0 ... 99.5
  const itk::EnergyAxis common = a.CommonRange(b);
  EXPECT_EQ(common, itk::EnergyAxis(0.0, 0.5, 80));
  EXPECT_EQ(b.CommonRange(a), common);
  EXPECT_EQ(a.GetCommonRangeStart(b), 20u);
  EXPECT_EQ(b.GetCommonRangeStart(a), 0u);

  EXPECT_THROW(a.CommonRange(itk::EnergyAxis(0.25, 0.5, 200)), itk::ExceptionObject); // half a channel off
  EXPECT_THROW(a.CommonRange(itk::EnergyAxis(0.0, 0.25, 200)), itk::ExceptionObject); // other dispersion
  EXPECT_THROW(a.CommonRange(itk::EnergyAxis(40.0, 0.5, 10)), itk::ExceptionObject);  // no overlap
}

TEST(EnergyAxis, DictionaryRoundTripIsExact)
{
  const itk::EnergyAxis    axis(-12.345678901234567, 0.012345678901234, 37);
  itk::MetaDataDictionary dictionary;
  EXPECT_FALSE(itk::EnergyAxis::IsDefinedIn(dictionary));
  axis.WriteTo(dictionary);
  EXPECT_TRUE(itk::EnergyAxis::IsDefinedIn(dictionary));
  EXPECT_EQ(itk::EMMetaData::GetString(dictionary, "EnergyUnits"), "eV");
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(dictionary, 37), axis);

  itk::EnergyAxis::EraseFrom(dictionary);
  EXPECT_FALSE(itk::EnergyAxis::IsDefinedIn(dictionary));
  EXPECT_THROW(itk::EnergyAxis::ReadFrom(dictionary, 37), itk::ExceptionObject);
}

TEST(EnergyAxis, DictionaryReadingAcceptsWhatReadersWrite)
{
  itk::MetaDataDictionary dictionary;
  itk::EncapsulateMetaData<std::string>(dictionary, "EnergyOffset", " 0.28 ");
  itk::EncapsulateMetaData<double>(dictionary, "EnergyDispersion", 0.00025);
  itk::EncapsulateMetaData<std::string>(dictionary, "EnergyUnits", "keV");
  const itk::EnergyAxis axis = itk::EnergyAxis::ReadFrom(dictionary, 8);
  EXPECT_DOUBLE_EQ(axis.GetOffset(), 280.0);
  EXPECT_DOUBLE_EQ(axis.GetDispersion(), 0.25);

  itk::EncapsulateMetaData<std::string>(dictionary, "EnergyUnits", "Hz");
  EXPECT_THROW(itk::EnergyAxis::ReadFrom(dictionary, 8), itk::ExceptionObject);
  itk::EncapsulateMetaData<std::string>(dictionary, "EnergyUnits", "eV");
  itk::EncapsulateMetaData<std::string>(dictionary, "EnergyOffset", "12abc");
  EXPECT_THROW(itk::EnergyAxis::ReadFrom(dictionary, 8), itk::ExceptionObject);
  itk::EncapsulateMetaData<std::string>(dictionary, "EnergyOffset", "1");
  itk::EncapsulateMetaData<std::string>(dictionary, "EnergyDispersion", "0");
  EXPECT_THROW(itk::EnergyAxis::ReadFrom(dictionary, 8), itk::ExceptionObject);
}

TEST(EMMetaData, DoublesRoundTripThroughText)
{
  for (const double value : { 0.1, -1.0 / 3.0, 6.02214076e23, 5e-324, 1223.5, -0.0 })
  {
    EXPECT_EQ(itk::EMMetaData::ParseDouble(itk::EMMetaData::FormatDouble(value), "x"), value);
  }
  EXPECT_EQ(itk::EMMetaData::FormatDouble(0.5), "0.5");
  EXPECT_EQ(itk::EMMetaData::ParseDouble("+2.5e3", "x"), 2500.0);
  EXPECT_THROW(itk::EMMetaData::ParseDouble("", "x"), itk::ExceptionObject);
  EXPECT_THROW(itk::EMMetaData::ParseDouble("1.0 eV", "x"), itk::ExceptionObject);
  itk::MetaDataDictionary dictionary;
  EXPECT_THROW(itk::EMMetaData::SetDouble(dictionary, "x", std::nan("")), itk::ExceptionObject);
}
