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
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkCoreLossQuantificationFilter.h"
#include "itkCoreLossSimulator.h"
#include "itkEELSAlignFilter.h"
#include "itkElementalQuantificationFilter.h"
#include "itkHydrogenicCrossSection.h"

#include "itkEMTestData.h"
#include "itkImageFileReader.h"
#include "itkStreamingImageFilter.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
using FilterType = itk::CoreLossQuantificationFilter<SpectrumType>;
using MapType = FilterType::MapImageType;
const std::string Reference = "reference/pyeelsmodel-sim32/";
const std::vector<std::string> Elements{ "C", "N", "O", "Fe" };
const std::vector<double>      PyEELSModelExponents{ 1.0, 7.0 / 3.0, 11.0 / 3.0, 5.0 };

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

// An EMSA/MSA file through ImageFileReader and the project's MSAImageIO.
SpectrumType::Pointer
ReadMSA(const std::string & path)
{
  itk::AnalyticalEMImageIOFactory::RegisterOneFactory();
  return itk::ReadImage<SpectrumType>(path);
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
  filter->SetBackgroundExponents(PyEELSModelExponents);
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

TEST(CoreLossQuantificationFilter, AccuracyAgainstTheTruth)
{
  // WLS and Poisson ML on the reference's noisy 32 x 32 scan: the specification asks
  // |mean(fit - truth)| <= 0.07 and RMS <= 0.12 per element. pyEELSMODEL's four power laws leave
  // a model-mismatch bias (C +0.036, O -0.050); the default six (r = 1 ... 6) remove it, so their
  // mean error must be within 4 standard errors of the mean, 4 RMS / sqrt(1024).
  EM_REQUIRE_SHARED_DATA(Reference + "coreloss_aligned.mha");
  const auto coreLoss = ReadReference("coreloss_aligned.mha");
  const auto lowLoss = ReadReference("lowloss_aligned.mha");
  std::vector<itk::Image<float, 2>::Pointer> truth;
  for (const auto & element : Elements)
  {
    truth.push_back(itk::ReadImage<itk::Image<float, 2>>(itk::EMTest::SharedDataPath(Reference + "truth_" + element + ".mha")));
  }
  for (const bool defaultBasis : { false, true })
  {
    for (const auto fitter : { itk::QuantificationFitterEnum::WeightedLeastSquares,
                               itk::QuantificationFitterEnum::PoissonMaximumLikelihood })
    {
      auto filter = FilterType::New();
      filter->SetInput(coreLoss);
      filter->SetLowLoss(lowLoss);
      filter->SetEdges(SeedEdges());
      if (!defaultBasis)
      {
        filter->SetBackgroundExponents(PyEELSModelExponents);
      }
      filter->SetFitter(fitter);
      filter->Update();
      std::cout << filter->GetBackgroundExponents().size() << " power laws, " << fitter << ":";
      for (unsigned int e = 0; e < 4; ++e)
      {
        double mean = 0.0, squares = 0.0;
        for (int i = 0; i < 1024; ++i)
        {
          const double d = filter->GetAbundanceMap(e)->GetBufferPointer()[i] - truth[e]->GetBufferPointer()[i];
          mean += d / 1024.0;
          squares += d * d / 1024.0;
        }
        const double rms = std::sqrt(squares);
        std::cout << " " << Elements[e] << " mean " << mean << " RMS " << rms << ";";
        EXPECT_LE(std::abs(mean), 0.07) << Elements[e];
        EXPECT_LE(rms, 0.12) << Elements[e];
        if (defaultBasis)
        {
          EXPECT_LE(std::abs(mean), 4.0 * rms / 32.0) << Elements[e];
        }
      }
      std::cout << std::endl;
    }
  }
}

TEST(CoreLossQuantificationFilter, StreamingGivesTheWholeImageMaps)
{
  using SimulatorType = itk::CoreLossSimulator<float>;
  const auto maps = SimulatorType::SeedMaps::Make(13, 10);
  auto       simulator = SimulatorType::New();
  simulator->SetSeedMaps(maps);
  simulator->Update();
  const auto makeFilter = [&]() {
    auto filter = FilterType::New();
    filter->SetInput(simulator->GetCoreLossOutput());
    filter->SetLowLoss(simulator->GetLowLossOutput());
    filter->SetEdges(SeedEdges());
    filter->SetFitter(itk::QuantificationFitterEnum::PoissonMaximumLikelihood);
    filter->SetEdgesNonNegative(true);
    return filter;
  };
  auto whole = makeFilter();
  whole->ComputeModelOn();
  whole->Update();
  const unsigned int outputs = whole->GetNumberOfIndexedOutputs();
  EXPECT_EQ(outputs, 3u * 4u + 6u + 2u);
  for (unsigned int o = 0; o < outputs; ++o)
  {
    auto streamed = makeFilter();
    auto streamer = itk::StreamingImageFilter<MapType, MapType>::New();
    streamer->SetInput(streamed->GetOutput(o));
    streamer->SetNumberOfStreamDivisions(4);
    streamer->Update();
    const float * a = whole->GetOutput(o)->GetBufferPointer();
    const float * b = streamer->GetOutput()->GetBufferPointer();
    for (int i = 0; i < 130; ++i)
    {
      ASSERT_TRUE(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))) << "output " << o << " pixel " << i;
    }
  }
  // The edge amplitudes are >= 0, every map is labelled, and model + residual = data.
  for (unsigned int e = 0; e < 4; ++e)
  {
    const float * a = whole->GetAbundanceMap(e)->GetBufferPointer();
    EXPECT_GE(*std::min_element(a, a + 130), 0.0f);
    EXPECT_EQ(itk::EMMetaData::GetString(whole->GetAbundanceMap(e)->GetMetaDataDictionary(), "Element"), Elements[e]);
    EXPECT_EQ(itk::EMMetaData::GetString(whole->GetCRLBMap(e)->GetMetaDataDictionary(), "CrossSections"), "hydrogenic");
  }
  EXPECT_FALSE(itk::EMMetaData::Has(whole->GetReducedChiSquareMap()->GetMetaDataDictionary(), "CrossSections"));
  const SpectrumType * data = simulator->GetCoreLossOutput();
  const auto           values = static_cast<size_t>(130) * data->GetNumberOfComponentsPerPixel();
  for (size_t i = 0; i < values; ++i)
  {
    const float sum = whole->GetModel()->GetBufferPointer()[i] + whole->GetResidual()->GetBufferPointer()[i];
    ASSERT_NEAR(sum, data->GetBufferPointer()[i], 1e-3f * std::max(1.0f, data->GetBufferPointer()[i])) << i;
  }
}

