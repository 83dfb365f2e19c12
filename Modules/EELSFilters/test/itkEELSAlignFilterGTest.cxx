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
#include "itkEELSAlignFilter.h"
#include "itkLowLossModels.h"

#include "itkEMTestData.h"
#include "itkImageFileReader.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <random>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
using FilterType = itk::EELSAlignFilter<SpectrumType>;
const std::string Reference = "reference/pyeelsmodel-sim32/";

SpectrumType::Pointer
ReadReference(const std::string & file)
{
  return itk::ReadImage<SpectrumType>(itk::EMTest::SharedDataPath(Reference + file));
}

SpectrumType::Pointer
MakeSpectra(itk::SizeValueType width, itk::SizeValueType height, const itk::EnergyAxis & axis)
{
  auto image = SpectrumType::New();
  image->SetRegions(SpectrumType::SizeType{ { width, height } });
  image->SetNumberOfComponentsPerPixel(static_cast<unsigned int>(axis.GetSize()));
  image->Allocate(true);
  axis.WriteTo(image->GetMetaDataDictionary());
  return image;
}

// A HyperSpy (.hspy) line scan through ImageFileReader and the project's HSPYImageIO.
SpectrumType::Pointer
ReadLineScan(const std::string & path)
{
  itk::AnalyticalEMImageIOFactory::RegisterOneFactory();
  return itk::ReadImage<SpectrumType>(path);
}

// Low losses of the simulator's shape (Gaussian zero loss, FWHM 1 eV, plus Drude plasmons) moved
// by known fractional amounts, with Poisson counts; returns the true zero-loss channels.
std::vector<double>
FractionalDrifts(SpectrumType * image, double peakCounts, unsigned int seed)
{
  const itk::EnergyAxis axis = itk::EnergyAxis::ReadFrom(image->GetMetaDataDictionary(), image->GetNumberOfComponentsPerPixel());
  const auto            pixels = image->GetLargestPossibleRegion().GetNumberOfPixels();
  const auto            n = axis.GetSize();
  std::mt19937          generator(seed);
  std::uniform_real_distribution<double> shift(-3.0, 3.0), thickness(0.2, 1.0);
  double                                 zeroLossSum = 0.0;
  for (itk::SizeValueType k = 0; k < n; ++k)
  {
    zeroLossSum += itk::LowLossPeaks::Gaussian(axis.GetEnergy(k), 1.0, 0.0, 1.0);
  }
  std::vector<double> truth(pixels);
  for (itk::SizeValueType p = 0; p < pixels; ++p)
  {
    const double                   delta = shift(generator);
    const itk::EnergyAxis          moved(axis.GetOffset() - delta * axis.GetDispersion(), axis.GetDispersion(), n);
    const itk::DrudePlasmonSeries  plasmons(moved, itk::DrudePlasmonSeries::Parameters{});
    const auto                     plasmon = plasmons.Compute(thickness(generator), zeroLossSum);
    float *                        out = image->GetBufferPointer() + p * n;
    for (itk::SizeValueType k = 0; k < n; ++k)
    {
      const double mean = peakCounts * (itk::LowLossPeaks::Gaussian(moved.GetEnergy(k), 1.0, 0.0, 1.0) + plasmon[k]);
      out[k] = static_cast<float>(std::poisson_distribution<long>(mean)(generator));
    }
    truth[p] = axis.GetChannel(0.0) + delta;
  }
  return truth;
}
} // namespace

