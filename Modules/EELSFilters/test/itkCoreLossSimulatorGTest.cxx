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
#include "itkCoreLossSimulator.h"
#include "itkHydrogenicCrossSection.h"
#include "itkPoissonSampler.h"

#include "itkEMTestData.h"
#include "itkImageFileReader.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <sstream>

namespace
{
using SimulatorType = itk::CoreLossSimulator<float>;
using MapType = SimulatorType::MapImageType;
using SpectrumType = SimulatorType::SpectrumImageType;
const std::string Reference = "reference/pyeelsmodel-sim32/";

template <typename TImage>
typename TImage::Pointer
Read(const std::string & file)
{
  return itk::ReadImage<TImage>(itk::EMTest::SharedDataPath(Reference + file));
}

SimulatorType::Pointer
SeedSimulator(const SimulatorType::SeedMaps & maps, bool noise)
{
  auto simulator = SimulatorType::New();
  simulator->SetSeedMaps(maps);
  simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
  simulator->SetAddNoise(noise);
  return simulator;
}

// Noiseless model of one pixel of the seed set-up, on the unshifted axes.
struct PixelModel
{
  std::vector<double> LowLoss, CoreLoss;
};

PixelModel
SeedPixel(double thickness, const std::vector<double> & abundances)
{
  itk::CrossSectionSettings settings;
  settings.BeamVoltage = 300e3;
  settings.ConvergenceSemiAngle = 1e-9;
  settings.CollectionSemiAngle = 20e-3;
  itk::CoreLossSpectrumModel::Settings modelSettings;
  std::vector<std::vector<double>>     sections;
  const char *                         elements[] = { "C", "N", "O", "Fe" };
  const char *                         edges[] = { "K", "K", "K", "L" };
  for (int e = 0; e < 4; ++e)
  {
    sections.push_back(itk::HydrogenicCrossSection::FromEdge(elements[e], edges[e]).Compute(modelSettings.CoreLossAxis, settings));
  }
  const itk::CoreLossSpectrumModel            model(modelSettings, sections);
  itk::CoreLossSpectrumModel::Workspace workspace(model);
  PixelModel                                  pixel{ std::vector<double>(2048), std::vector<double>(2048) };
  model.LowLoss(thickness, pixel.LowLoss.data());
  model.CoreLoss(pixel.LowLoss.data(), abundances.data(), pixel.CoreLoss.data(), workspace);
  return pixel;
}

// Mean and variance of r = (d - M) / sqrt(M) over all samples with M > 0.
std::pair<double, double>
ResidualStatistics(const SpectrumType * data, const SpectrumType * model)
{
  const size_t  n = data->GetBufferedRegion().GetNumberOfPixels() * data->GetNumberOfComponentsPerPixel();
  const float * d = data->GetBufferPointer();
  const float * m = model->GetBufferPointer();
  double        sum = 0.0, sumSquares = 0.0;
  size_t        count = 0;
  for (size_t i = 0; i < n; ++i)
  {
    if (m[i] > 0.0f)
    {
      const double r = (d[i] - static_cast<double>(m[i])) / std::sqrt(static_cast<double>(m[i]));
      sum += r;
      sumSquares += r * r;
      ++count;
    }
  }
  const double mean = sum / count;
  return { mean, sumSquares / count - mean * mean };
}

// chi^2 / N of the mean counts of a group of pixels with one noiseless model, over the original
// channels 10 ... 2037 (every pixel has them after the drift crop).
double
GroupChiSquare(const SpectrumType * data, const std::vector<int> & drift, const std::vector<size_t> & pixels,
               const std::vector<double> & model)
{
  const size_t  length = data->GetNumberOfComponentsPerPixel();
  const float * d = data->GetBufferPointer();
  double        chi2 = 0.0;
  for (size_t c = 10; c < 2038; ++c)
  {
    double mean = 0.0;
    for (const size_t p : pixels)
    {
      // Raw channel k holds original channel k + max(s) - s_p = k + 5 - s_p.
      mean += d[p * length + static_cast<size_t>(static_cast<long>(c) - 5 + drift[p])];
    }
    mean /= static_cast<double>(pixels.size());
    chi2 += (mean - model[c]) * (mean - model[c]) / (model[c] / static_cast<double>(pixels.size()));
  }
  return chi2 / 2028.0;
}
} // namespace