TEST(CoreLossQuantificationFilter, ModelComponentsSumToTheModel)
{
  // CoreLossModelDesign::Components splits each pixel's fitted model into the background and one
  // convolved curve per edge (what a viewer overlays); their sum must be the model output. The
  // maps are double here: float maps round the (cancelling) power-law coefficients.
  using SimulatorType = itk::CoreLossSimulator<float>;
  auto simulator = SimulatorType::New();
  simulator->SetSeedMaps(SimulatorType::SeedMaps::Make(4, 3));
  auto filter = itk::CoreLossQuantificationFilter<SpectrumType, itk::Image<double, 2>>::New();
  filter->SetInput(simulator->GetCoreLossOutput());
  filter->SetLowLoss(simulator->GetLowLossOutput());
  filter->SetEdges(SeedEdges());
  filter->ComputeModelOn();
  filter->Update();
  const itk::CoreLossModelDesign &    design = *filter->GetDesign();
  itk::CoreLossModelDesign::Workspace workspace(design);
  const SpectrumType *                lowLoss = simulator->GetLowLossOutput();
  const unsigned int                  channels = filter->GetModel()->GetNumberOfComponentsPerPixel();
  const unsigned int                  lowLossLength = lowLoss->GetNumberOfComponentsPerPixel();
  const unsigned int                  background = design.GetNumberOfBackgroundTerms();
  std::vector<std::vector<double>>    components;
  for (int p = 0; p < 12; ++p)
  {
    std::vector<double> coefficients;
    for (unsigned int k = 0; k < background; ++k)
    {
      coefficients.push_back(filter->GetBackgroundMap(k)->GetBufferPointer()[p]);
    }
    for (unsigned int e = 0; e < 4; ++e)
    {
      coefficients.push_back(filter->GetAbundanceMap(e)->GetBufferPointer()[p]);
    }
    const float *             pixel = lowLoss->GetBufferPointer() + static_cast<size_t>(p) * lowLossLength;
    const std::vector<double> lowLossSpectrum(pixel, pixel + lowLossLength);
    ASSERT_TRUE(design.Components(lowLossSpectrum.data(), coefficients.data(), workspace, components));
    ASSERT_EQ(components.size(), 5u);
    const double * model = filter->GetModel()->GetBufferPointer() + static_cast<size_t>(p) * channels;
    const double   largest = *std::max_element(model, model + channels);
    for (unsigned int k = 0; k < channels; ++k)
    {
      double sum = 0.0;
      for (const auto & part : components)
      {
        sum += part[k];
      }
      ASSERT_NEAR(sum, model[k], 1e-12 * largest) << "pixel " << p << " channel " << k;
    }
  }
  const std::vector<double> noLowLoss(lowLossLength, 0.0);
  EXPECT_FALSE(design.Components(noLowLoss.data(), components.front().data(), workspace, components));
}

