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
#include "itkTVDenoiseImageFilter.h"
#include "itkCommand.h"
#include "itkImageRegionIterator.h"
#include "itkMetaDataObject.h"
#include "itkVectorImage.h"

#include "gtest/gtest.h"

#include <cmath>
#include <numeric>
#include <random>

namespace
{
using Image2F = itk::Image<float, 2>;
using Image2D = itk::Image<double, 2>;
using Image3F = itk::Image<float, 3>;
using Vector2F = itk::VectorImage<float, 2>;
using Filter2F = itk::TVDenoiseImageFilter<Image2F>;
using Enums = itk::TVDenoiseEnums;

template <typename TImage>
typename TImage::Pointer
MakeImage(const typename TImage::SizeType & size, const std::function<double(const typename TImage::IndexType &)> & value)
{
  auto image = TImage::New();
  image->SetRegions(size);
  image->Allocate();
  for (itk::ImageRegionIterator<TImage> it(image, image->GetBufferedRegion()); !it.IsAtEnd(); ++it)
  {
    it.Set(static_cast<typename TImage::PixelType>(value(it.GetIndex())));
  }
  return image;
}

template <typename TImage>
double
MaxAbsDifference(const TImage * a, const TImage * b)
{
  const size_t n = a->GetBufferedRegion().GetNumberOfPixels() * a->GetNumberOfComponentsPerPixel();
  double       worst = 0.0;
  for (size_t i = 0; i < n; ++i)
  {
    worst = std::max(worst, std::abs(static_cast<double>(a->GetBufferPointer()[i]) - b->GetBufferPointer()[i]));
  }
  return worst;
}

template <typename TImage>
typename TImage::Pointer
Denoise(const TImage * input, const std::function<void(itk::TVDenoiseImageFilter<TImage> *)> & configure = {})
{
  auto filter = itk::TVDenoiseImageFilter<TImage>::New();
  filter->SetInput(input);
  if (configure)
  {
    configure(filter);
  }
  filter->Update();
  return filter->GetOutput();
}
} // namespace

TEST(TVDenoiseImageFilter, BasicObjectMethodsAndParameters)
{
  auto filter = Filter2F::New();
  EXPECT_STREQ(filter->GetNameOfClass(), "TVDenoiseImageFilter");
  using SuperclassType = itk::ImageToImageFilter<Image2F, Image2F>;
  EXPECT_NE(dynamic_cast<SuperclassType *>(filter.GetPointer()), nullptr);
  EXPECT_EQ(filter->GetLambda(), 0.1);
  EXPECT_EQ(filter->GetNorm(), Enums::Norm::Isotropic);
  EXPECT_EQ(filter->GetAlgorithm(), Enums::Algorithm::FGP);
  EXPECT_EQ(filter->GetStoppingCriterion(), Enums::StoppingCriterion::DualityGap);
  EXPECT_EQ(filter->GetMaximumNumberOfIterations(), 200u);
  EXPECT_EQ(filter->GetCheckInterval(), 10u);
  EXPECT_FALSE(filter->GetNonNegative());
  filter->NonNegativeOn();
  EXPECT_EQ(filter->GetLowerBound(), 0.0);
  filter->NonNegativeOff();
  EXPECT_TRUE(std::isinf(filter->GetLowerBound()));
  filter->SetRegularizationWeight(0.25);
  EXPECT_EQ(filter->GetLambda(), 0.25);
  EXPECT_EQ(filter->GetRegularizationWeight(), 0.25);
  filter->SetLambda(0.1);
  std::ostringstream printed;
  filter->Print(printed);
  for (const char * member : { "Lambda: 0.1", "Norm: Isotropic", "Algorithm: FGP", "StoppingCriterion: DualityGap",
                               "MaximumNumberOfIterations: 200", "UseImageSpacing: Off", "AxisWeights: [1, 1]" })
  {
    EXPECT_NE(printed.str().find(member), std::string::npos) << member;
  }
}

