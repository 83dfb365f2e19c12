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
// Google Benchmark of TVDenoiseImageFilter: isotropic ROF by FGP, fixed iteration count, on a
// square float image (uniform noise in [0, 1), or the raw float32 file named by
// $EM_TV_BENCHMARK_INPUT, e.g. written by compare_tv_skimage.py so that both tools see the same
// data). Reports the ROF objective P(u) = 1/2 ||u - f||^2 + lambda TV(u) as a counter.
//
//   itkTVDenoiseBenchmark [--size=N] [--iterations=K] [--lambda=L] [benchmark options]

#include "itkTVDenoiseImageFilter.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

namespace
{
using ImageType = itk::Image<float, 2>;

struct Settings
{
  itk::SizeValueType Size{ 2048 };
  itk::SizeValueType Iterations{ 100 };
  double             Lambda{ 0.1 };
};
Settings settings;

ImageType::Pointer
MakeInput()
{
  auto image = ImageType::New();
  image->SetRegions(ImageType::SizeType{ { settings.Size, settings.Size } });
  image->Allocate();
  const size_t n = settings.Size * settings.Size;
  const char * path = std::getenv("EM_TV_BENCHMARK_INPUT");
  if (path != nullptr && *path != '\0')
  {
    std::ifstream file(path, std::ios::binary);
    file.read(reinterpret_cast<char *>(image->GetBufferPointer()), static_cast<std::streamsize>(n * sizeof(float)));
    if (!file)
    {
      std::fprintf(stderr, "cannot read %zu float32 values from %s\n", n, path);
      std::exit(EXIT_FAILURE);
    }
    return image;
  }
  std::mt19937                          generator(0);
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  for (size_t i = 0; i < n; ++i)
  {
    image->GetBufferPointer()[i] = uniform(generator);
  }
  return image;
}

void
TVDenoiseFGPIsotropic(benchmark::State & state)
{
  const auto input = MakeInput();
  double     energy = 0.0;
  for (auto _ : state)
  {
    auto filter = itk::TVDenoiseImageFilter<ImageType>::New();
    filter->SetInput(input);
    filter->SetLambda(settings.Lambda);
    filter->SetMaximumNumberOfIterations(settings.Iterations);
    filter->SetStoppingCriterion(itk::TVDenoiseEnums::StoppingCriterion::None);
    filter->SetCheckInterval(settings.Iterations); // one evaluation, at the end
    filter->Update();
    energy = filter->GetEnergy();
    benchmark::DoNotOptimize(filter->GetOutput()->GetBufferPointer());
  }
  state.counters["rof_objective"] = energy;
  state.counters["pixel_iterations_per_second"] = benchmark::Counter(
    static_cast<double>(settings.Size * settings.Size * settings.Iterations), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(TVDenoiseFGPIsotropic)->Unit(benchmark::kMillisecond)->UseRealTime();

bool
ParseOption(const char * argument, const char * name, std::string & value)
{
  const size_t length = std::strlen(name);
  if (std::strncmp(argument, name, length) == 0 && argument[length] == '=')
  {
    value = argument + length + 1;
    return true;
  }
  return false;
}
} // namespace

int
main(int argc, char ** argv)
{
  std::vector<char *> remaining{ argv[0] };
  for (int i = 1; i < argc; ++i)
  {
    std::string value;
    if (ParseOption(argv[i], "--size", value))
    {
      settings.Size = std::stoul(value);
    }
    else if (ParseOption(argv[i], "--iterations", value))
    {
      settings.Iterations = std::stoul(value);
    }
    else if (ParseOption(argv[i], "--lambda", value))
    {
      settings.Lambda = std::stod(value);
    }
    else
    {
      remaining.push_back(argv[i]);
    }
  }
  int count = static_cast<int>(remaining.size());
  benchmark::Initialize(&count, remaining.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return EXIT_SUCCESS;
}