TEST(CoreLossQuantificationFilter, SimulatedSeedScanMeanAbundances)
{
  // The seed workflow at 128 x 128 x 2048 (drift, Poisson noise): align on the zero loss, then
  // quantify. Required: every element's mean abundance within 2 % of the truth's.
  using SimulatorType = itk::CoreLossSimulator<float>;
  const auto maps = SimulatorType::SeedMaps::Make(128, 128);
  auto       simulator = SimulatorType::New();
  simulator->SetSeedMaps(maps);
  simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
  auto align = itk::EELSAlignFilter<SpectrumType>::New();
  align->SetInput(simulator->GetLowLossOutput());
  align->SetCompanion(0, simulator->GetCoreLossOutput());
  align->Update();
  for (const bool defaultBasis : { true, false })
  {
    auto filter = FilterType::New();
    filter->SetInput(align->GetOutput(1));
    filter->SetLowLoss(align->GetOutput(0));
    filter->SetEdges(SeedEdges());
    if (!defaultBasis)
    {
      filter->SetBackgroundExponents(PyEELSModelExponents);
    }
    filter->Update();
    EXPECT_EQ(filter->GetNumberOfInvalidPixels(), 0u);
    std::cout << filter->GetBackgroundExponents().size() << " power laws, relative error of the mean abundance:";
    for (unsigned int e = 0; e < 4; ++e)
    {
      double fitted = 0.0, expected = 0.0;
      for (int i = 0; i < 128 * 128; ++i)
      {
        fitted += filter->GetAbundanceMap(e)->GetBufferPointer()[i];
        expected += maps.Abundances[e]->GetBufferPointer()[i];
      }
      const double error = fitted / expected - 1.0;
      std::cout << " " << Elements[e] << " " << 100.0 * error << " %";
      if (defaultBasis)
      {
        EXPECT_LT(std::abs(error), 0.02) << Elements[e];
      }
    }
    std::cout << std::endl;
  }
}

// The ratio of the first edge's amplitude to the second's in one real spectrum (the background
// uses four power laws, so the edges are columns 4 and 5), with its CRLB from the covariance.
struct EdgeRatio
{
  bool   Valid{ false };
  double Ratio{ 0.0 };
  double CRLB{ 0.0 };
};

EdgeRatio
FitEdgeRatio(itk::CoreLossModelSettings settings, const SpectrumType * coreLoss, const SpectrumType * lowLoss)
{
  settings.Axis = itk::EnergyAxis::ReadFrom(coreLoss->GetMetaDataDictionary(), coreLoss->GetNumberOfComponentsPerPixel());
  settings.BackgroundExponents = PyEELSModelExponents;
  settings.CrossSections.BeamVoltage = 300e3;
  settings.LowLossLength = lowLoss->GetNumberOfComponentsPerPixel();
  const itk::CoreLossModelDesign      design(settings);
  itk::CoreLossModelDesign::Workspace workspace(design);
  itk::LinearSpectrumFitter::Result   result;
  std::vector<double> y(coreLoss->GetBufferPointer(), coreLoss->GetBufferPointer() + settings.Axis.GetSize());
  std::vector<double> l(lowLoss->GetBufferPointer(), lowLoss->GetBufferPointer() + settings.LowLossLength);
  design.Fit(y.data(), l.data(), result, nullptr, workspace);
  const unsigned int p = design.GetNumberOfColumns(), i = 4, j = 5;
  const double       a = result.Coefficients[i], b = result.Coefficients[j], ratio = a / b;
  const double       variance = ratio * ratio *
                          (result.Covariance[i * p + i] / (a * a) + result.Covariance[j * p + j] / (b * b) -
                           2.0 * result.Covariance[i * p + j] / (a * b));
  return { result.Valid, ratio, std::sqrt(variance) };
}