// A unit step along x (at x = 64 of 128) with Gaussian noise of sigma 0.1.
TEST(TVDenoiseImageFilter, NoisyStepEdgeKeepsItsEdgeWhileFlatPartsSmooth)
{
  std::mt19937                     generator(42);
  std::normal_distribution<double> noise(0.0, 0.1);
  const auto input = MakeImage<Image2F>({ { 128, 64 } }, [&](const Image2F::IndexType & i) {
    return (i[0] >= 64 ? 1.0 : 0.0) + noise(generator);
  });
  auto filter = Filter2F::New();
  filter->SetInput(input);
  filter->SetLambda(0.15);
  filter->SetMaximumNumberOfIterations(2000);
  filter->Update();
  const Image2F * output = filter->GetOutput();
  EXPECT_LT(filter->GetNumberOfIterations(), 2000u);
  EXPECT_LE(filter->GetDualityGap(), 1e-5 * filter->GetEnergy());

  // Column means: the largest jump stays between x = 63 and 64.
  std::vector<double> profile(128, 0.0);
  for (itk::IndexValueType x = 0; x < 128; ++x)
  {
    for (itk::IndexValueType y = 0; y < 64; ++y)
    {
      profile[x] += output->GetPixel({ { x, y } }) / 64.0;
    }
  }
  size_t edge = 0;
  for (size_t x = 1; x < 128; ++x)
  {
    if (std::abs(profile[x] - profile[x - 1]) > std::abs(profile[edge + 1] - profile[edge]))
    {
      edge = x - 1;
    }
  }
  EXPECT_EQ(edge, 63u);
  // The plateaus keep their contrast (within 3 %) and 90 % of it is in that one-pixel jump.
  const double left = std::accumulate(profile.begin() + 8, profile.begin() + 56, 0.0) / 48.0;
  const double right = std::accumulate(profile.begin() + 72, profile.begin() + 120, 0.0) / 48.0;
  EXPECT_NEAR(right - left, 1.0, 0.03);
  EXPECT_GT(profile[64] - profile[63], 0.9 * (right - left));

  // Variance inside the flat parts (away from the edge) drops by more than 10x (input: 0.01).
  const auto flatVariance = [](const Image2F * image) {
    double sum = 0.0;
    double sumSquares = 0.0;
    size_t n = 0;
    for (itk::IndexValueType x = 8; x < 56; ++x)
    {
      for (itk::IndexValueType y = 8; y < 56; ++y)
      {
        const double v = image->GetPixel({ { x, y } });
        sum += v;
        sumSquares += v * v;
        ++n;
      }
    }
    return sumSquares / n - (sum / n) * (sum / n);
  };
  EXPECT_GT(flatVariance(input), 0.008);
  EXPECT_LT(flatVariance(output), 0.1 * flatVariance(input));
}

TEST(TVDenoiseImageFilter, ConvergedEnergyMatchesALongRun)
{
  std::mt19937                           generator(3);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const auto input = MakeImage<Image2D>({ { 60, 50 } }, [&](const Image2D::IndexType &) { return uniform(generator); });
  auto       converged = itk::TVDenoiseImageFilter<Image2D>::New();
  converged->SetInput(input);
  converged->SetLambda(0.2);
  converged->SetMaximumNumberOfIterations(2000);
  converged->Update();
  auto reference = itk::TVDenoiseImageFilter<Image2D>::New();
  reference->SetInput(input);
  reference->SetLambda(0.2);
  reference->SetMaximumNumberOfIterations(5000);
  reference->SetTolerance(1e-14);
  reference->Update();
  EXPECT_LT(converged->GetNumberOfIterations(), 2000u);
  EXPECT_NEAR(converged->GetEnergy() / reference->GetEnergy(), 1.0, 1e-4);
  EXPECT_GE(converged->GetEnergy(), reference->GetEnergy() * (1.0 - 1e-12));
  // The history holds P at every check and ends at the reported energy.
  const auto & history = converged->GetEnergyHistory();
  ASSERT_EQ(history.size(), converged->GetNumberOfIterations() / 10);
  EXPECT_EQ(history.back(), converged->GetEnergy());
  EXPECT_EQ(converged->GetDualityGapHistory().back(), converged->GetDualityGap());
}