TEST(EELSAlignFilter, ArgmaxReproducesTheReferenceAlignment)
{
  EM_REQUIRE_SHARED_DATA(Reference + "lowloss_raw.mha");
  const auto lowLoss = ReadReference("lowloss_raw.mha");
  const auto coreLoss = ReadReference("coreloss_raw.mha");
  std::vector<float> before(coreLoss->GetBufferPointer(), coreLoss->GetBufferPointer() + 1024 * 2038);
  for (const auto shift : { itk::SpectrumShiftEnum::Roll, itk::SpectrumShiftEnum::Linear })
  {
    auto filter = FilterType::New();
    filter->SetInput(lowLoss);
    filter->SetCompanion(0, coreLoss);
    filter->SetShift(shift);
    filter->Update();
    const auto truth = itk::ReadImage<itk::Image<int, 2>>(itk::EMTest::SharedDataPath(Reference + "truth_shift_channels.mha"));
    for (size_t p = 0; p < 1024; ++p)
    {
      ASSERT_EQ(filter->GetZeroLossChannels()[p], 15.0 + truth->GetBufferPointer()[p]) << p;
      ASSERT_EQ(filter->GetShiftMap()->GetBufferPointer()[p], -5.0 + 0.5 * truth->GetBufferPointer()[p]) << p;
    }
    for (const auto & [output, file] : { std::make_pair(filter->GetOutput(0), "lowloss_aligned.mha"),
                                         std::make_pair(filter->GetOutput(1), "coreloss_aligned.mha") })
    {
      const auto expected = ReadReference(file);
      ASSERT_EQ(output->GetNumberOfComponentsPerPixel(), 2028u);
      EXPECT_EQ(itk::EnergyAxis::ReadFrom(output->GetMetaDataDictionary(), 2028),
                itk::EnergyAxis::ReadFrom(expected->GetMetaDataDictionary(), 2028))
        << file;
      EXPECT_EQ(0, std::memcmp(output->GetBufferPointer(), expected->GetBufferPointer(), 1024 * 2028 * sizeof(float)))
        << file << " (" << shift << ")";
    }
    EXPECT_EQ(filter->GetNumberOfInvalidPixels(), 0u);
  }
  // The inputs are untouched.
  EXPECT_EQ(0, std::memcmp(before.data(), coreLoss->GetBufferPointer(), before.size() * sizeof(float)));
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(coreLoss->GetMetaDataDictionary(), 2038).GetOffset(), 197.5);
}

TEST(EELSAlignFilter, ModelFitOnTheReferenceLowLoss)
{
  EM_REQUIRE_SHARED_DATA(Reference + "pyeelsmodel_zlfit_shift_eV.mha");
  const auto lowLoss = ReadReference("lowloss_raw.mha");
  const auto truth = itk::ReadImage<itk::Image<int, 2>>(itk::EMTest::SharedDataPath(Reference + "truth_shift_channels.mha"));
  const auto theirs = itk::ReadImage<itk::Image<float, 2>>(itk::EMTest::SharedDataPath(Reference + "pyeelsmodel_zlfit_shift_eV.mha"));
  auto       filter = FilterType::New();
  filter->SetInput(lowLoss);
  filter->SetMethod(itk::ZeroLossMethodEnum::ModelFit);
  filter->Update();
  // True zero loss on the raw axis: -5 + 0.5 s eV; pyEELSMODEL's values are on its axis moved by +5 eV.
  double ours = 0.0, theirsWorst = 0.0;
  for (size_t p = 0; p < 1024; ++p)
  {
    const double expected = -5.0 + 0.5 * truth->GetBufferPointer()[p];
    ours = std::max(ours, std::abs(filter->GetShiftMap()->GetBufferPointer()[p] - expected));
    theirsWorst = std::max(theirsWorst, std::abs(theirs->GetBufferPointer()[p] - (expected + 5.0)));
  }
  std::cout << "model fit on lowloss_raw.mha: largest |centre - truth| " << ours
            << " eV (zero-loss window); pyEELSMODEL's whole-spectrum fit " << theirsWorst << " eV" << std::endl;
  EXPECT_LT(ours, 2e-4);
}

TEST(EELSAlignFilter, SubChannelMethodsRecoverFractionalDrifts)
{
  auto       image = MakeSpectra(32, 32, itk::EnergyAxis(-10.0, 0.5, 1024));
  const auto truth = FractionalDrifts(image, 2e4, 11);
  for (const auto method : { itk::ZeroLossMethodEnum::ParabolicArgmax, itk::ZeroLossMethodEnum::ModelFit,
                             itk::ZeroLossMethodEnum::CrossCorrelation })
  {
    auto filter = FilterType::New();
    filter->SetInput(image);
    filter->SetMethod(method);
    filter->Update();
    double sum = 0.0, sumSquares = 0.0;
    for (size_t p = 0; p < truth.size(); ++p)
    {
      const double error = filter->GetZeroLossChannels()[p] - truth[p];
      sum += error;
      sumSquares += error * error;
    }
    const double bias = sum / truth.size(), rms = std::sqrt(sumSquares / truth.size());
    std::cout << method << ": bias " << bias << " channel, RMS error " << rms << " channel" << std::endl;
    if (method != itk::ZeroLossMethodEnum::ParabolicArgmax)
    {
      EXPECT_LT(rms, 0.02) << method;
    }
    // After a sub-channel shift every zero loss sits at 0 eV: its refined centre within 0.05 channel.
    const SpectrumType * aligned = filter->GetOutput();
    const auto           axis = itk::EnergyAxis::ReadFrom(aligned->GetMetaDataDictionary(), aligned->GetNumberOfComponentsPerPixel());
    const auto           zero = static_cast<size_t>(std::lround(axis.GetChannel(0.0)));
    EXPECT_NEAR(axis.GetEnergy(static_cast<double>(zero)), 0.0, 1e-12);
  }
}