TEST(CoreLossQuantificationFilter, RealSpectra)
{
  // The specification's recipes (hydrogenic edges, pyEELSMODEL's four power laws, low-loss
  // convolution): SrTiO3 Ti/O 0.4499 (OLS) and 0.4510 (WLS) with the white lines and the O K
  // near-edge excluded; MnO Mn/O 0.578 (OLS) and 0.554 (WLS). Stoichiometry: 1/3 and 1.
  EM_REQUIRE_SHARED_DATA("data/eels/SrTiO3/hl.msa");
  struct Case
  {
    std::string                            Folder, CoreLoss, LowLoss;
    std::vector<itk::QuantifiedEdge>       Edges;
    double                                 Alpha, Beta;
    std::vector<std::pair<double, double>> Excluded;
    double                                 ExpectedOLS, ExpectedWLS;
  };
  const std::vector<Case> cases{
    { "SrTiO3", "hl.msa", "ll.msa", { { "Ti", "L", 455.0 }, { "O", "K" } }, 0.9, 2.675, { { 450.0, 500.0 }, { 528.0, 590.0 } }, 0.4499, 0.4510 },
    { "MnO", "coreloss_spectrum.msa", "lowloss_spectrum.msa", { { "Mn", "L", 641.0 }, { "O", "K" } }, 24.6, 13.6, {}, 0.578, 0.554 }
  };
  for (const Case & c : cases)
  {
    const std::string folder = itk::EMTest::SharedDataPath("data/eels/" + c.Folder + "/");
    const auto        coreLoss = ReadMSA(folder + c.CoreLoss);
    const auto        lowLoss = ReadMSA(folder + c.LowLoss);
    for (const auto fitter : { itk::QuantificationFitterEnum::OrdinaryLeastSquares,
                               itk::QuantificationFitterEnum::WeightedLeastSquares })
    {
      itk::CoreLossModelSettings settings;
      settings.Edges = c.Edges;
      settings.ExcludedRanges = c.Excluded;
      settings.CrossSections.ConvergenceSemiAngle = c.Alpha * 1e-3;
      settings.CrossSections.CollectionSemiAngle = c.Beta * 1e-3;
      settings.Fitter.Fitter = fitter;
      const EdgeRatio fit = FitEdgeRatio(settings, coreLoss, lowLoss);
      ASSERT_TRUE(fit.Valid) << c.Folder;
      const double ratio = fit.Ratio;
      std::cout << c.Folder << " " << fitter << ": " << c.Edges[0].Element << "/O = " << ratio << " +- " << fit.CRLB
                << " (CRLB)" << std::endl;
      EXPECT_NEAR(ratio, fitter == itk::QuantificationFitterEnum::OrdinaryLeastSquares ? c.ExpectedOLS : c.ExpectedWLS, 1e-3)
        << c.Folder;
    }
  }
}

// The same spectra with cross sections computed from first principles (edges at the edge table's
// onsets, with L3, L2 and L1), the near-edge structure the atomic GOS lacks (white lines, the O K
// near edge) excluded as in the recipe of the specification's section 14.1. SrTiO3 must come
// within 10 % of its stoichiometry 1/3. MnO is printed, not tested: every choice of excluded
// ranges gives Mn/O 0.30-0.35 with computed and 0.44-0.55 with hydrogenic cross sections, far from
// its stoichiometry 1, so something beyond the cross sections (the acquisition parameters given
// for these files, the 130 eV of Mn L2,3 the spectrum holds) limits this spectrum.
TEST(CoreLossQuantificationFilter, RealSpectraWithComputedCrossSections)
{
  EM_REQUIRE_SHARED_DATA("data/eels/SrTiO3/hl.msa");
  setenv("AEM_GOS_CACHE", itk::EMTest::OutputPath("gos-cache").c_str(), 1); // not the user's cache
  struct Case
  {
    std::string                            Folder, CoreLoss, LowLoss, Element;
    double                                 Alpha, Beta;
    std::vector<std::pair<double, double>> Excluded;
  };
  const std::vector<Case> cases{
    { "SrTiO3", "hl.msa", "ll.msa", "Ti", 0.9, 2.675, { { 450.0, 500.0 }, { 528.0, 590.0 } } },
    { "MnO", "coreloss_spectrum.msa", "lowloss_spectrum.msa", "Mn", 24.6, 13.6, { { 528.0, 590.0 }, { 635.0, 680.0 } } }
  };
  for (const Case & c : cases)
  {
    const std::string folder = itk::EMTest::SharedDataPath("data/eels/" + c.Folder + "/");
    const auto        coreLoss = ReadMSA(folder + c.CoreLoss);
    const auto        lowLoss = ReadMSA(folder + c.LowLoss);
    for (const bool computed : { false, true })
    {
      itk::CoreLossModelSettings settings;
      settings.Edges = { { c.Element, "L" }, { "O", "K" } };
      settings.ExcludedRanges = c.Excluded;
      settings.ComputedCrossSections = computed;
      settings.CrossSections.ConvergenceSemiAngle = c.Alpha * 1e-3;
      settings.CrossSections.CollectionSemiAngle = c.Beta * 1e-3;
      settings.Fitter.Fitter = itk::QuantificationFitterEnum::WeightedLeastSquares;
      const EdgeRatio fit = FitEdgeRatio(settings, coreLoss, lowLoss);
      ASSERT_TRUE(fit.Valid) << c.Folder;
      const double ratio = fit.Ratio;
      std::cout << c.Folder << (computed ? " computed" : " hydrogenic") << " cross sections: " << c.Element
                << "/O = " << ratio << " +- " << fit.CRLB << " (CRLB)" << std::endl;
      if (c.Folder == "SrTiO3" && computed)
      {
        EXPECT_NEAR(ratio, 1.0 / 3.0, 0.1 / 3.0);
      }
      EXPECT_TRUE(std::isfinite(ratio) && ratio > 0.0);
    }
  }
}