TEST(TVDenoiseImageFilter, AnisotropicDiffersFromIsotropicOnADiagonalEdge)
{
  const auto input =
    MakeImage<Image2F>({ { 40, 40 } }, [](const Image2F::IndexType & i) { return i[0] + i[1] > 40 ? 1.0 : 0.0; });
  const auto isotropic = Denoise<Image2F>(input, [](Filter2F * f) { f->SetLambda(1.0); });
  const auto anisotropic = Denoise<Image2F>(input, [](Filter2F * f) {
    f->SetLambda(1.0);
    f->SetNorm(Enums::Norm::Anisotropic);
  });
  EXPECT_GT(MaxAbsDifference(isotropic.GetPointer(), anisotropic.GetPointer()), 1e-2);
}

TEST(TVDenoiseImageFilter, DenoisesVolumes)
{
  std::mt19937                     generator(5);
  std::normal_distribution<double> noise(0.0, 0.2);
  const auto input = MakeImage<Image3F>({ { 24, 20, 16 } }, [&](const Image3F::IndexType & i) {
    const bool inside = i[0] >= 6 && i[0] < 18 && i[1] >= 5 && i[1] < 15 && i[2] >= 4 && i[2] < 12;
    return (inside ? 2.0 : 1.0) + noise(generator);
  });
  auto filter = itk::TVDenoiseImageFilter<Image3F>::New();
  filter->SetInput(input);
  filter->SetLambda(0.2);
  filter->SetMaximumNumberOfIterations(2000);
  filter->Update();
  EXPECT_LT(filter->GetNumberOfIterations(), 2000u);
  // The cube's contrast survives and the noise in its interior is strongly reduced.
  const Image3F * output = filter->GetOutput();
  double          inside = 0.0;
  double          insideSquares = 0.0;
  for (itk::IndexValueType z = 6; z < 10; ++z)
  {
    for (itk::IndexValueType y = 7; y < 13; ++y)
    {
      for (itk::IndexValueType x = 8; x < 16; ++x)
      {
        const double v = output->GetPixel({ { x, y, z } });
        inside += v;
        insideSquares += v * v;
      }
    }
  }
  const double n = 4 * 6 * 8;
  EXPECT_NEAR(inside / n, 2.0, 0.1);
  EXPECT_LT(insideSquares / n - (inside / n) * (inside / n), 0.1 * 0.04);
  EXPECT_NEAR(output->GetPixel({ { 1, 1, 1 } }), 1.0, 0.15);
}

TEST(TVDenoiseImageFilter, VectorImageIsDenoisedComponentByComponent)
{
  std::mt19937                           generator(8);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto                                   vectorImage = Vector2F::New();
  vectorImage->SetRegions(Vector2F::SizeType{ { 33, 21 } });
  vectorImage->SetNumberOfComponentsPerPixel(3);
  vectorImage->Allocate();
  const size_t pixels = 33 * 21;
  for (size_t i = 0; i < 3 * pixels; ++i)
  {
    vectorImage->GetBufferPointer()[i] = static_cast<float>(uniform(generator) * (1 + i % 3));
  }
  const auto fixedIterations = [](auto * f) {
    f->SetLambda(0.3);
    f->SetStoppingCriterion(Enums::StoppingCriterion::None);
    f->SetMaximumNumberOfIterations(40);
  };
  const auto denoised = Denoise<Vector2F>(vectorImage, fixedIterations);
  ASSERT_EQ(denoised->GetNumberOfComponentsPerPixel(), 3u);
  for (unsigned c = 0; c < 3; ++c)
  {
    const auto component = MakeImage<Image2F>({ { 33, 21 } }, [&](const Image2F::IndexType & i) {
      return vectorImage->GetPixel(i)[c];
    });
    const auto expected = Denoise<Image2F>(component, fixedIterations);
    for (size_t p = 0; p < pixels; ++p)
    {
      ASSERT_EQ(denoised->GetBufferPointer()[3 * p + c], expected->GetBufferPointer()[p]) << "component " << c;
    }
  }
}