// sum_e (Z_e c_e)^2 by hand at the disc centre (C 1, Fe 1: 6^2 + 26^2) and a ring pixel (C 1, O 1,
// Fe 0.5: 6^2 + 8^2 + 13^2).
TEST(CoreLossSimulator, ADFLikeContrastOfTheSeedPhantom)
{
  const auto                  maps = SimulatorType::SeedMaps::Make(128, 128);
  std::vector<const MapType *> abundances;
  for (const auto & map : maps.Abundances)
  {
    abundances.push_back(map.GetPointer());
  }
  const auto adf = itk::MakeADFLikeContrast(abundances, maps.Elements);
  EXPECT_EQ(adf->GetPixel({ { 64, 64 } }), 36.0f + 676.0f);
  EXPECT_EQ(adf->GetPixel({ { 64 + 25, 64 } }), 36.0f + 64.0f + 169.0f);
  abundances.pop_back();
  EXPECT_THROW(itk::MakeADFLikeContrast(abundances, maps.Elements), itk::ExceptionObject);
}

TEST(CoreLossSimulator, SeedMapsAndDriftMatchTheTruth)
{
  const auto maps = SimulatorType::SeedMaps::Make(32, 32);
  const auto llAxis = itk::EnergyAxis(-10.0, 0.5, 2048);
  const auto pattern = SimulatorType::SeedDriftPattern(32, 32, llAxis);
  int        discPixels = 0, ringPixels = 0;
  for (size_t p = 0; p < 1024; ++p)
  {
    discPixels += maps.Abundances[3]->GetBufferPointer()[p] == 1.0f;
    ringPixels += maps.Abundances[3]->GetBufferPointer()[p] == 0.5f;
  }
  EXPECT_EQ(discPixels, 69);
  EXPECT_EQ(ringPixels, 108);
  EXPECT_EQ(*std::max_element(pattern.begin(), pattern.end()), 5);
  EXPECT_EQ(*std::min_element(pattern.begin(), pattern.end()), -5);

  EM_REQUIRE_SHARED_DATA(Reference + "truth_C.mha");
  const char * names[] = { "C", "N", "O", "Fe" };
  for (int e = 0; e < 4; ++e)
  {
    const auto truth = Read<MapType>(std::string("truth_") + names[e] + ".mha");
    for (size_t p = 0; p < 1024; ++p)
    {
      ASSERT_EQ(maps.Abundances[e]->GetBufferPointer()[p], truth->GetBufferPointer()[p]) << names[e] << " pixel " << p;
    }
  }
  const auto thickness = Read<MapType>("truth_tlambda.mha");
  for (size_t p = 0; p < 1024; ++p)
  {
    ASSERT_EQ(maps.Thickness->GetBufferPointer()[p], thickness->GetBufferPointer()[p]) << p;
  }
  const auto shifts = Read<itk::Image<int, 2>>("truth_shift_channels.mha");
  for (size_t y = 0; y < 32; ++y)
  {
    for (size_t x = 0; x < 32; ++x)
    {
      ASSERT_EQ(pattern[x * 32 + y], shifts->GetBufferPointer()[y * 32 + x]) << x << ", " << y;
    }
  }
}

