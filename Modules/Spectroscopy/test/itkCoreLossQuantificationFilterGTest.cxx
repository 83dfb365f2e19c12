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
#include "itkCoreLossQuantificationFilter.h"
#include "itkCoreLossSimulator.h"
#include "itkEELSAlignFilter.h"

#include "itkEMTestData.h"
#include "itkImageFileReader.h"
#include "itkStreamingImageFilter.h"

#include "gtest/gtest.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
using FilterType = itk::CoreLossQuantificationFilter<SpectrumType>;
using MapType = FilterType::MapImageType;
const std::string Reference = "reference/pyeelsmodel-sim32/";
const std::vector<std::string> Elements{ "C", "N", "O", "Fe" };

std::vector<itk::QuantifiedEdge>
SeedEdges()
{
  return { { "C", "K" }, { "N", "K" }, { "O", "K" }, { "Fe", "L" } };
}

SpectrumType::Pointer
ReadReference(const std::string & file)
{
  return itk::ReadImage<SpectrumType>(itk::EMTest::SharedDataPath(Reference + file));
}

// pyeelsmodel_wls_coefficients.csv: x, y, then the 8 coefficients, one row per pixel.
std::map<std::pair<int, int>, std::vector<double>>
ReadCoefficients(const std::string & path)
{
  std::ifstream                                      file(path);
  std::string                                        line;
  std::map<std::pair<int, int>, std::vector<double>> rows;
  std::getline(file, line);
  while (std::getline(file, line))
  {
    std::stringstream   stream(line);
    std::string         cell;
    std::vector<double> values;
    while (std::getline(stream, cell, ','))
    {
      values.push_back(std::stod(cell));
    }
    rows[{ static_cast<int>(values[0]), static_cast<int>(values[1]) }] = { values.begin() + 2, values.end() };
  }
  return rows;
}

// An EMSA/MAS file (.msa, Y or XY data) as a one-pixel spectrum image with its axis.
SpectrumType::Pointer
ReadMSA(const std::string & path)
{
  std::ifstream       file(path);
  std::string         line;
  double              offset = 0.0, dispersion = 0.0;
  std::vector<double> values;
  bool                data = false;
  while (std::getline(file, line))
  {
    if (line.rfind('#', 0) == 0)
    {
      const std::string key = line.substr(1, line.find_first_of(" \t:") - 1);
      const std::string value = line.substr(line.find(':') + 1);
      if (key == "XPERCHAN")
        dispersion = std::stod(value);
      else if (key == "OFFSET")
        offset = std::stod(value);
      data = key == "SPECTRUM" || (data && key != "ENDOFDATA");
      continue;
    }
    if (data && line.find_first_of("0123456789") != std::string::npos)
    {
      values.push_back(std::stod(line.substr(line.find(',') == std::string::npos ? 0 : line.find(',') + 1)));
    }
  }
  auto image = SpectrumType::New();
  image->SetRegions(SpectrumType::SizeType{ { 1, 1 } });
  image->SetNumberOfComponentsPerPixel(static_cast<unsigned int>(values.size()));
  image->Allocate();
  std::copy(values.begin(), values.end(), image->GetBufferPointer());
  itk::EnergyAxis(offset, dispersion, values.size()).WriteTo(image->GetMetaDataDictionary());
  return image;
}

double
At(MapType * map, int x, int y)
{
  return map->GetPixel({ { x, y } });
}
} // namespace

TEST(CoreLossQuantificationFilter, ReproducesTheReferenceFitAndTheCorrectCRLB)
{
  EM_REQUIRE_SHARED_DATA(Reference + "pyeelsmodel_wls_coefficients.csv");
  auto filter = FilterType::New();
  filter->SetInput(ReadReference("coreloss_aligned.mha"));
  filter->SetLowLoss(ReadReference("lowloss_aligned.mha"));
  filter->SetEdges(SeedEdges());
  filter->SetFitter(itk::QuantificationFitterEnum::WeightedLeastSquares);
  filter->Update();
  EXPECT_EQ(filter->GetNumberOfInvalidPixels(), 0u);
  const auto reference = ReadCoefficients(itk::EMTest::SharedDataPath(Reference + "pyeelsmodel_wls_coefficients.csv"));
  ASSERT_EQ(reference.size(), 1024u);
  double largestEdge = 0.0, largestBackground = 0.0, largestCRLB = 0.0;
  for (const auto & [xy, expected] : reference)
  {
    const auto [x, y] = xy;
    for (unsigned int k = 0; k < 4; ++k)
    {
      largestBackground = std::max(largestBackground, std::abs(At(filter->GetBackgroundMap(k), x, y) / expected[k] - 1.0));
      largestEdge = std::max(largestEdge, std::abs(At(filter->GetAbundanceMap(k), x, y) - expected[4 + k]));
    }
  }
  for (unsigned int e = 0; e < 4; ++e)
  {
    const auto correct = itk::ReadImage<itk::Image<double, 2>>(
      itk::EMTest::SharedDataPath(Reference + "crlb_correct_" + Elements[e] + ".mha"));
    const auto truth =
      itk::ReadImage<itk::Image<float, 2>>(itk::EMTest::SharedDataPath(Reference + "truth_" + Elements[e] + ".mha"));
    double sum = 0.0, squares = 0.0;
    for (int x = 0; x < 32; ++x)
    {
      for (int y = 0; y < 32; ++y)
      {
        const double crlb = At(filter->GetCRLBMap(e), x, y);
        largestCRLB = std::max(largestCRLB, std::abs(crlb / correct->GetPixel({ { x, y } }) - 1.0));
        const double z = (At(filter->GetAbundanceMap(e), x, y) - truth->GetPixel({ { x, y } })) / crlb;
        sum += z;
        squares += z * z;
      }
    }
    const double spread = std::sqrt(squares / 1024.0 - (sum / 1024.0) * (sum / 1024.0));
    std::cout << Elements[e] << ": std((fit - truth) / CRLB) = " << spread << std::endl;
    EXPECT_GT(spread, 0.9) << Elements[e];
    EXPECT_LT(spread, 1.15) << Elements[e];
  }
  std::cout << "largest differences to pyEELSMODEL: edges " << largestEdge << " (absolute), background "
            << largestBackground << " (relative); CRLB to crlb_correct_*.mha " << largestCRLB << " (relative)"
            << std::endl;
  EXPECT_LT(largestEdge, 1e-6);
  EXPECT_LT(largestBackground, 1e-4);
  EXPECT_LT(largestCRLB, 1e-6);
}