TEST(CoreLossQuantificationFilter, RejectsBadInput)
{
  using SimulatorType = itk::CoreLossSimulator<float>;
  const auto maps = SimulatorType::SeedMaps::Make(4, 3);
  auto       simulator = SimulatorType::New();
  simulator->SetSeedMaps(maps);
  simulator->Update();
  const auto expectFailure = [&](const std::function<void(FilterType *)> & spoil, const char * what) {
    auto filter = FilterType::New();
    filter->SetInput(simulator->GetCoreLossOutput());
    filter->SetLowLoss(simulator->GetLowLossOutput());
    filter->SetEdges(SeedEdges());
    spoil(filter);
    EXPECT_THROW(filter->Update(), itk::ExceptionObject) << what;
  };
  expectFailure([](FilterType * f) { f->SetFitWindow(200.0, 600.0); }, "Fe L outside the window");
  expectFailure([](FilterType * f) { f->SetFitWindow(280.0, 284.5); }, "fewer channels than parameters");
  expectFailure([](FilterType * f) { f->SetEdges({}); }, "no edges");
  expectFailure([](FilterType * f) { f->SetEdges({ { "Xx", "K" } }); }, "unknown element");
  expectFailure([](FilterType * f) { f->SetEdges({ { "C", "M7" } }); }, "unknown edge");
  expectFailure(
    [&](FilterType * f) {
      const auto other = SimulatorType::SeedMaps::Make(3, 4);
      auto       lowLoss = SimulatorType::New();
      lowLoss->SetSeedMaps(other);
      lowLoss->Update();
      f->SetLowLoss(lowLoss->GetLowLossOutput());
    },
    "low loss of another scan size");
  // Negative counts: an error for the Poisson fitters, accepted by OLS.
  const SpectrumType * counts = simulator->GetCoreLossOutput();
  const auto           channels = counts->GetNumberOfComponentsPerPixel();
  const auto           duplicate = [&]() {
    auto copy = SpectrumType::New();
    copy->SetRegions(counts->GetLargestPossibleRegion());
    copy->SetNumberOfComponentsPerPixel(channels);
    copy->Allocate();
    std::copy(counts->GetBufferPointer(), counts->GetBufferPointer() + 12 * channels, copy->GetBufferPointer());
    copy->SetMetaDataDictionary(counts->GetMetaDataDictionary());
    return copy;
  };
  auto copy = duplicate();
  copy->GetBufferPointer()[5 * copy->GetNumberOfComponentsPerPixel() + 700] = -3.0f;
  for (const auto fitter : { itk::QuantificationFitterEnum::WeightedLeastSquares,
                             itk::QuantificationFitterEnum::PoissonMaximumLikelihood,
                             itk::QuantificationFitterEnum::OrdinaryLeastSquares })
  {
    auto filter = FilterType::New();
    filter->SetInput(copy);
    filter->SetLowLoss(simulator->GetLowLossOutput());
    filter->SetEdges(SeedEdges());
    filter->SetFitter(fitter);
    if (fitter == itk::QuantificationFitterEnum::OrdinaryLeastSquares)
    {
      EXPECT_NO_THROW(filter->Update());
    }
    else
    {
      EXPECT_THROW(filter->Update(), itk::ExceptionObject) << fitter;
    }
  }
  // Without microscope parameters no cross section can be computed.
  auto unlabelled = SpectrumType::New();
  unlabelled->Graft(copy);
  itk::MetaDataDictionary dictionary;
  itk::EnergyAxis::ReadFrom(copy->GetMetaDataDictionary(), copy->GetNumberOfComponentsPerPixel()).WriteTo(dictionary);
  unlabelled->SetMetaDataDictionary(dictionary);
  auto filter = FilterType::New();
  filter->SetInput(unlabelled);
  filter->SetEdges(SeedEdges());
  EXPECT_THROW(filter->Update(), itk::ExceptionObject);
  // A pixel without counts is reported, not fitted.
  auto empty = duplicate();
  std::fill_n(empty->GetBufferPointer() + 2 * copy->GetNumberOfComponentsPerPixel(), copy->GetNumberOfComponentsPerPixel(), 0.0f);
  filter->SetInput(empty);
  filter->SetLowLoss(simulator->GetLowLossOutput());
  for (const auto fitter : { itk::QuantificationFitterEnum::OrdinaryLeastSquares,
                             itk::QuantificationFitterEnum::PoissonMaximumLikelihood })
  {
    filter->SetFitter(fitter);
    filter->Update();
    EXPECT_EQ(filter->GetNumberOfInvalidPixels(), 1u) << fitter;
    EXPECT_EQ(filter->GetInvalidMask()->GetBufferPointer()[2], 1) << fitter;
    EXPECT_TRUE(std::isnan(filter->GetAbundanceMap(0)->GetBufferPointer()[2])) << fitter;
    EXPECT_FALSE(std::isnan(filter->GetAbundanceMap(0)->GetBufferPointer()[3])) << fitter;
  }
}

