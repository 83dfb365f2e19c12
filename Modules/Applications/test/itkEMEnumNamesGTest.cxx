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
// The programs' enumerations (their XML) and the enums' name tables are one list.
#include "itkEELSEnumNames.h"
#include "itkEMModuleDescription.h"
#include "itkFusionEnumNames.h"
#include "itkTVDenoiseSolver.h"

#include "itkEDSLineModel.h"
#include "itkHydrogenicCrossSection.h"

#include "gtest/gtest.h"

#include <fstream>
#include <set>
#include <sstream>

namespace
{
std::set<std::string>
XMLElements(const std::string & program, const std::string & parameter)
{
  std::ifstream      file(std::string(EM_CLI_XML_DIR) + "/" + program + ".xml");
  std::ostringstream text;
  text << file.rdbuf();
  const auto   description = itk::EMCLI::ModuleDescription::Parse(text.str());
  const auto * found = description.Find(parameter);
  EXPECT_NE(found, nullptr) << program << " --" << parameter;
  return found == nullptr ? std::set<std::string>{} : std::set<std::string>(found->Elements.begin(), found->Elements.end());
}

template <typename TEnum>
void
ExpectTheSameChoices(const std::string & program, const std::string & parameter)
{
  std::set<std::string> tokens;
  for (const auto & entry : itk::EMEnumNames<TEnum>::Entries)
  {
    if (entry.Token != nullptr)
    {
      tokens.insert(entry.Token);
      EXPECT_EQ(itk::EMEnumFromToken<TEnum>(entry.Token), entry.Value);
      std::ostringstream printed;
      printed << entry.Value;
      EXPECT_EQ(printed.str(), entry.Name);
    }
  }
  EXPECT_EQ(XMLElements(program, parameter), tokens) << program << " --" << parameter;
  EXPECT_THROW(itk::EMEnumFromToken<TEnum>("no-such-choice"), itk::ExceptionObject);
}

// The wrapping's lookup: every C++ name and every token, nothing else.
template <typename TEnum>
void
ExpectNamesAndTokensAccepted()
{
  for (const auto & entry : itk::EMEnumNames<TEnum>::Entries)
  {
    EXPECT_EQ(itk::EMEnumFromName<TEnum>(entry.Name), entry.Value) << entry.Name;
    if (entry.Token != nullptr)
    {
      EXPECT_EQ(itk::EMEnumFromName<TEnum>(entry.Token), entry.Value) << entry.Token;
    }
  }
  EXPECT_THROW(itk::EMEnumFromName<TEnum>(""), itk::ExceptionObject);
  EXPECT_THROW(itk::EMEnumFromName<TEnum>(std::string(itk::EMEnumNames<TEnum>::Entries[0].Name) + " "),
               itk::ExceptionObject);
}
} // namespace

TEST(EMEnumNames, EveryProgramChoiceIsAnEnumValueAndPrintsItsName)
{
  ExpectTheSameChoices<itk::ZeroLossMethodEnum>("aem-eels-align", "method");
  ExpectTheSameChoices<itk::SpectrumShiftEnum>("aem-eels-align", "shift");
  ExpectTheSameChoices<itk::AlignedRangeEnum>("aem-eels-align", "range");
  ExpectTheSameChoices<itk::QuantificationFitterEnum>("aem-eels-quantify", "fitter");
  ExpectTheSameChoices<itk::ZeroLossIntegralEnum>("aem-eels-thickness", "integral");
  ExpectTheSameChoices<itk::SimulatedDriftEnum>("aem-eels-simulate", "drift");
  ExpectTheSameChoices<itk::FusionModeEnum>("aem-fuse", "mode");
  ExpectTheSameChoices<itk::FusionWeightingEnum>("aem-fuse", "weighting");
  ExpectTheSameChoices<itk::TVDenoiseEnums::Norm>("aem-tv-denoise", "norm");
  ExpectTheSameChoices<itk::EDSLineMethodEnum>("aem-eds-maps", "method");
}

// Every enum of the project prints through its table, including those no program offers.
TEST(EMEnumNames, EveryEnumPrintsItsName)
{
  const auto printed = [](auto value) {
    std::ostringstream os;
    os << value;
    return os.str();
  };
  EXPECT_EQ(printed(itk::ZeroLossShapeEnum::Lorentzian), "Lorentzian");
  EXPECT_EQ(printed(itk::BackgroundConstraintEnum::Sufficient), "Sufficient");
  EXPECT_EQ(printed(itk::MomentumIntegrationEnum::Trapezoid), "Trapezoid");
  EXPECT_EQ(printed(itk::EELSConstantsEnum::CODATA2018), "CODATA2018");
  EXPECT_EQ(printed(itk::SimulatedBackgroundEnum::ReferenceConvolvedPowerLaw), "ReferenceConvolvedPowerLaw");
  EXPECT_EQ(printed(itk::FitStatusEnum::SingularFisher), "SingularFisher");
  EXPECT_EQ(printed(itk::FusionScoreEnum::PoissonDeviance), "PoissonDeviance");
  EXPECT_EQ(printed(itk::TVDenoiseEnums::Algorithm::ReferenceGPLag), "ReferenceGPLag");
  EXPECT_EQ(printed(itk::TVDenoiseEnums::StoppingCriterion::SkimageEnergy), "SkimageEnergy");
  EXPECT_EQ(printed(itk::HydrogenicCrossSection::ShellEnum::L23), "L23");
  EXPECT_EQ(printed(itk::EDSLineMethodEnum::Fit), "Fit");
}

TEST(EMEnumNames, NamesAndTokensAreAcceptedByTheWrappingLookup)
{
  ExpectNamesAndTokensAccepted<itk::ZeroLossMethodEnum>();
  ExpectNamesAndTokensAccepted<itk::FitStatusEnum>(); // names only: no program offers it
  ExpectNamesAndTokensAccepted<itk::FusionWeightingEnum>();
  ExpectNamesAndTokensAccepted<itk::TVDenoiseEnums::StoppingCriterion>();
  ExpectNamesAndTokensAccepted<itk::EDSLineMethodEnum>();
  try
  {
    itk::EMEnumFromName<itk::SpectrumShiftEnum>("spline");
    ADD_FAILURE() << "spline accepted";
  }
  catch (const itk::ExceptionObject & error)
  {
    EXPECT_NE(std::string(error.GetDescription())
                .find("\"spline\" (expected one of Roll (roll), Linear (linear), Cubic (cubic), Fourier (fourier))"),
              std::string::npos)
      << error.GetDescription();
  }
}

TEST(EMEnumNames, AValueOutsideTheTablePrintsItsNumber)
{
  std::ostringstream printed;
  printed << static_cast<itk::SpectrumShiftEnum>(9);
  EXPECT_EQ(printed.str(), "SpectrumShiftEnum(9)");
}