TEST(CoreLossSimulator, BackgroundAndModelCheckValues)
{
  // Background only (no edges), at three thicknesses; values of an independent implementation.
  const double energies[] = { 200.5, 250.0, 300.0, 500.0, 1000.0 };
  const std::map<double, std::vector<double>> expected = {
    { 0.1875, { 994.8957550287379, 623.3330129667013, 414.5099413552007, 120.82965495996027, 19.341500704836072 } },
    { 0.5, { 994.6670450711401, 611.5305079863359, 401.1903477915878, 113.58223842936863, 17.752481945528462 } },
    { 1.0, { 994.2590903354766, 591.1802665113693, 378.7648836951299, 101.969037843488, 15.302208599227473 } }
  };
  const itk::EnergyAxis axis(200.0, 0.5, 2048);
  for (const auto & [t, values] : expected)
  {
    const auto pixel = SeedPixel(t, { 0.0, 0.0, 0.0, 0.0 });
    for (int i = 0; i < 5; ++i)
    {
      EXPECT_NEAR(pixel.CoreLoss[axis.GetIndex(energies[i])] / values[i], 1.0, 1e-9) << t << " " << energies[i];
    }
    EXPECT_NEAR(pixel.CoreLoss[0], 1000.0, 1e-9);
  }
  // The noiseless model of an Fe-disc pixel (C = 1, Fe = 1, t/lambda = 1).
  const auto disc = SeedPixel(1.0, { 1.0, 0.0, 0.0, 1.0 });
  EXPECT_NEAR(disc.CoreLoss[axis.GetIndex(300.0)] / 409.131040613198, 1.0, 1e-9);
  EXPECT_NEAR(disc.CoreLoss[axis.GetIndex(720.0)] / 48.607686324128316, 1.0, 1e-9);
  EXPECT_NEAR(disc.CoreLoss[axis.GetIndex(1000.0)] / 29.28323354094934, 1.0, 1e-9);
}

TEST(CoreLossSimulator, ShapeCombinationEqualsTheDirectConvolution)
{
  itk::CrossSectionSettings settings;
  settings.BeamVoltage = 300e3;
  settings.ConvergenceSemiAngle = 1e-9;
  settings.CollectionSemiAngle = 20e-3;
  for (const auto background : { itk::SimulatedBackgroundEnum::ReferenceConvolvedPowerLaw,
                                 itk::SimulatedBackgroundEnum::ConvolvedPowerLaw, itk::SimulatedBackgroundEnum::PowerLaw })
  {
    itk::CoreLossSpectrumModel::Settings modelSettings;
    modelSettings.Background = background;
    const std::vector<std::vector<double>> sections = {
      itk::HydrogenicCrossSection::FromEdge("C", "K").Compute(modelSettings.CoreLossAxis, settings),
      itk::HydrogenicCrossSection::FromEdge("Fe", "L").Compute(modelSettings.CoreLossAxis, settings)
    };
    const itk::CoreLossSpectrumModel      model(modelSettings, sections);
    itk::CoreLossSpectrumModel::Workspace workspace(model);
    // t = 4 puts the plasmon maximum above the zero-loss peak: Simulate() falls back to CoreLoss().
    for (const double t : { 0.0, 0.1875, 0.7, 1.0, 4.0 })
    {
      const std::vector<double> abundances = { 1.3, 0.4 };
      std::vector<double>       ll(2048), viaShapes(2048), direct(2048);
      model.Simulate(t, abundances.data(), ll.data(), viaShapes.data(), workspace);
      model.CoreLoss(ll.data(), abundances.data(), direct.data(), workspace);
      double worst = 0.0, largest = 0.0;
      for (size_t i = 0; i < 2048; ++i)
      {
        largest = std::max(largest, std::abs(direct[i]));
        worst = std::max(worst, std::abs(viaShapes[i] - direct[i]));
      }
      EXPECT_LT(worst, 1e-12 * largest) << background << ", t/lambda " << t;
    }
  }
}

