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
#include "itkMicroscopeParameters.h"

#include "gtest/gtest.h"

#include <limits>

TEST(MicroscopeParameters, UnsetValuesAreNeverZero)
{
  const itk::MicroscopeParameters parameters;
  EXPECT_FALSE(parameters.HasBeamEnergy());
  EXPECT_FALSE(parameters.HasConvergenceSemiAngle());
  EXPECT_FALSE(parameters.HasCollectionSemiAngle());
  EXPECT_THROW(parameters.GetBeamEnergy(), itk::ExceptionObject);
  EXPECT_THROW(parameters.GetConvergenceSemiAngleInRadians(), itk::ExceptionObject);
  EXPECT_THROW(parameters.GetCollectionSemiAngle(), itk::ExceptionObject);
}

TEST(MicroscopeParameters, UnitConversions)
{
  itk::MicroscopeParameters parameters;
  parameters.SetBeamEnergy(300.0);
  parameters.SetConvergenceSemiAngle(1e-6);
  parameters.SetCollectionSemiAngle(20.0);
  EXPECT_EQ(parameters.GetBeamVoltage(), 300e3);
  EXPECT_DOUBLE_EQ(parameters.GetConvergenceSemiAngleInRadians(), 1e-9);
  EXPECT_DOUBLE_EQ(parameters.GetCollectionSemiAngleInRadians(), 0.020);
}

TEST(MicroscopeParameters, RejectsInvalidValues)
{
  itk::MicroscopeParameters parameters;
  EXPECT_THROW(parameters.SetBeamEnergy(0.0), itk::ExceptionObject);
  EXPECT_THROW(parameters.SetBeamEnergy(-200.0), itk::ExceptionObject);
  EXPECT_THROW(parameters.SetCollectionSemiAngle(0.0), itk::ExceptionObject);
  EXPECT_THROW(parameters.SetConvergenceSemiAngle(-1.0), itk::ExceptionObject);
  EXPECT_THROW(parameters.SetConvergenceSemiAngle(std::numeric_limits<double>::infinity()), itk::ExceptionObject);
  EXPECT_NO_THROW(parameters.SetConvergenceSemiAngle(0.0)); // parallel illumination
  EXPECT_FALSE(parameters.HasBeamEnergy());
}

TEST(MicroscopeParameters, DictionaryRoundTripKeepsWhatIsSet)
{
  itk::MicroscopeParameters parameters;
  parameters.SetBeamEnergy(80.0);
  parameters.SetCollectionSemiAngle(28.7);
  itk::MetaDataDictionary dictionary;
  parameters.WriteTo(dictionary);
  EXPECT_FALSE(dictionary.HasKey("ConvergenceSemiAngle"));
  const itk::MicroscopeParameters readBack = itk::MicroscopeParameters::ReadFrom(dictionary);
  EXPECT_EQ(readBack, parameters);
  EXPECT_FALSE(readBack.HasConvergenceSemiAngle());
  EXPECT_EQ(readBack.GetCollectionSemiAngle(), 28.7);
}