TEST(TVDenoiseImageFilter, FloatAndDoubleAgree)
{
  std::mt19937                           generator(21);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double>                    values(50 * 40);
  for (auto & v : values)
  {
    v = uniform(generator);
  }
  const auto single = MakeImage<Image2F>({ { 50, 40 } }, [&](const Image2F::IndexType & i) { return values[i[1] * 50 + i[0]]; });
  const auto twice = MakeImage<Image2D>({ { 50, 40 } }, [&](const Image2D::IndexType & i) { return values[i[1] * 50 + i[0]]; });
  const auto a = Denoise<Image2F>(single, [](Filter2F * f) { f->SetTolerance(1e-9); f->SetMaximumNumberOfIterations(3000); });
  const auto b = Denoise<Image2D>(twice, [](itk::TVDenoiseImageFilter<Image2D> * f) {
    f->SetTolerance(1e-9);
    f->SetMaximumNumberOfIterations(3000);
  });
  double worst = 0.0;
  for (size_t i = 0; i < values.size(); ++i)
  {
    worst = std::max(worst, std::abs(static_cast<double>(a->GetBufferPointer()[i]) - b->GetBufferPointer()[i]));
  }
  EXPECT_LT(worst, 1e-4);
}

TEST(TVDenoiseImageFilter, SpacingAndAxisWeights)
{
  std::mt19937                           generator(4);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto input = MakeImage<Image2F>({ { 30, 20 } }, [&](const Image2F::IndexType &) { return uniform(generator); });
  const double spacing[2] = { 2.0, 0.5 };
  input->SetSpacing(spacing);
  const auto withSpacing = Denoise<Image2F>(input, [](Filter2F * f) { f->UseImageSpacingOn(); });
  const auto withWeights = Denoise<Image2F>(input, [](Filter2F * f) {
    Filter2F::AxisWeightsType weights;
    weights[0] = 0.5;
    weights[1] = 2.0;
    f->SetAxisWeights(weights);
  });
  EXPECT_EQ(MaxAbsDifference(withSpacing.GetPointer(), withWeights.GetPointer()), 0.0);
  const auto plain = Denoise<Image2F>(input);
  EXPECT_GT(MaxAbsDifference(plain.GetPointer(), withSpacing.GetPointer()), 1e-3);
}

TEST(TVDenoiseImageFilter, SingletonAxisGivesExactlyThe2DResult)
{
  std::mt19937                           generator(6);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double>                    values(20 * 17);
  for (auto & v : values)
  {
    v = uniform(generator);
  }
  const auto flat = MakeImage<Image2F>({ { 20, 17 } }, [&](const Image2F::IndexType & i) { return values[i[1] * 20 + i[0]]; });
  const auto slab = MakeImage<Image3F>({ { 20, 17, 1 } }, [&](const Image3F::IndexType & i) { return values[i[1] * 20 + i[0]]; });
  const auto a = Denoise<Image2F>(flat);
  const auto b = Denoise<Image3F>(slab);
  for (size_t i = 0; i < values.size(); ++i)
  {
    ASSERT_EQ(a->GetBufferPointer()[i], b->GetBufferPointer()[i]);
  }
}

TEST(TVDenoiseImageFilter, GeometryAndMetadataArePreserved)
{
  auto         input = MakeImage<Image2F>({ { 12, 10 } }, [](const Image2F::IndexType & i) { return i[0] * 0.1; });
  const double spacing[2] = { 0.3, 0.7 };
  const double origin[2] = { -4.0, 2.5 };
  input->SetSpacing(spacing);
  input->SetOrigin(origin);
  Image2F::DirectionType direction;
  direction(0, 0) = 0.0;
  direction(0, 1) = 1.0;
  direction(1, 0) = 1.0;
  direction(1, 1) = 0.0;
  input->SetDirection(direction);
  itk::EncapsulateMetaData<std::string>(input->GetMetaDataDictionary(), "SignalType", "HAADF");
  const auto output = Denoise<Image2F>(input);
  EXPECT_EQ(output->GetSpacing(), input->GetSpacing());
  EXPECT_EQ(output->GetOrigin(), input->GetOrigin());
  EXPECT_EQ(output->GetDirection(), input->GetDirection());
  std::string signal;
  EXPECT_TRUE(itk::ExposeMetaData<std::string>(output->GetMetaDataDictionary(), "SignalType", signal));
  EXPECT_EQ(signal, "HAADF");
}