TEST(CoreLossSimulator, LowLossMatchesTheReferenceCube)
{
  EM_REQUIRE_SHARED_DATA(Reference + "lowloss_raw.mha");
  auto simulator = SeedSimulator(SimulatorType::SeedMaps::Make(32, 32), false);
  simulator->Update();
  const SpectrumType * ours = simulator->GetLowLossOutput();
  const auto           reference = Read<SpectrumType>("lowloss_raw.mha");
  ASSERT_EQ(ours->GetNumberOfComponentsPerPixel(), 2038u);
  ASSERT_EQ(reference->GetNumberOfComponentsPerPixel(), 2038u);
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(ours->GetMetaDataDictionary(), 2038), itk::EnergyAxis(-12.5, 0.5, 2038));
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(simulator->GetCoreLossOutput()->GetMetaDataDictionary(), 2038),
            itk::EnergyAxis(197.5, 0.5, 2038));
  // Both are float32 roundings of the same double-precision model: equal to one float ulp.
  const float * a = ours->GetBufferPointer();
  const float * b = reference->GetBufferPointer();
  double        worst = 0.0;
  for (size_t i = 0; i < 1024 * 2038; ++i)
  {
    if (b[i] > 1e-30f)
    {
      worst = std::max(worst, std::abs(static_cast<double>(a[i]) / b[i] - 1.0));
      ASSERT_LE(std::abs(a[i] - b[i]), std::nextafter(b[i], 2.0f * b[i] + 1.0f) - b[i]) << i;
    }
  }
  std::cout << "low loss vs lowloss_raw.mha: largest relative difference " << worst << std::endl;
}

TEST(CoreLossSimulator, ReferenceCountsAreConsistentWithTheModel)
{
  EM_REQUIRE_SHARED_DATA(Reference + "coreloss_raw.mha");
  auto simulator = SeedSimulator(SimulatorType::SeedMaps::Make(32, 32), false);
  simulator->Update();
  const auto reference = Read<SpectrumType>("coreloss_raw.mha");
  const auto [mean, variance] = ResidualStatistics(reference, simulator->GetCoreLossOutput());
  std::cout << "coreloss_raw.mha against our noiseless model: r mean " << mean << ", variance " << variance << std::endl;
  EXPECT_NEAR(mean, 0.0, 0.005);
  EXPECT_NEAR(variance, 1.0, 0.01);

  const auto maps = SimulatorType::SeedMaps::Make(32, 32);
  const std::vector<int> drift(simulator->GetDriftMapOutput()->GetBufferPointer(),
                               simulator->GetDriftMapOutput()->GetBufferPointer() + 1024);
  std::vector<size_t> carbonOnly, ironDisc;
  for (size_t p = 0; p < 1024; ++p)
  {
    if (maps.Thickness->GetBufferPointer()[p] == 0.1875f)
    {
      carbonOnly.push_back(p);
    }
    if (maps.Abundances[3]->GetBufferPointer()[p] == 1.0f)
    {
      ironDisc.push_back(p);
    }
  }
  ASSERT_EQ(carbonOnly.size(), 782u);
  ASSERT_EQ(ironDisc.size(), 69u);
  const double carbon = GroupChiSquare(reference, drift, carbonOnly, SeedPixel(0.1875, { 1, 0, 0, 0 }).CoreLoss);
  const double iron = GroupChiSquare(reference, drift, ironDisc, SeedPixel(1.0, { 1, 0, 0, 1 }).CoreLoss);
  std::cout << "group chi^2 / N: C-only pixels " << carbon << ", Fe disc " << iron << std::endl;
  EXPECT_GT(carbon, 0.85);
  EXPECT_LT(carbon, 1.15);
  EXPECT_GT(iron, 0.85);
  EXPECT_LT(iron, 1.15);
}