TEST(CoreLossQuantificationFilter, ConvexityConstraintsHoldOnTheFitWindow)
{
  // With the sufficient rows every fitted background is positive, decreasing and convex on the
  // window (checked on every channel by differences, to 1e-9 of the background's size).
  EM_REQUIRE_SHARED_DATA(Reference + "coreloss_aligned.mha");
  const auto coreLoss = ReadReference("coreloss_aligned.mha");
  const auto axis = itk::EnergyAxis::ReadFrom(coreLoss->GetMetaDataDictionary(), coreLoss->GetNumberOfComponentsPerPixel());
  for (const auto & exponents : { PyEELSModelExponents, std::vector<double>{ 1, 2, 3, 4, 5, 6 } })
  {
    auto filter = FilterType::New();
    filter->SetInput(coreLoss);
    filter->SetLowLoss(ReadReference("lowloss_aligned.mha"));
    filter->SetEdges(SeedEdges());
    filter->SetBackgroundExponents(exponents);
    filter->SetBackgroundConstraint(itk::BackgroundConstraintEnum::Sufficient);
    filter->SetEdgesNonNegative(true);
    filter->Update();
    EXPECT_EQ(filter->GetNumberOfInvalidPixels(), 0u);
    const itk::LinearCombinationOfPowerLaws background(exponents, axis.GetOffset());
    unsigned int                            violations = 0;
    for (int i = 0; i < 1024; ++i)
    {
      std::vector<double> a;
      for (unsigned int k = 0; k < exponents.size(); ++k)
      {
        a.push_back(filter->GetBackgroundMap(k)->GetBufferPointer()[i]);
      }
      const double size = std::abs(background.Evaluate(axis.GetOffset(), a));
      for (itk::SizeValueType c = 1; c + 1 < axis.GetSize(); ++c)
      {
        const double b0 = background.Evaluate(axis.GetEnergy(c - 1.0), a), b1 = background.Evaluate(axis.GetEnergy(c), a),
                     b2 = background.Evaluate(axis.GetEnergy(c + 1.0), a);
        violations += (b1 < -1e-9 * size || b2 - b1 > 1e-9 * size || b0 - 2 * b1 + b2 < -1e-9 * size) ? 1 : 0;
      }
      for (unsigned int e = 0; e < 4; ++e)
      {
        EXPECT_GE(filter->GetAbundanceMap(e)->GetBufferPointer()[i], 0.0f);
      }
    }
    std::cout << exponents.size() << " power laws: " << violations << " channels violate the shape" << std::endl;
    EXPECT_EQ(violations, 0u);
  }
}

TEST(ElementalQuantificationFilter, AlignsThenQuantifies)
{
  // On the raw (drifting) reference cubes the one-call workflow gives exactly the maps of the
  // argmax aligner followed by the quantification, and its shift map is the aligner's.
  EM_REQUIRE_SHARED_DATA(Reference + "coreloss_raw.mha");
  const auto coreLoss = ReadReference("coreloss_raw.mha");
  const auto lowLoss = ReadReference("lowloss_raw.mha");
  auto       workflow = itk::ElementalQuantificationFilter<SpectrumType>::New();
  workflow->SetInput(coreLoss);
  workflow->SetLowLoss(lowLoss);
  workflow->SetEdges(SeedEdges());
  workflow->Update();
  auto align = itk::EELSAlignFilter<SpectrumType>::New();
  align->SetInput(lowLoss);
  align->SetCompanion(0, coreLoss);
  auto quantify = FilterType::New();
  quantify->SetInput(align->GetOutput(1));
  quantify->SetLowLoss(align->GetOutput(0));
  quantify->SetEdges(SeedEdges());
  quantify->Update();
  for (unsigned int o = 0; o < quantify->GetNumberOfIndexedOutputs(); ++o)
  {
    const float * a = workflow->GetOutput(o)->GetBufferPointer();
    const float * b = quantify->GetOutput(o)->GetBufferPointer();
    ASSERT_EQ(std::memcmp(a, b, 1024 * sizeof(float)), 0) << "output " << o;
  }
  EXPECT_EQ(std::memcmp(workflow->GetShiftMap()->GetBufferPointer(), align->GetShiftMap()->GetBufferPointer(),
                        1024 * sizeof(double)),
            0);
  // Without the alignment the ±2.5 eV drift costs accuracy: compare the error of O against truth.
  auto unaligned = FilterType::New();
  unaligned->SetInput(coreLoss);
  unaligned->SetLowLoss(lowLoss);
  unaligned->SetEdges(SeedEdges());
  unaligned->Update();
  const auto truth = itk::ReadImage<itk::Image<float, 2>>(itk::EMTest::SharedDataPath(Reference + "truth_O.mha"));
  double     alignedSquares = 0.0, unalignedSquares = 0.0;
  for (int i = 0; i < 1024; ++i)
  {
    alignedSquares += std::pow(workflow->GetAbundanceMap(2)->GetBufferPointer()[i] - truth->GetBufferPointer()[i], 2);
    unalignedSquares += std::pow(unaligned->GetAbundanceMap(2)->GetBufferPointer()[i] - truth->GetBufferPointer()[i], 2);
  }
  std::cout << "O RMS error: aligned " << std::sqrt(alignedSquares / 1024) << ", unaligned "
            << std::sqrt(unalignedSquares / 1024) << std::endl;
  EXPECT_LT(alignedSquares, unalignedSquares);
  EXPECT_THROW(
    {
      auto noLowLoss = itk::ElementalQuantificationFilter<SpectrumType>::New();
      noLowLoss->SetInput(coreLoss);
      noLowLoss->SetEdges(SeedEdges());
      noLowLoss->Update();
    },
    itk::ExceptionObject);
}