TEST(TVDenoiseImageFilter, BadInputThrowsANamedException)
{
  const auto expectFailure = [](const Image2F * input, const std::function<void(Filter2F *)> & configure,
                                const std::string & expected) {
    auto filter = Filter2F::New();
    filter->SetInput(input);
    configure(filter);
    try
    {
      filter->Update();
      ADD_FAILURE() << "no exception for " << expected;
    }
    catch (const itk::ExceptionObject & error)
    {
      EXPECT_NE(std::string(error.GetDescription()).find(expected), std::string::npos) << error.GetDescription();
    }
  };
  const auto good = MakeImage<Image2F>({ { 8, 8 } }, [](const Image2F::IndexType & i) { return i[0]; });
  expectFailure(good, [](Filter2F * f) { f->SetLambda(-0.1); }, "Lambda");
  expectFailure(good, [](Filter2F * f) { f->SetLambda(0.0); }, "Lambda");
  expectFailure(good, [](Filter2F * f) { f->SetMaximumNumberOfIterations(0); }, "MaximumNumberOfIterations");
  expectFailure(good, [](Filter2F * f) { f->SetCheckInterval(0); }, "CheckInterval");
  expectFailure(good, [](Filter2F * f) { f->SetLowerBound(1.0); f->SetUpperBound(0.0); }, "LowerBound");
  auto nan = MakeImage<Image2F>({ { 8, 8 } }, [](const Image2F::IndexType & i) { return i[0]; });
  nan->SetPixel({ { 3, 5 } }, std::numeric_limits<float>::quiet_NaN());
  expectFailure(nan, [](Filter2F *) {}, "[3, 5]");
  auto inf = MakeImage<Image2F>({ { 8, 8 } }, [](const Image2F::IndexType & i) { return i[0]; });
  inf->SetPixel({ { 0, 1 } }, std::numeric_limits<float>::infinity());
  expectFailure(inf, [](Filter2F *) {}, "not finite");
}

TEST(TVDenoiseImageFilter, ReportsProgressAndHonoursAbort)
{
  const auto input = MakeImage<Image2F>({ { 64, 64 } }, [](const Image2F::IndexType & i) { return (i[0] * 7 + i[1] * 13) % 5; });
  auto       filter = Filter2F::New();
  filter->SetInput(input);
  filter->SetStoppingCriterion(Enums::StoppingCriterion::None);
  filter->SetMaximumNumberOfIterations(100);
  std::vector<float> progress;
  auto               observer = itk::CStyleCommand::New();
  struct Context
  {
    Filter2F *           Filter;
    std::vector<float> * Progress;
    bool                 Abort;
  } context{ filter, &progress, false };
  observer->SetClientData(&context);
  observer->SetCallback([](itk::Object *, const itk::EventObject &, void * data) {
    auto * c = static_cast<Context *>(data);
    c->Progress->push_back(c->Filter->GetProgress());
    if (c->Abort && c->Filter->GetProgress() > 0.3f)
    {
      c->Filter->AbortGenerateDataOn();
    }
  });
  filter->AddObserver(itk::ProgressEvent(), observer);
  filter->Update();
  EXPECT_GE(progress.size(), 100u);
  EXPECT_EQ(progress.back(), 1.0f);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));

  context.Abort = true;
  filter->SetLambda(0.2); // force a new run
  EXPECT_THROW(filter->Update(), itk::ProcessAborted);
}

TEST(TVDenoiseImageFilter, ThreadCountDoesNotChangeTheResult)
{
  std::mt19937                           generator(31);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const auto input = MakeImage<Image3F>({ { 19, 23, 37 } }, [&](const Image3F::IndexType &) { return uniform(generator); });
  const auto run = [&](unsigned workUnits) {
    return Denoise<Image3F>(input, [workUnits](itk::TVDenoiseImageFilter<Image3F> * f) {
      f->SetNumberOfWorkUnits(workUnits);
      f->SetLambda(0.3);
    });
  };
  const auto one = run(1);
  const auto seven = run(7);
  EXPECT_EQ(MaxAbsDifference(one.GetPointer(), seven.GetPointer()), 0.0);
}