TEST(CoreLossSimulator, NoisyOutputFollowsItsOwnModel)
{
  const auto maps = SimulatorType::SeedMaps::Make(32, 32);
  auto       noiseless = SeedSimulator(maps, false);
  auto       noisy = SeedSimulator(maps, true);
  noiseless->Update();
  noisy->Update();
  const auto [mean, variance] = ResidualStatistics(noisy->GetCoreLossOutput(), noiseless->GetCoreLossOutput());
  std::cout << "own counts against own model: r mean " << mean << ", variance " << variance << std::endl;
  EXPECT_NEAR(mean, 0.0, 0.005);
  EXPECT_NEAR(variance, 1.0, 0.01);
  // Counts are integers; the low loss is noiseless.
  const float * counts = noisy->GetCoreLossOutput()->GetBufferPointer();
  for (size_t i = 0; i < 1024 * 2038; i += 97)
  {
    ASSERT_EQ(counts[i], std::floor(counts[i]));
  }
  EXPECT_EQ(0, std::memcmp(noisy->GetLowLossOutput()->GetBufferPointer(), noiseless->GetLowLossOutput()->GetBufferPointer(),
                           1024 * 2038 * sizeof(float)));
  const std::vector<int> drift(noisy->GetDriftMapOutput()->GetBufferPointer(),
                               noisy->GetDriftMapOutput()->GetBufferPointer() + 1024);
  std::vector<size_t> carbonOnly;
  for (size_t p = 0; p < 1024; ++p)
  {
    if (maps.Thickness->GetBufferPointer()[p] == 0.1875f)
    {
      carbonOnly.push_back(p);
    }
  }
  const double chi2 = GroupChiSquare(noisy->GetCoreLossOutput(), drift, carbonOnly, SeedPixel(0.1875, { 1, 0, 0, 0 }).CoreLoss);
  std::cout << "own counts, C-only group chi^2 / N " << chi2 << std::endl;
  EXPECT_GT(chi2, 0.85);
  EXPECT_LT(chi2, 1.15);
}

TEST(CoreLossSimulator, PerChannelMeanAndVarianceOfTheCounts)
{
  // 4096 pixels with one noiseless model (C = 1, O = 0.5, t/lambda = 0.5, no drift): per channel,
  // the sample mean and variance of the counts against the model M.
  const itk::SizeValueType side = 64, pixels = side * side;
  const auto               constant = [&](float value) {
    auto image = MapType::New();
    image->SetRegions(MapType::SizeType{ { side, side } });
    image->Allocate();
    image->FillBuffer(value);
    return image;
  };
  auto simulator = SimulatorType::New();
  simulator->SetThicknessMap(constant(0.5f));
  const float abundances[] = { 1.0f, 0.0f, 0.5f, 0.0f };
  for (unsigned int e = 0; e < 4; ++e)
  {
    simulator->SetAbundanceMap(e, constant(abundances[e]));
  }
  simulator->SetElements({ "C", "N", "O", "Fe" });
  simulator->SetEdges({ "K", "K", "K", "L" });
  simulator->Update();
  const auto    model = SeedPixel(0.5, { 1.0, 0.0, 0.5, 0.0 }).CoreLoss;
  const float * counts = simulator->GetCoreLossOutput()->GetBufferPointer();
  double        meanChi2 = 0.0, varianceRatio = 0.0;
  int           varianceOutliers = 0;
  for (size_t k = 0; k < 2048; ++k)
  {
    double sum = 0.0, sumSquares = 0.0;
    for (size_t p = 0; p < pixels; ++p)
    {
      const double c = counts[p * 2048 + k];
      sum += c;
      sumSquares += c * c;
    }
    const double mean = sum / pixels;
    const double variance = (sumSquares - pixels * mean * mean) / (pixels - 1.0);
    meanChi2 += (mean - model[k]) * (mean - model[k]) / (model[k] / pixels);
    varianceRatio += variance / model[k];
    // The sample variance has a relative standard error of about sqrt(2 / pixels) = 2.2 %.
    varianceOutliers += std::abs(variance / model[k] - 1.0) > 4.0 * std::sqrt(2.0 / pixels);
  }
  meanChi2 /= 2048.0;
  varianceRatio /= 2048.0;
  std::cout << "per channel over " << pixels << " pixels: mean chi^2 / N " << meanChi2 << ", variance / M "
            << varianceRatio << ", " << varianceOutliers << " channels beyond 4 sigma" << std::endl;
  EXPECT_NEAR(meanChi2, 1.0, 5.0 * std::sqrt(2.0 / 2048.0));
  EXPECT_NEAR(varianceRatio, 1.0, 5.0 * std::sqrt(2.0 / pixels / 2048.0));
  EXPECT_LE(varianceOutliers, 2);
}