TEST(EELSAlignFilter, RealLineScanDrift)
{
  const std::string lowLossFile = "data/eels/LSMO_linescan/LSMO_linescan_low_loss.hspy";
  EM_REQUIRE_SHARED_DATA(lowLossFile);
  const auto lowLoss = ReadLineScan(itk::EMTest::SharedDataPath(lowLossFile));
  const auto coreLoss = ReadLineScan(itk::EMTest::SharedDataPath("data/eels/LSMO_linescan/LSMO_linescan.hspy"));
  ASSERT_EQ(lowLoss->GetLargestPossibleRegion().GetSize()[0], 40u);
  std::map<itk::ZeroLossMethodEnum, std::vector<double>> centres;
  for (const auto method : { itk::ZeroLossMethodEnum::Argmax, itk::ZeroLossMethodEnum::ParabolicArgmax,
                             itk::ZeroLossMethodEnum::ModelFit, itk::ZeroLossMethodEnum::CrossCorrelation })
  {
    auto filter = FilterType::New();
    filter->SetInput(lowLoss);
    filter->SetCompanion(0, coreLoss);
    filter->SetMethod(method);
    filter->Update();
    const double * shift = filter->GetShiftMap()->GetBufferPointer();
    centres[method].assign(shift, shift + 40);
    std::cout << method << ":";
    for (size_t p = 0; p < 40; p += 3)
    {
      std::cout << " " << shift[p];
    }
    std::cout << " eV" << std::endl;
    // Aligned: every zero loss at 0 eV (the maximum exactly there for Argmax).
    const SpectrumType * aligned = filter->GetOutput();
    const auto           n = aligned->GetNumberOfComponentsPerPixel();
    const auto           axis = itk::EnergyAxis::ReadFrom(aligned->GetMetaDataDictionary(), n);
    for (size_t p = 0; p < 40; ++p)
    {
      const float * s = aligned->GetBufferPointer() + p * n;
      const auto    peak = static_cast<size_t>(std::max_element(s, s + n) - s);
      if (method == itk::ZeroLossMethodEnum::Argmax)
      {
        EXPECT_EQ(axis.GetEnergy(static_cast<double>(peak)), 0.0) << p;
      }
      else
      {
        const double centre = axis.GetEnergy(peak + itk::ZeroLossPeakLocator::RefinePeak(s[peak - 1], s[peak], s[peak + 1]));
        EXPECT_LT(std::abs(centre), 0.05) << method << " pixel " << p;
      }
    }
    // The zero-loss positions of all pixels lie within one channel: one core-loss channel is lost.
    EXPECT_EQ(filter->GetOutput(1)->GetNumberOfComponentsPerPixel(), 585u);
  }
  // The sub-channel methods agree within 0.1 eV and the drift is smooth (0.5 eV channels).
  for (size_t p = 0; p < 40; ++p)
  {
    const double a = centres[itk::ZeroLossMethodEnum::ParabolicArgmax][p];
    const double b = centres[itk::ZeroLossMethodEnum::ModelFit][p];
    const double c = centres[itk::ZeroLossMethodEnum::CrossCorrelation][p];
    EXPECT_LT(std::max({ a, b, c }) - std::min({ a, b, c }), 0.1) << p;
    if (p > 0)
    {
      EXPECT_LT(std::abs(b - centres[itk::ZeroLossMethodEnum::ModelFit][p - 1]), 0.1) << p;
    }
  }
}

