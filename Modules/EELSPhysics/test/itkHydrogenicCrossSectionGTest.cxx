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
#include "itkHydrogenicCrossSection.h"

#include "itkEMTestData.h"
#include "itkEMTestTable.h"

#include "gtest/gtest.h"

#include <cmath>

namespace
{
const std::string Reference = "reference/pyeelsmodel-sim32/hydrogenic_cross_sections_barn_per_eV.csv";

itk::CrossSectionSettings
SeedSettings(double alpha = 1e-9, unsigned int qSteps = 100)
{
  itk::CrossSectionSettings settings;
  settings.BeamVoltage = 300e3;
  settings.ConvergenceSemiAngle = alpha;
  settings.CollectionSemiAngle = 20e-3;
  settings.QSteps = qSteps;
  return settings;
}

const itk::EnergyAxis SeedAxis(200.0, 0.5, 2048);

// Largest relative difference over the non-zero reference values; zeros must match exactly.
double
WorstRelativeError(const std::vector<double> & computed, const std::vector<double> & expected, int & zeroMismatches)
{
  double worst = 0.0;
  zeroMismatches = 0;
  for (size_t i = 0; i < expected.size(); ++i)
  {
    if (expected[i] == 0.0)
    {
      zeroMismatches += computed[i] != 0.0;
      continue;
    }
    worst = std::max(worst, std::abs(computed[i] / expected[i] - 1.0));
  }
  return worst;
}
} // namespace

TEST(HydrogenicCrossSection, KinematicsWithTheReferenceConstants)
{
  const auto electron =
    itk::IncidentElectron::Compute(300e3, itk::EELSConstants::Get(itk::EELSConstantsEnum::PyEELSModel));
  EXPECT_NEAR(electron.Gamma, 1.5869513859861875, 1e-15);
  EXPECT_NEAR(electron.EffectiveEnergy / 154082.13256909203, 1.0, 1e-15);
  // m0 v^2 and 2T differ by about 1e-4 with the truncated constants.
  EXPECT_NEAR(electron.MV2 / (2.0 * electron.EffectiveEnergy), 1.0, 3e-4);
  EXPECT_NE(electron.MV2, 2.0 * electron.EffectiveEnergy);
  const auto codata = itk::IncidentElectron::Compute(300e3, itk::EELSConstants::Get(itk::EELSConstantsEnum::CODATA2018));
  EXPECT_NEAR(codata.Gamma, 1.0 + 300e3 / 510998.95, 1e-10); // CODATA's m_e c^2 agrees with m_e, c, e to 1e-11
  EXPECT_NEAR(codata.MV2 / (2.0 * codata.EffectiveEnergy), 1.0, 1e-12);
  EXPECT_THROW(itk::IncidentElectron::Compute(0.0, itk::EELSConstants::Get(itk::EELSConstantsEnum::CODATA2018)),
               itk::ExceptionObject);
}

TEST(HydrogenicCrossSection, MomentumTransferLimits)
{
  const itk::MomentumTransferGrid grid(SeedSettings());
  std::vector<double>             q(100), w(100);
  grid.Nodes(300.0, q.data(), w.data());
  EXPECT_NEAR(q.front() / 0.010735086420299146, 1.0, 1e-13);
  EXPECT_NEAR(q.back() / 11.418343850646236, 1.0, 1e-13);
  grid.Nodes(750.0, q.data(), w.data());
  EXPECT_NEAR(q.front() / 0.06711879876371464, 1.0, 1e-13);
  EXPECT_NEAR(q.back() / 11.474727562989653, 1.0, 1e-13);
  // Parallel illumination: every weight is the ln Q step.
  const double delta = std::log(q.back() / q.front()) / 99.0;
  for (const double weight : w)
  {
    EXPECT_NEAR(weight, delta, 1e-15);
  }
}

TEST(HydrogenicCrossSection, GeneralisedOscillatorStrengths)
{
  const double r = 13.606;
  EXPECT_NEAR(itk::HydrogenicCrossSection(6, itk::HydrogenicCrossSection::ShellEnum::K).GOS(300.0, 1.0, r) /
                0.007981098359969636,
              1.0, 1e-14);
  const itk::HydrogenicCrossSection iron(26, itk::HydrogenicCrossSection::ShellEnum::L23);
  EXPECT_NEAR(iron.GOS(750.0, 1.0, r) / 0.007395723851522562, 1.0, 1e-14);
  EXPECT_NEAR(iron.GOS(900.0, 10.0, r) / 0.006133840971409821, 1.0, 1e-14);
  EXPECT_EQ(iron.GetOnsetEnergy(), 710.0);
}