TEST(CoreLossSimulator, ReproducibleForAnyNumberOfThreads)
{
  const auto maps = SimulatorType::SeedMaps::Make(16, 16);
  auto       one = SeedSimulator(maps, true);
  one->SetNumberOfWorkUnits(1);
  one->GetMultiThreader()->SetMaximumNumberOfThreads(1);
  one->Update();
  auto many = SeedSimulator(maps, true);
  many->SetNumberOfWorkUnits(7);
  many->Update();
  const size_t values = 256 * one->GetCoreLossOutput()->GetNumberOfComponentsPerPixel();
  EXPECT_EQ(0, std::memcmp(one->GetCoreLossOutput()->GetBufferPointer(), many->GetCoreLossOutput()->GetBufferPointer(),
                           values * sizeof(float)));
  auto other = SeedSimulator(maps, true);
  other->SetSeed(99);
  other->Update();
  EXPECT_NE(0, std::memcmp(one->GetCoreLossOutput()->GetBufferPointer(), other->GetCoreLossOutput()->GetBufferPointer(),
                           values * sizeof(float)));
}

TEST(CoreLossSimulator, DriftMapMovesTheZeroLossPeak)
{
  const auto maps = SimulatorType::SeedMaps::Make(8, 4);
  auto       drift = itk::Image<int, 2>::New();
  drift->SetRegions(itk::Image<int, 2>::SizeType{ { 8, 4 } });
  drift->Allocate();
  for (size_t p = 0; p < 32; ++p)
  {
    drift->GetBufferPointer()[p] = static_cast<int>(p % 5) - 1; // -1 ... 3
  }
  auto simulator = SeedSimulator(maps, false);
  simulator->SetDrift(itk::SimulatedDriftEnum::DriftMap);
  simulator->SetDriftMap(drift);
  simulator->Update();
  const SpectrumType * ll = simulator->GetLowLossOutput();
  // Crop [max(0, max s), N + min(0, min s)) = [3, 2047): 2044 channels, offsets moved by min(s) d.
  ASSERT_EQ(ll->GetNumberOfComponentsPerPixel(), 2044u);
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(ll->GetMetaDataDictionary(), 2044).GetOffset(), -10.5);
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(simulator->GetCoreLossOutput()->GetMetaDataDictionary(), 2044).GetOffset(), 199.5);
  for (size_t p = 0; p < 32; ++p)
  {
    const float * spectrum = ll->GetBufferPointer() + p * 2044;
    const auto    peak = std::max_element(spectrum, spectrum + 2044) - spectrum;
    // The unshifted peak is at channel 20 (0 eV); after the move by s it is at 20 + s - 3.
    EXPECT_EQ(peak, 20 + drift->GetBufferPointer()[p] - 3) << p;
    EXPECT_EQ(simulator->GetDriftMapOutput()->GetBufferPointer()[p], drift->GetBufferPointer()[p]);
  }
  // Without drift nothing is cropped.
  simulator->SetDrift(itk::SimulatedDriftEnum::None);
  simulator->Update();
  EXPECT_EQ(simulator->GetLowLossOutput()->GetNumberOfComponentsPerPixel(), 2048u);
}