TEST(EELSAlignFilter, ShiftMethodsAndPadding)
{
  // A smooth peak (Gaussian, sigma 3 channels) moved by fractional amounts: every interpolating
  // method samples it at the shifted positions; Fourier is the most accurate on such a peak.
  const itk::EnergyAxis axis(-20.0, 0.5, 128);
  auto                  image = MakeSpectra(3, 1, axis);
  const double          deltas[3] = { 0.0, 0.37, -1.62 };
  const auto            peak = [](double x) { return 1000.0 * std::exp(-0.5 * (x - 40.0) * (x - 40.0) / 9.0) + 1.0; };
  for (int p = 0; p < 3; ++p)
  {
    for (int k = 0; k < 128; ++k)
    {
      image->GetBufferPointer()[p * 128 + k] = static_cast<float>(peak(k - deltas[p]));
    }
  }
  std::map<itk::SpectrumShiftEnum, double> worst;
  for (const auto shift : { itk::SpectrumShiftEnum::Linear, itk::SpectrumShiftEnum::Cubic, itk::SpectrumShiftEnum::Fourier })
  {
    auto filter = FilterType::New();
    filter->SetInput(image);
    filter->SetMethod(itk::ZeroLossMethodEnum::ModelFit);
    filter->SetShift(shift);
    filter->Update();
    const SpectrumType * out = filter->GetOutput();
    const auto           n = out->GetNumberOfComponentsPerPixel();
    const auto           zero = itk::EnergyAxis::ReadFrom(out->GetMetaDataDictionary(), n).GetChannel(0.0);
    worst[shift] = 0.0;
    for (int p = 0; p < 3; ++p)
    {
      for (unsigned int k = 0; k < n; ++k)
      {
        const double expected = peak(40.0 + (k - zero)); // the peak centred on 0 eV
        worst[shift] = std::max(worst[shift], std::abs(out->GetBufferPointer()[p * n + k] - expected));
      }
    }
    std::cout << shift << ": largest difference to the exactly shifted peak " << worst[shift] << " (peak 1000)" << std::endl;
  }
  EXPECT_LT(worst[itk::SpectrumShiftEnum::Linear], 15.0);
  EXPECT_LT(worst[itk::SpectrumShiftEnum::Cubic], 1.5);
  EXPECT_LT(worst[itk::SpectrumShiftEnum::Fourier], 0.05);

  // Padding keeps the length; samples a pixel does not have are 0 or NaN.
  for (const auto range : { itk::AlignedRangeEnum::PadZero, itk::AlignedRangeEnum::PadNaN })
  {
    auto filter = FilterType::New();
    filter->SetInput(image);
    filter->SetRange(range);
    filter->Update();
    const SpectrumType * out = filter->GetOutput();
    ASSERT_EQ(out->GetNumberOfComponentsPerPixel(), 128u);
    const float first = out->GetBufferPointer()[2 * 128]; // pixel 2 starts 2 channels before its data
    EXPECT_TRUE(range == itk::AlignedRangeEnum::PadZero ? first == 0.0f : std::isnan(first));
    EXPECT_EQ(out->GetBufferPointer()[2 * 128 + 2], image->GetBufferPointer()[2 * 128]);
  }
}

// A sharp peak on zeros rings below zero under Cubic and Fourier shifts. Counts stay >= 0 (a
// negative value of -1.2e-4 once made the default fitter refuse the README's example); spectra
// that already had negative values (dark-subtracted) keep what the interpolation gives.
TEST(EELSAlignFilter, ShiftedCountsStayNonNegative)
{
  const itk::EnergyAxis axis(-20.0, 0.5, 128);
  for (const double floor : { 0.0, -5.0 })
  {
    auto         image = MakeSpectra(2, 1, axis);
    const double deltas[2] = { 0.0, 0.37 };
    for (int p = 0; p < 2; ++p)
    {
      for (int k = 0; k < 128; ++k)
      {
        const double x = k - deltas[p] - 40.0;
        image->GetBufferPointer()[p * 128 + k] = static_cast<float>(8.3e6 * std::exp(-0.5 * x * x / 0.49) + floor);
      }
    }
    for (const auto shift : { itk::SpectrumShiftEnum::Cubic, itk::SpectrumShiftEnum::Fourier })
    {
      auto filter = FilterType::New();
      filter->SetInput(image);
      filter->SetMethod(itk::ZeroLossMethodEnum::ParabolicArgmax);
      filter->SetShift(shift);
      filter->Update();
      const SpectrumType * out = filter->GetOutput();
      const auto           n = out->GetNumberOfComponentsPerPixel();
      const float          lowest = *std::min_element(out->GetBufferPointer() + n, out->GetBufferPointer() + 2 * n);
      if (floor == 0.0)
      {
        EXPECT_GE(lowest, 0.0f) << shift;
      }
      else
      {
        EXPECT_LT(lowest, floor) << shift << ": dark-subtracted data are not clamped";
      }
    }
  }
}