TEST(HydrogenicCrossSection, ConvergenceFactor)
{
  auto settings = SeedSettings(10e-3);
  const itk::MomentumTransferGrid grid(settings);
  // theta <= |alpha - beta|: min(alpha, beta)^2 / alpha^2 = 1 here (alpha < beta).
  EXPECT_EQ(grid.ConvergenceFactor(5e-3), 1.0);
  // Falls from 1 to 0 between |alpha - beta| and alpha + beta.
  double previous = 1.0;
  for (double theta = 10.5e-3; theta < 30e-3; theta += 1e-3)
  {
    const double f = grid.ConvergenceFactor(theta);
    EXPECT_LE(f, previous + 1e-15);
    EXPECT_GE(f, 0.0);
    previous = f;
  }
  EXPECT_NEAR(grid.ConvergenceFactor(30e-3 - 1e-12), 0.0, 1e-6);
  settings.ConvergenceSemiAngle = 40e-3; // alpha > beta: a small-angle plateau of beta^2 / alpha^2
  EXPECT_DOUBLE_EQ(itk::MomentumTransferGrid(settings).ConvergenceFactor(1e-3), 0.25);
}

TEST(HydrogenicCrossSection, MatchesTheReferenceTable)
{
  EM_REQUIRE_SHARED_DATA(Reference);
  const auto columns = itk::EMTest::ReadCSVColumns(itk::EMTest::SharedDataPath(Reference));
  ASSERT_EQ(columns.at("energy_eV").size(), 2048u);
  struct Case
  {
    const char * Column;
    const char * Element;
    const char * Edge;
    double       Alpha;
    unsigned int QSteps;
  };
  const Case cases[] = { { "C_K_q100", "C", "K", 1e-9, 100 },
                         { "N_K_q100", "N", "K", 1e-9, 100 },
                         { "O_K_q100", "O", "K", 1e-9, 100 },
                         { "Fe_L_q100", "Fe", "L", 1e-9, 100 },
                         { "O_K_q100_alpha10mrad", "O", "K", 10e-3, 100 },
                         { "Fe_L_q100_alpha10mrad", "Fe", "L", 10e-3, 100 },
                         { "C_K_q20", "C", "K", 1e-9, 20 },
                         { "Fe_L_q20", "Fe", "L", 1e-9, 20 } };
  for (const Case & c : cases)
  {
    const auto computed =
      itk::HydrogenicCrossSection::FromEdge(c.Element, c.Edge).Compute(SeedAxis, SeedSettings(c.Alpha, c.QSteps));
    int          zeroMismatches = 0;
    const double worst = WorstRelativeError(computed, columns.at(c.Column), zeroMismatches);
    std::cout << c.Column << ": largest relative difference " << worst << std::endl;
    EXPECT_LT(worst, 1e-12) << c.Column;
    EXPECT_EQ(zeroMismatches, 0) << c.Column;
  }
}

TEST(HydrogenicCrossSection, SpotValues)
{
  const auto carbon = itk::HydrogenicCrossSection::FromEdge("C", "K").Compute(SeedAxis, SeedSettings());
  EXPECT_NEAR(carbon[169] / 92.204069849274134, 1.0, 1e-12); // 284.5 eV, the first non-zero channel
  EXPECT_EQ(carbon[168], 0.0);                               // 284 eV: at the onset
  EXPECT_NEAR(carbon[1600] / 0.76508347979858793, 1.0, 1e-12); // 1000 eV
  const auto iron = itk::HydrogenicCrossSection::FromEdge("Fe", "L").Compute(SeedAxis, SeedSettings());
  EXPECT_NEAR(iron[1093] / 20.447858996064134, 1.0, 1e-12); // delayed maximum at 746.5 eV
  EXPECT_NEAR(iron[1600] / 11.9764015362761, 1.0, 1e-12);
  const auto oxygen = itk::HydrogenicCrossSection::FromEdge("O", "K").Compute(SeedAxis, SeedSettings(10e-3));
  EXPECT_NEAR(oxygen[665] / 21.726824578723949, 1.0, 1e-12);
}