TEST(CoreLossSimulator, TheSeedWorkflowScanRuns)
{
  const auto maps = SimulatorType::SeedMaps::Make(128, 128);
  auto       simulator = SeedSimulator(maps, true);
  simulator->Update();
  const SpectrumType * cl = simulator->GetCoreLossOutput();
  EXPECT_EQ(cl->GetLargestPossibleRegion().GetSize()[0], 128u);
  EXPECT_EQ(cl->GetNumberOfComponentsPerPixel(), 2038u);
  const auto microscope = itk::MicroscopeParameters::ReadFrom(cl->GetMetaDataDictionary());
  EXPECT_EQ(microscope.GetBeamEnergy(), 300.0);
  EXPECT_EQ(microscope.GetCollectionSemiAngle(), 20.0);
  // Pixel (0, 0) is C-only (t/lambda 0.1875): its counts in 5 eV below and above the C K onset
  // (284 eV) agree with the noiseless model, whose step there is far above the noise.
  const float * pixel = cl->GetBufferPointer();
  const int     drift = simulator->GetDriftMapOutput()->GetBufferPointer()[0];
  const auto    model = SeedPixel(0.1875, { 1, 0, 0, 0 }).CoreLoss;
  const auto    windowSums = [&](size_t firstOriginal) {
    double counts = 0.0, expected = 0.0;
    for (size_t c = firstOriginal; c < firstOriginal + 10; ++c)
    {
      counts += pixel[static_cast<size_t>(static_cast<long>(c) - 5 + drift)]; // raw k = c - 5 + s
      expected += model[c];
    }
    return std::make_pair(counts, expected);
  };
  const auto [below, belowModel] = windowSums(158); // 279 - 283.5 eV
  const auto [above, aboveModel] = windowSums(170); // 285 - 289.5 eV
  EXPECT_NEAR(below, belowModel, 5.0 * std::sqrt(belowModel));
  EXPECT_NEAR(above, aboveModel, 5.0 * std::sqrt(aboveModel));
  EXPECT_GT(aboveModel - belowModel, 5.0 * std::sqrt(aboveModel));
  std::ostringstream print;
  simulator->Print(print);
  EXPECT_NE(print.str().find("ReferenceConvolvedPowerLaw"), std::string::npos);
}

TEST(CoreLossSimulator, RejectsBadInput)
{
  const auto maps = SimulatorType::SeedMaps::Make(8, 8);
  const auto expectFailure = [&](const std::function<void(SimulatorType *)> & spoil) {
    auto simulator = SeedSimulator(maps, false);
    spoil(simulator);
    EXPECT_THROW(simulator->Update(), itk::ExceptionObject);
  };
  expectFailure([](SimulatorType * s) { s->SetThicknessMap(nullptr); });
  expectFailure([](SimulatorType * s) { s->SetEdges({ "K", "K", "K" }); });
  expectFailure([](SimulatorType * s) { s->SetEdges({ "K", "K", "L", "L" }); }); // no hydrogenic O L
  expectFailure([](SimulatorType * s) { s->SetAbundanceMap(3, nullptr); });
  expectFailure([&](SimulatorType * s) { s->SetAbundanceMap(4, maps.Abundances[0]); });
  expectFailure([](SimulatorType * s) { s->SetNoiseScale(0.0); });
  expectFailure([](SimulatorType * s) { s->SetZeroLossFWHM(-1.0); });
  expectFailure([](SimulatorType * s) { s->SetNumberOfPlasmons(0); });
  expectFailure([](SimulatorType * s) { s->SetCrossSections({ std::vector<double>(10, 1.0) }); });
  expectFailure([](SimulatorType * s) { s->SetDrift(itk::SimulatedDriftEnum::DriftMap); }); // no drift map
  expectFailure([](SimulatorType * s) {
    auto small = MapType::New();
    small->SetRegions(MapType::SizeType{ { 4, 4 } });
    small->Allocate(true);
    s->SetAbundanceMap(1, small);
  });
  for (const float bad : { -0.5f, std::numeric_limits<float>::quiet_NaN() })
  {
    expectFailure([&](SimulatorType * s) {
      auto thickness = MapType::New();
      thickness->Graft(maps.Thickness);
      auto copy = MapType::New();
      copy->SetRegions(maps.Thickness->GetLargestPossibleRegion());
      copy->Allocate();
      std::copy(maps.Thickness->GetBufferPointer(), maps.Thickness->GetBufferPointer() + 64, copy->GetBufferPointer());
      copy->GetBufferPointer()[5] = bad;
      s->SetThicknessMap(copy);
    });
  }
  auto negative = MapType::New();
  negative->SetRegions(maps.Thickness->GetLargestPossibleRegion());
  negative->Allocate(true);
  negative->GetBufferPointer()[3] = -1.0f;
  expectFailure([&](SimulatorType * s) { s->SetAbundanceMap(2, negative); });
  itk::MicroscopeParameters microscope;
  EXPECT_THROW(microscope.SetBeamEnergy(0.0), itk::ExceptionObject);
  EXPECT_THROW(microscope.SetCollectionSemiAngle(0.0), itk::ExceptionObject);
  EXPECT_THROW(itk::EnergyAxis(200.0, 0.0, 2048), itk::ExceptionObject);
}