TEST(CoreLossQuantificationFilter, PyEELSModelCRLBDefectReproduced)
{
  // pyEELSMODEL's CRLB_map builds every pixel's Fisher information with the low loss of the last
  // pixel, (31, 31). Doing the same from the reference coefficients reproduces
  // crlb_pyeelsmodel_asis_*.mha; the filter's own CRLB (each pixel's low loss) is the corrected
  // one, and the difference is the size of the defect.
  EM_REQUIRE_SHARED_DATA(Reference + "crlb_pyeelsmodel_asis_C.mha");
  const auto coreLoss = ReadReference("coreloss_aligned.mha");
  const auto lowLoss = ReadReference("lowloss_aligned.mha");
  const auto reference = ReadCoefficients(itk::EMTest::SharedDataPath(Reference + "pyeelsmodel_wls_coefficients.csv"));
  itk::CoreLossModelSettings settings;
  settings.Axis = itk::EnergyAxis::ReadFrom(coreLoss->GetMetaDataDictionary(), coreLoss->GetNumberOfComponentsPerPixel());
  settings.Edges = SeedEdges();
  settings.BackgroundExponents = PyEELSModelExponents;
  settings.CrossSections = itk::CrossSectionSettings::FromMicroscope(
    itk::MicroscopeParameters::ReadFrom(coreLoss->GetMetaDataDictionary()));
  settings.LowLossLength = lowLoss->GetNumberOfComponentsPerPixel();
  const itk::CoreLossModelDesign      design(settings);
  itk::CoreLossModelDesign::Workspace workspace(design);
  const auto                          n = settings.LowLossLength;
  const float *                       last = lowLoss->GetBufferPointer() + lowLoss->ComputeOffset({ { 31, 31 } }) * n;
  const std::vector<double>           lastLowLoss(last, last + n);
  const double * const *              columns = design.FittedColumns(lastLowLoss.data(), workspace);
  ASSERT_NE(columns, nullptr);
  auto filter = FilterType::New();
  filter->SetInput(coreLoss);
  filter->SetLowLoss(lowLoss);
  filter->SetEdges(SeedEdges());
  filter->SetBackgroundExponents(PyEELSModelExponents);
  filter->Update();
  itk::LinearSpectrumFitter::Workspace fitterWorkspace;
  itk::LinearSpectrumFitter::Result    result;
  for (unsigned int e = 0; e < 4; ++e)
  {
    const auto asIs = itk::ReadImage<itk::Image<double, 2>>(
      itk::EMTest::SharedDataPath(Reference + "crlb_pyeelsmodel_asis_" + Elements[e] + ".mha"));
    double largest = 0.0, lowestRatio = 1.0;
    for (const auto & [xy, coefficients] : reference)
    {
      const auto [x, y] = xy;
      ASSERT_TRUE(design.GetFitter().CramerRaoBound(columns, coefficients.data(), design.GetFittedChannels().size(),
                                                    result, fitterWorkspace));
      const double expected = asIs->GetPixel({ { x, y } });
      largest = std::max(largest, std::abs(result.CRLB[4 + e] / expected - 1.0));
      lowestRatio = std::min(lowestRatio, expected / At(filter->GetCRLBMap(e), x, y));
    }
    std::cout << Elements[e] << ": as-is CRLB reproduced to " << largest << " (relative); as-is / corrected - 1 down to "
              << 100.0 * (lowestRatio - 1.0) << " %" << std::endl;
    EXPECT_LT(largest, 1e-6) << Elements[e];
  }
}