TEST(HydrogenicCrossSection, TrapezoidRuleAndEnergyShift)
{
  // Against a converged integral (4000 nodes), the trapezoid rule at 100 nodes is far more
  // accurate than the rectangle rule, which over-counts both ends by half a step each.
  auto settings = SeedSettings();
  settings.Integration = itk::MomentumIntegrationEnum::Trapezoid;
  const auto trapezoid = itk::HydrogenicCrossSection::FromEdge("O", "K").Compute(SeedAxis, settings);
  settings.QSteps = 4000;
  const auto converged = itk::HydrogenicCrossSection::FromEdge("O", "K").Compute(SeedAxis, settings);
  const auto rectangle = itk::HydrogenicCrossSection::FromEdge("O", "K").Compute(SeedAxis, SeedSettings());
  double     rectangleError = 0.0, trapezoidError = 0.0;
  for (size_t i = 665; i < rectangle.size(); ++i)
  {
    rectangleError = std::max(rectangleError, std::abs(rectangle[i] / converged[i] - 1.0));
    trapezoidError = std::max(trapezoidError, std::abs(trapezoid[i] / converged[i] - 1.0));
  }
  std::cout << "O K, 100 nodes: rectangle rule within " << rectangleError << ", trapezoid within " << trapezoidError
            << " of the converged integral" << std::endl;
  EXPECT_GT(rectangleError, 5e-3);
  EXPECT_LT(trapezoidError, 1e-3);
  // A shift of +2 channels moves the whole edge by two channels.
  const auto shifted = itk::HydrogenicCrossSection::FromEdge("O", "K").Compute(SeedAxis, SeedSettings(), 1.0);
  for (size_t i = 2; i < shifted.size(); ++i)
  {
    EXPECT_DOUBLE_EQ(shifted[i], rectangle[i - 2]);
  }
}

TEST(HydrogenicCrossSection, RejectsBadInput)
{
  EXPECT_THROW(itk::HydrogenicCrossSection(8, itk::HydrogenicCrossSection::ShellEnum::L23), itk::ExceptionObject);
  EXPECT_THROW(itk::HydrogenicCrossSection(40, itk::HydrogenicCrossSection::ShellEnum::L23), itk::ExceptionObject);
  EXPECT_THROW(itk::HydrogenicCrossSection(0, itk::HydrogenicCrossSection::ShellEnum::K), itk::ExceptionObject);
  EXPECT_THROW(itk::HydrogenicCrossSection::FromEdge("Fe", "M"), itk::ExceptionObject);
  EXPECT_THROW(itk::HydrogenicCrossSection::FromEdge("Qq", "K"), itk::ExceptionObject);
  itk::HydrogenicCrossSection zincK(30, itk::HydrogenicCrossSection::ShellEnum::K);
  EXPECT_THROW(zincK.Compute(SeedAxis, SeedSettings()), itk::ExceptionObject);
  zincK.SetOnsetEnergy(9659.0);
  EXPECT_NO_THROW(zincK.Compute(itk::EnergyAxis(9600.0, 1.0, 200), SeedSettings()));
  EXPECT_THROW(zincK.SetOnsetEnergy(-1.0), itk::ExceptionObject);

  const auto oxygen = itk::HydrogenicCrossSection::FromEdge("O", "K");
  auto settings = SeedSettings();
  settings.BeamVoltage = 0.0;
  EXPECT_THROW(oxygen.Compute(SeedAxis, settings), itk::ExceptionObject);
  settings = SeedSettings();
  settings.CollectionSemiAngle = 0.0;
  EXPECT_THROW(oxygen.Compute(SeedAxis, settings), itk::ExceptionObject);
  settings = SeedSettings();
  settings.ConvergenceSemiAngle = -1e-3;
  EXPECT_THROW(oxygen.Compute(SeedAxis, settings), itk::ExceptionObject);
  settings = SeedSettings();
  settings.QSteps = 1;
  EXPECT_THROW(oxygen.Compute(SeedAxis, settings), itk::ExceptionObject);
  EXPECT_THROW(oxygen.Compute(SeedAxis, SeedSettings(), std::nan("")), itk::ExceptionObject);
  // An axis entirely at or below the onset is an error (the edge is not on it).
  EXPECT_THROW(oxygen.Compute(itk::EnergyAxis(100.0, 1.0, 100), SeedSettings()), itk::ExceptionObject);
  EXPECT_THROW(oxygen.Compute(itk::EnergyAxis(433.0, 1.0, 100), SeedSettings()), itk::ExceptionObject); // last 532
  EXPECT_NO_THROW(oxygen.Compute(itk::EnergyAxis(433.5, 1.0, 100), SeedSettings()));
}