TEST(PoissonSampler, MeansVariancesAndDistribution)
{
  itk::PoissonSampler::RandomStream generator(1, 2);
  for (const double lambda : { 0.05, 0.7, 3.0, 9.99, 10.0, 10.5, 30.0, 1000.0, 1e6 })
  {
    const int                     n = 200000;
    double                        sum = 0.0, sumSquares = 0.0;
    std::map<std::uint64_t, int>  histogram;
    for (int i = 0; i < n; ++i)
    {
      const auto k = itk::PoissonSampler::Draw(lambda, generator);
      sum += static_cast<double>(k);
      sumSquares += static_cast<double>(k) * static_cast<double>(k);
      ++histogram[k];
    }
    const double mean = sum / n;
    const double variance = sumSquares / n - mean * mean;
    // 5-sigma bounds: var(mean) = lambda / n, var(sample variance) ~ (2 lambda^2 + lambda) / n.
    EXPECT_NEAR(mean, lambda, 5.0 * std::sqrt(lambda / n)) << lambda;
    EXPECT_NEAR(variance, lambda, 5.0 * std::sqrt((2.0 * lambda * lambda + lambda) / n)) << lambda;
    // Pearson chi^2 over the bins with an expected count >= 20 (tails pooled): below 6 sigma.
    double chi2 = 0.0, pooledObserved = n, pooledExpected = n;
    int    bins = 0;
    for (std::uint64_t k = 0; k < static_cast<std::uint64_t>(lambda + 12.0 * std::sqrt(lambda) + 20.0); ++k)
    {
      const double expected = n * std::exp(-lambda + k * std::log(lambda) - std::lgamma(k + 1.0));
      if (expected >= 20.0)
      {
        const double observed = histogram.count(k) ? histogram[k] : 0;
        chi2 += (observed - expected) * (observed - expected) / expected;
        pooledObserved -= observed;
        pooledExpected -= expected;
        ++bins;
      }
    }
    if (pooledExpected >= 20.0)
    {
      chi2 += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
      ++bins;
    }
    const double dof = bins - 1;
    if (dof > 0)
    {
      EXPECT_LT(chi2, dof + 6.0 * std::sqrt(2.0 * dof)) << lambda << " (" << bins << " bins)";
    }
  }
  EXPECT_EQ(itk::PoissonSampler::Draw(0.0, generator), 0u);
  EXPECT_EQ(itk::PoissonSampler::Draw(-1.0, generator), 0u);
  // Different streams of one seed differ.
  itk::PoissonSampler::RandomStream a(1, 2), b(1, 3);
  EXPECT_NE(a(), b());
}