// A Cr L2,3 edge on a 40 eV window (560 ... 600 eV), as real spectra are often recorded: six power
// laws cannot be told apart there and every fit was singular, every pixel NaN, without a word.
// The default basis now drops what the window cannot resolve; exponents given explicitly are
// kept, and every NaN pixel has its reason in the status map and the summary.
TEST(CoreLossQuantificationFilter, NarrowWindowAndTheReasonsOfNaN)
{
  // Noiseless spectra: 1e5 (E / 560)^-3 plus 1000 times the hydrogenic Cr L2,3 cross section.
  const itk::EnergyAxis     axis(560.0, 0.25, 160);
  itk::MicroscopeParameters microscope;
  microscope.SetBeamEnergy(300.0);
  microscope.SetConvergenceSemiAngle(1.0);
  microscope.SetCollectionSemiAngle(20.0);
  const auto edge = itk::HydrogenicCrossSection::FromEdge("Cr", "L").Compute(
    axis, itk::CrossSectionSettings::FromMicroscope(microscope));
  auto spectra = SpectrumType::New();
  spectra->SetRegions(SpectrumType::SizeType{ { 4, 4 } });
  spectra->SetNumberOfComponentsPerPixel(160);
  spectra->Allocate();
  axis.WriteTo(spectra->GetMetaDataDictionary());
  microscope.WriteTo(spectra->GetMetaDataDictionary());
  for (unsigned int p = 0; p < 16; ++p)
  {
    for (unsigned int k = 0; k < 160; ++k)
    {
      spectra->GetBufferPointer()[p * 160 + k] =
        static_cast<float>(1e5 * std::pow(axis.GetEnergy(k) / 560.0, -3.0) + 1000.0 * edge[k]);
    }
  }
  const auto quantify = [&](const SpectrumType * coreLoss, bool sixExponents) {
    auto filter = FilterType::New();
    filter->SetInput(coreLoss);
    filter->SetMultipleScattering(false);
    filter->SetEdges({ { "Cr", "L" } });
    if (sixExponents)
    {
      filter->SetBackgroundExponents({ 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 });
    }
    filter->Update();
    return filter;
  };
  const auto adapted = quantify(spectra, false);
  EXPECT_EQ(adapted->GetNumberOfInvalidPixels(), 0u);
  ASSERT_FALSE(adapted->GetDesign()->GetDroppedBackgroundExponents().empty());
  std::cout << "default exponents: " << adapted->GetFitSummary() << " Cr abundance " << At(adapted->GetAbundanceMap(0), 1, 1)
            << " (truth 1000)" << std::endl;
  EXPECT_NE(adapted->GetFitSummary().find("dropped"), std::string::npos);
  EXPECT_NEAR(At(adapted->GetAbundanceMap(0), 1, 1), 1000.0, 1.0);
  EXPECT_EQ(At(adapted->GetBackgroundMap(5), 1, 1), 0.0); // r = 6 dropped: its map is 0

  const auto singular = quantify(spectra, true);
  EXPECT_EQ(singular->GetNumberOfInvalidPixels(), 16u);
  EXPECT_EQ(singular->GetNumberOfPixelsWithStatus(itk::FitStatusEnum::Singular), 16u);
  EXPECT_EQ(singular->GetFitStatusMap()->GetPixel({ { 2, 3 } }), static_cast<unsigned char>(itk::FitStatusEnum::Singular));
  std::cout << "six exponents: " << singular->GetFitSummary() << std::endl;
  EXPECT_NE(singular->GetFitSummary().find("16 of 16 pixels NaN: the model's columns are linearly dependent (16)"),
            std::string::npos);
  EXPECT_NE(singular->GetFitSummary().find("use fewer power laws"), std::string::npos);

  // A pixel without counts and one with NaN data: their own reasons.
  std::fill(spectra->GetBufferPointer(), spectra->GetBufferPointer() + 160, 0.0f);
  spectra->GetBufferPointer()[160 + 80] = std::numeric_limits<float>::quiet_NaN();
  const auto reasons = quantify(spectra, false);
  EXPECT_EQ(reasons->GetNumberOfPixelsWithStatus(itk::FitStatusEnum::NoCounts), 1u);
  EXPECT_EQ(reasons->GetNumberOfPixelsWithStatus(itk::FitStatusEnum::NonFiniteData), 1u);
  EXPECT_EQ(reasons->GetFitStatusMap()->GetPixel({ { 0, 0 } }), static_cast<unsigned char>(itk::FitStatusEnum::NoCounts));
  EXPECT_NE(reasons->GetFitSummary().find("2 of 16 pixels NaN: no counts (1) non-finite data (1)"), std::string::npos)
    << reasons->GetFitSummary();
}
