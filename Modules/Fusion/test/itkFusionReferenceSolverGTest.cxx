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
#include "itkFusionReferenceSolver.h"
#include "itkImageFileReader.h"

#include "itkEMTestData.h"
#include "gtest/gtest.h"

#include <cmath>
#include <fstream>
#include <sstream>

// The reference-compatible iteration against the oracles of the reference implementation
// (shared/reference/fusion-phantom-256): fused maps to 1e-5 absolute, costs to 1e-4 relative.

namespace
{
using ImageType = itk::Image<float, 2>;
const std::string Folder = "reference/fusion-phantom-256/";
const char *      Elements[3] = { "Sc", "Dy", "O" };

std::vector<float>
ReadBuffer(const std::string & file)
{
  const auto          image = itk::ReadImage<ImageType>(itk::EMTest::SharedDataPath(Folder + file));
  const size_t        n = image->GetBufferedRegion().GetNumberOfPixels();
  return std::vector<float>(image->GetBufferPointer(), image->GetBufferPointer() + n);
}

// The reference's min-max normalisation in float: M - min(M), then / max.
void
Normalise(std::vector<float> & values)
{
  const float minimum = *std::min_element(values.begin(), values.end());
  for (auto & v : values)
  {
    v -= minimum;
  }
  const float maximum = *std::max_element(values.begin(), values.end());
  for (auto & v : values)
  {
    v /= maximum;
  }
}

struct CostTable
{
  std::vector<double> HAADF, Chem, TV;
};

CostTable
ReadCosts(const std::string & file)
{
  std::ifstream stream(itk::EMTest::SharedDataPath(Folder + file));
  std::string   line;
  std::getline(stream, line); // header
  CostTable table;
  while (std::getline(stream, line))
  {
    std::stringstream fields(line);
    std::string       value;
    std::getline(fields, value, ',');
    std::getline(fields, value, ',');
    table.HAADF.push_back(std::stod(value));
    std::getline(fields, value, ',');
    table.Chem.push_back(std::stod(value));
    std::getline(fields, value, ',');
    table.TV.push_back(std::stod(value));
  }
  return table;
}

void
CheckReferenceSet(const std::string & set, const std::vector<double> & weights, double lambdaChem, double lambdaTV,
                  double background)
{
  std::vector<std::vector<float>> x0;
  for (const char * element : Elements)
  {
    x0.push_back(ReadBuffer(std::string("chem_") + element + "_counts.mha"));
    Normalise(x0.back());
  }
  std::vector<float> haadf = ReadBuffer("haadf_counts.mha");
  Normalise(haadf);

  itk::FusionReferenceSolver<float> solver;
  itk::FusionReferenceSettings      settings;
  itk::FusionHAADFModel             model;
  model.Gains = weights;
  settings.SetLambdaChem(lambdaChem);
  settings.SetLambdaTV(lambdaTV);
  settings.SetBackground(background);
  solver.SetGrid(256, 256);
  std::vector<std::vector<float>> fused(3, std::vector<float>(256 * 256));
  std::vector<const float *>      inputs;
  std::vector<float *>            outputs;
  for (size_t e = 0; e < 3; ++e)
  {
    inputs.push_back(x0[e].data());
    outputs.push_back(fused[e].data());
  }
  const auto report = solver.Run(settings, model, inputs, haadf.data(), outputs);
  ASSERT_EQ(report.Iterations, 30u);
  EXPECT_TRUE(report.Converged);

  for (size_t e = 0; e < 3; ++e)
  {
    const auto expected = ReadBuffer("reference_" + set + "_fused_" + Elements[e] + ".mha");
    double     worst = 0.0;
    for (size_t p = 0; p < expected.size(); ++p)
    {
      worst = std::max(worst, std::abs(static_cast<double>(fused[e][p]) - expected[p]));
    }
    std::cout << set << " " << Elements[e] << ": max |fused - reference| = " << worst << std::endl;
    EXPECT_LE(worst, 1e-5) << set << " " << Elements[e];
  }
  const CostTable expected = ReadCosts("reference_" + set + "_costs.csv");
  ASSERT_EQ(report.CostHAADF.size(), expected.HAADF.size());
  double worstHAADF = 0.0, worstChem = 0.0, worstTV = 0.0;
  for (size_t k = 0; k < expected.HAADF.size(); ++k)
  {
    worstHAADF = std::max(worstHAADF, std::abs(report.CostHAADF[k] / expected.HAADF[k] - 1.0));
    worstChem = std::max(worstChem, std::abs(report.CostChem[k] / expected.Chem[k] - 1.0));
    worstTV = std::max(worstTV, std::abs(report.CostTV[k] / expected.TV[k] - 1.0));
  }
  std::cout << set << " costs, max relative error: HAADF " << worstHAADF << ", chem " << worstChem << ", TV "
            << worstTV << std::endl;
  EXPECT_LE(worstHAADF, 1e-4);
  EXPECT_LE(worstChem, 1e-5);
  EXPECT_LE(worstTV, 1e-5);
}
} // namespace

TEST(FusionReferenceSolver, ReproducesTheSeedParameterOracle)
{
  EM_REQUIRE_SHARED_DATA(Folder + "reference_seedparams_costs.csv");
  CheckReferenceSet("seedparams", { 1, 1, 1 }, 0.08, 0.15, 0.24);
}

TEST(FusionReferenceSolver, ReproducesTheTunedMethod0Oracle)
{
  EM_REQUIRE_SHARED_DATA(Folder + "reference_tuned_method0_costs.csv");
  CheckReferenceSet("tuned_method0", { 1, 1, 1 }, 0.005, 0.02, 0.01);
}

TEST(FusionReferenceSolver, ReproducesTheTunedMethod2Oracle)
{
  EM_REQUIRE_SHARED_DATA(Folder + "reference_tuned_method2_costs.csv");
  CheckReferenceSet("tuned_method2", { 0.40209961, 2.51171875, 0.08581543 }, 0.005, 0.04, 0.01);
}
