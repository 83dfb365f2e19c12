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

#include "itkEMTestData.h"
#include "gtest/gtest.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

// Side-by-side with scikit-image's denoise_tv_chambolle, which solves the same ROF problem
// (lambda = weight, isotropic, Neumann, no bounds) by Chambolle's 2004 scheme. Both are run to
// convergence (skimage with eps = 1e-12 and up to 20000 iterations). Skipped without skimage.

namespace
{
constexpr const char * SkimageScript = R"(import sys
import numpy as np
from skimage.restoration import denoise_tv_chambolle
source, target, weight = sys.argv[1], sys.argv[2], float(sys.argv[3])
shape = tuple(int(n) for n in sys.argv[4:])
image = np.fromfile(source, dtype='<f8').reshape(shape)
result = denoise_tv_chambolle(image, weight=weight, eps=1e-12, max_num_iter=20000)
result.astype('<f8').tofile(target)
)";

bool
SkimageAvailable()
{
  const std::string command = itk::EMTest::PythonExecutable() + " -c \"import skimage.restoration\" > /dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

// Runs skimage on the buffer (C order: slowest axis first in `shape`).
std::vector<double>
RunSkimage(const std::vector<double> & image, const std::vector<size_t> & shape, double weight, const std::string & tag)
{
  const std::string script = itk::EMTest::OutputPath("skimage_tv_" + tag + ".py");
  const std::string source = itk::EMTest::OutputPath("skimage_tv_" + tag + "_in.raw");
  const std::string target = itk::EMTest::OutputPath("skimage_tv_" + tag + "_out.raw");
  std::ofstream(script) << SkimageScript;
  std::ofstream(source, std::ios::binary).write(reinterpret_cast<const char *>(image.data()), image.size() * sizeof(double));
  std::ostringstream command;
  command << itk::EMTest::PythonExecutable() << ' ' << script << ' ' << source << ' ' << target << ' ' << weight;
  for (const size_t n : shape)
  {
    command << ' ' << n;
  }
  EXPECT_EQ(std::system(command.str().c_str()), 0) << command.str();
  std::vector<double> result(image.size());
  std::ifstream(target, std::ios::binary).read(reinterpret_cast<char *>(result.data()), result.size() * sizeof(double));
  return result;
}

template <unsigned int VDimension>
void
CompareWithSkimage(const typename itk::Image<double, VDimension>::SizeType & size, double lambda, bool withStep,
                   double tolerance)
{
  using ImageType = itk::Image<double, VDimension>;
  auto image = ImageType::New();
  image->SetRegions(size);
  image->Allocate();
  const size_t                           n = image->GetBufferedRegion().GetNumberOfPixels();
  std::mt19937                           generator(1234);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double>                    values(n);
  for (size_t i = 0; i < n; ++i)
  {
    values[i] = uniform(generator) + (withStep && (i % size[0]) >= size[0] / 2 ? 1.0 : 0.0);
    image->GetBufferPointer()[i] = values[i];
  }
  auto filter = itk::TVDenoiseImageFilter<ImageType>::New();
  filter->SetInput(image);
  filter->SetLambda(lambda);
  filter->SetTolerance(1e-10);
  filter->SetMaximumNumberOfIterations(5000);
  filter->Update();

  // ITK's buffer (index 0 fastest) is numpy's C order with the axes reversed.
  std::vector<size_t> shape;
  for (unsigned int d = VDimension; d > 0; --d)
  {
    shape.push_back(size[d - 1]);
  }
  std::ostringstream tag;
  tag << VDimension << "d_" << lambda;
  const auto expected = RunSkimage(values, shape, lambda, tag.str());

  double worst = 0.0;
  double squared = 0.0;
  for (size_t i = 0; i < n; ++i)
  {
    const double difference = filter->GetOutput()->GetBufferPointer()[i] - expected[i];
    worst = std::max(worst, std::abs(difference));
    squared += difference * difference;
  }
  const double range = *std::max_element(values.begin(), values.end()) - *std::min_element(values.begin(), values.end());
  const double psnr = 10.0 * std::log10(range * range / (squared / n));
  std::cout << VDimension << "-D, lambda " << lambda << ": max |ours - skimage| = " << worst << ", PSNR = " << psnr
            << " dB (" << filter->GetNumberOfIterations() << " FGP iterations, gap " << filter->GetDualityGap() << ")"
            << std::endl;
  ::testing::Test::RecordProperty("MaxAbsDifference_" + tag.str(), std::to_string(worst));
  EXPECT_LT(worst, tolerance);
}
} // namespace

TEST(TVDenoiseSkimageComparison, TwoDimensionsMatchAtConvergence)
{
  if (!SkimageAvailable())
  {
    GTEST_SKIP() << "scikit-image not importable by " << itk::EMTest::PythonExecutable();
  }
  CompareWithSkimage<2>({ { 64, 64 } }, 0.05, true, 1e-4);
  CompareWithSkimage<2>({ { 64, 64 } }, 0.1, true, 1e-4);
}

TEST(TVDenoiseSkimageComparison, ThreeDimensionsMatchAtConvergence)
{
  if (!SkimageAvailable())
  {
    GTEST_SKIP() << "scikit-image not importable by " << itk::EMTest::PythonExecutable();
  }
  CompareWithSkimage<3>({ { 24, 20, 16 } }, 0.1, false, 1e-4);
}