TEST(EELSAlignFilter, InvalidPixelsAreReportedNotShifted)
{
  const itk::EnergyAxis axis(-5.0, 0.5, 64);
  auto                  image = MakeSpectra(6, 1, axis);
  float *               s = image->GetBufferPointer();
  for (int k = 0; k < 64; ++k)
  {
    const float g = static_cast<float>(100.0 * std::exp(-0.5 * (k - 10) * (k - 10) / 2.0));
    s[0 * 64 + k] = g;                                     // good
    s[1 * 64 + k] = 0.0f;                                  // all zero
    s[2 * 64 + k] = k == 30 ? std::nanf("") : g;          // NaN
    s[3 * 64 + k] = std::min(g, 50.0f);                    // clipped flat top
    s[4 * 64 + k] = g;                                     // saturated (level below)
    s[5 * 64 + k] = static_cast<float>(100.0 * std::exp(-0.5 * (k - 11) * (k - 11) / 2.0)); // good, moved
  }
  s[4 * 64 + 10] = 5000.0f;
  auto filter = FilterType::New();
  filter->SetInput(image);
  filter->SetSaturationLevel(4000.0);
  filter->Update();
  EXPECT_EQ(filter->GetNumberOfInvalidPixels(), 4u);
  const unsigned char expectedMask[6] = { 0, 1, 1, 1, 1, 0 };
  const auto          n = filter->GetOutput()->GetNumberOfComponentsPerPixel();
  EXPECT_EQ(n, 63u);
  for (int p = 0; p < 6; ++p)
  {
    EXPECT_EQ(filter->GetInvalidMask()->GetBufferPointer()[p], expectedMask[p]) << p;
    EXPECT_EQ(std::isnan(filter->GetShiftMap()->GetBufferPointer()[p]), expectedMask[p] == 1) << p;
    EXPECT_EQ(std::isnan(filter->GetOutput()->GetBufferPointer()[p * n]), expectedMask[p] == 1) << p;
  }
}

TEST(EELSAlignFilter, RejectsBadInput)
{
  const itk::EnergyAxis axis(-5.0, 0.5, 64);
  auto                  image = MakeSpectra(4, 1, axis);
  for (int p = 0; p < 4; ++p)
  {
    for (int k = 0; k < 64; ++k)
    {
      image->GetBufferPointer()[p * 64 + k] = static_cast<float>(std::exp(-0.5 * (k - 10 - p) * (k - 10 - p)));
    }
  }
  const auto expectFailure = [&](const std::function<void(FilterType *)> & spoil) {
    auto filter = FilterType::New();
    filter->SetInput(image);
    spoil(filter);
    EXPECT_THROW(filter->Update(), itk::ExceptionObject);
  };
  expectFailure([](FilterType * f) { f->SetCompanion(0, MakeSpectra(5, 1, itk::EnergyAxis(200.0, 0.5, 64))); });
  expectFailure([](FilterType * f) { f->SetCompanion(0, MakeSpectra(4, 1, itk::EnergyAxis(200.0, 0.25, 64))); });
  expectFailure([](FilterType * f) {
    auto moved = MakeSpectra(4, 1, itk::EnergyAxis(200.0, 0.5, 64));
    SpectrumType::SpacingType spacing;
    spacing.Fill(2.0);
    moved->SetSpacing(spacing);
    f->SetCompanion(0, moved);
  });
  expectFailure([](FilterType * f) { f->SetCompanion(0, MakeSpectra(4, 1, itk::EnergyAxis(200.0, 0.5, 2))); }); // empty after cropping
  expectFailure([](FilterType * f) { f->SetMethod(static_cast<itk::ZeroLossMethodEnum>(7)); });
  expectFailure([](FilterType * f) { f->SetShift(static_cast<itk::SpectrumShiftEnum>(9)); });
  expectFailure([](FilterType * f) { f->SetReferencePixel(4); });
  expectFailure([](FilterType * f) { f->SetZeroLossWindow(-1.0); });
  auto unlabelled = SpectrumType::New();
  unlabelled->SetRegions(SpectrumType::SizeType{ { 4, 1 } });
  unlabelled->SetNumberOfComponentsPerPixel(64);
  unlabelled->Allocate(true);
  auto filter = FilterType::New();
  filter->SetInput(unlabelled);
  EXPECT_THROW(filter->Update(), itk::ExceptionObject); // no energy axis
  auto dark = MakeSpectra(4, 1, axis);
  filter->SetInput(dark);
  EXPECT_THROW(filter->Update(), itk::ExceptionObject); // no pixel with a zero-loss peak
}

TEST(EELSAlignFilter, IntegerCountsAlignLikeFloats)
{
  // Detector counts as uint16 (as DM files store them): same positions and samples as float.
  using CountsType = itk::VectorImage<unsigned short, 2>;
  const itk::EnergyAxis axis(-10.0, 0.5, 256);
  auto                  floats = MakeSpectra(16, 4, axis);
  FractionalDrifts(floats, 2e4, 5);
  auto counts = CountsType::New();
  counts->SetRegions(floats->GetLargestPossibleRegion());
  counts->SetNumberOfComponentsPerPixel(256);
  counts->Allocate();
  std::copy(floats->GetBufferPointer(), floats->GetBufferPointer() + 64 * 256, counts->GetBufferPointer());
  counts->SetMetaDataDictionary(floats->GetMetaDataDictionary());
  counts->GetBufferPointer()[3 * 256 + 40] = 65535; // saturated pixel 3
  floats->GetBufferPointer()[3 * 256 + 40] = 65535.0f;
  for (const auto method : { itk::ZeroLossMethodEnum::Argmax, itk::ZeroLossMethodEnum::CrossCorrelation })
  {
    auto fromFloats = FilterType::New();
    fromFloats->SetInput(floats);
    fromFloats->SetMethod(method);
    fromFloats->SetSaturationLevel(65535.0);
    fromFloats->Update();
    auto fromCounts = itk::EELSAlignFilter<CountsType>::New();
    fromCounts->SetInput(counts);
    fromCounts->SetMethod(method);
    fromCounts->SetSaturationLevel(65535.0);
    fromCounts->Update();
    EXPECT_EQ(fromCounts->GetNumberOfInvalidPixels(), 1u);
    EXPECT_EQ(fromCounts->GetInvalidMask()->GetBufferPointer()[3], 1);
    const auto & a = fromFloats->GetZeroLossChannels();
    const auto & b = fromCounts->GetZeroLossChannels();
    for (size_t p = 0; p < 64; ++p)
    {
      EXPECT_TRUE(p == 3 ? std::isnan(a[p]) && std::isnan(b[p]) : a[p] == b[p]) << method << " pixel " << p;
    }
    const auto n = fromCounts->GetOutput()->GetNumberOfComponentsPerPixel();
    ASSERT_EQ(n, fromFloats->GetOutput()->GetNumberOfComponentsPerPixel());
    for (size_t i = 0; i < 64 * n; ++i)
    {
      const float expected = fromFloats->GetOutput()->GetBufferPointer()[i];
      const auto  actual = fromCounts->GetOutput()->GetBufferPointer()[i];
      if (std::isnan(expected))
      {
        ASSERT_EQ(actual, 0) << method << " " << i; // invalid pixel
        continue;
      }
      // Both interpolate in double; one rounds to the nearest count, the other stores a float.
      ASSERT_LE(std::abs(actual - expected), 0.5 + 1e-6 * expected) << method << " " << i;
    }
  }
}

TEST(EELSAlignFilter, PyEELSModelSyntheticCases)
{
  // pyEELSMODEL's own aligner cases: 12 x 100 maps of Gaussian or Lorentzian zero losses
  // (amplitude 100, FWHM 3 eV) on 1024 channels of 0.5 eV from -200 eV, centres spread over
  // +-30 eV, with satellite peaks at +50 and +100 eV. pyEELSMODEL asks |E_max| < 2 eV of its
  // model fit and 1 eV of its cross correlation; these are noiseless, so the sub-channel methods
  // are held to 0.005 eV.
  const itk::EnergyAxis axis(-200.0, 0.5, 1024);
  std::mt19937          generator(3);
  std::uniform_real_distribution<double> spread(-30.0, 30.0);
  for (const auto shape : { itk::ZeroLossShapeEnum::Gaussian, itk::ZeroLossShapeEnum::Lorentzian })
  {
    auto                image = MakeSpectra(12, 100, axis);
    std::vector<double> centres(1200);
    for (size_t p = 0; p < 1200; ++p)
    {
      centres[p] = spread(generator);
      float * s = image->GetBufferPointer() + p * 1024;
      for (itk::SizeValueType k = 0; k < 1024; ++k)
      {
        const auto peak = [&](double amplitude, double centre) {
          return shape == itk::ZeroLossShapeEnum::Gaussian
                   ? itk::LowLossPeaks::Gaussian(axis.GetEnergy(k), amplitude, centre, 3.0)
                   : itk::LowLossPeaks::Lorentzian(axis.GetEnergy(k), amplitude, centre, 3.0);
        };
        s[k] = static_cast<float>(peak(100.0, centres[p]) + peak(30.0, centres[p] + 50.0) + peak(10.0, centres[p] + 100.0));
      }
    }
    const auto [lowest, highest] = std::minmax_element(centres.begin(), centres.end());
    for (const auto method : { itk::ZeroLossMethodEnum::Argmax, itk::ZeroLossMethodEnum::ModelFit,
                               itk::ZeroLossMethodEnum::CrossCorrelation })
    {
      auto filter = FilterType::New();
      filter->SetInput(image);
      filter->SetMethod(method);
      filter->SetShape(shape);
      filter->SetReferencePixel(method == itk::ZeroLossMethodEnum::CrossCorrelation ? 0 : -1);
      filter->Update();
      const SpectrumType * aligned = filter->GetOutput();
      const auto           n = aligned->GetNumberOfComponentsPerPixel();
      const auto           alignedAxis = itk::EnergyAxis::ReadFrom(aligned->GetMetaDataDictionary(), n);
      const auto &         x = filter->GetZeroLossChannels();
      double               largest = 0.0;
      for (size_t p = 0; p < 1200; ++p)
      {
        const double truth = axis.GetChannel(centres[p]);
        largest = std::max(largest, std::abs((x[p] - x[0]) * 0.5 - (centres[p] - centres[0])));
        const float * s = aligned->GetBufferPointer() + p * n;
        const auto    top = static_cast<itk::SizeValueType>(std::max_element(s, s + n) - s);
        if (method == itk::ZeroLossMethodEnum::Argmax)
        {
          ASSERT_EQ(alignedAxis.GetEnergy(static_cast<double>(top)), 0.0) << shape << " pixel " << p;
          ASSERT_EQ(x[p], std::round(truth)) << shape << " pixel " << p;
          // The satellites move with the zero loss.
          const auto at50 = static_cast<itk::SizeValueType>(std::lround(alignedAxis.GetChannel(50.0)));
          ASSERT_GT(s[at50], s[at50 - 2]);
          ASSERT_GT(s[at50], s[at50 + 2]);
        }
        else
        {
          ASSERT_NEAR((x[p] - x[0]) * 0.5, centres[p] - centres[0], 0.005) << shape << " " << method << " pixel " << p;
          if (method == itk::ZeroLossMethodEnum::ModelFit)
          {
            ASSERT_NEAR(axis.GetEnergy(x[p]), centres[p], 0.005) << shape << " pixel " << p;
          }
        }
      }
      std::cout << shape << ", " << method << ": largest error of the shift relative to pixel 0 " << largest << " eV"
                << std::endl;
      if (method == itk::ZeroLossMethodEnum::Argmax)
      {
        // Cropped to the channels every pixel has: N - (max c - min c).
        EXPECT_EQ(n, 1024 - static_cast<unsigned int>(std::round(axis.GetChannel(*highest)) -
                                                       std::round(axis.GetChannel(*lowest))));
      }
    }
  }
}
