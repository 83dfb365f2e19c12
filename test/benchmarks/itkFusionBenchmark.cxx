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
// Google Benchmark of FusedMultiModalImageFilter on synthetic data: n = 3 Poisson chemical maps
// and a Poisson HAADF of size N x N (first argument), K outer iterations (second argument).
// Reported per size: the reference-compatible iteration (the published method, seed parameters,
// costs off) and the proximal-gradient solver (fixed parameters, no automatic selection); the
// counter "iterations_per_second" is K / run time, set-up included. Runs with K = 1 measure the
// set-up, so (t(30) - t(1)) / 29 is the cost of one further iteration.
// With $EM_FUSION_BENCHMARK_INPUT naming a folder with haadf.raw, map0.raw, map1.raw, map2.raw
// (float32, N x N; written by compare_fusion_reference.py) those data are used instead.
//
//   itkFusionBenchmark [--benchmark_filter=...]

#include "itkFusedMultiModalImageFilter.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

namespace
{
using ImageType = itk::Image<float, 2>;
using FilterType = itk::FusedMultiModalImageFilter<ImageType>;

struct Data
{
  ImageType::Pointer HAADF;
  ImageType::Pointer Maps[3];
};

ImageType::Pointer
ReadRaw(const std::string & path, itk::SizeValueType size)
{
  auto image = ImageType::New();
  image->SetRegions(ImageType::SizeType{ { size, size } });
  image->Allocate();
  std::ifstream file(path, std::ios::binary);
  file.read(reinterpret_cast<char *>(image->GetBufferPointer()), static_cast<std::streamsize>(size * size * sizeof(float)));
  if (!file)
  {
    std::fprintf(stderr, "cannot read %llu x %llu float32 values from %s\n", static_cast<unsigned long long>(size),
                 static_cast<unsigned long long>(size), path.c_str());
    std::exit(EXIT_FAILURE);
  }
  return image;
}

// A lattice of Gaussian columns (pitch 16 px) for three elements, Poisson noise.
Data
MakeData(itk::SizeValueType size)
{
  const char * folder = std::getenv("EM_FUSION_BENCHMARK_INPUT");
  if (folder != nullptr && *folder != '\0')
  {
    const std::string base(folder);
    return Data{ ReadRaw(base + "/haadf.raw", size),
                 { ReadRaw(base + "/map0.raw", size), ReadRaw(base + "/map1.raw", size), ReadRaw(base + "/map2.raw", size) } };
  }
  std::mt19937 generator(1);
  const auto   make = [size]() {
    auto image = ImageType::New();
    image->SetRegions(ImageType::SizeType{ { size, size } });
    image->Allocate();
    return image;
  };
  Data         data{ make(), { make(), make(), make() } };
  const double z[3] = { 21, 66, 8 };
  const double peak[3] = { 4, 6, 2 };
  const double offset[3][2] = { { 8, 8 }, { 0, 0 }, { 8, 0 } };
  for (itk::SizeValueType y = 0; y < size; ++y)
  {
    for (itk::SizeValueType x = 0; x < size; ++x)
    {
      double model = 0.0;
      for (int e = 0; e < 3; ++e)
      {
        const double dx = std::fmod(x + offset[e][0], 16.0) - 8.0;
        const double dy = std::fmod(y + offset[e][1], 16.0) - 8.0;
        const double c = std::exp(-(dx * dx + dy * dy) / 8.0);
        data.Maps[e]->GetBufferPointer()[y * size + x] =
          static_cast<float>(std::poisson_distribution<int>(peak[e] * c)(generator));
        model += std::pow(z[e] * c, 1.6);
      }
      data.HAADF->GetBufferPointer()[y * size + x] =
        static_cast<float>(std::poisson_distribution<int>(400.0 * model / std::pow(66.0, 1.6))(generator));
    }
  }
  return data;
}

void
Run(benchmark::State & state, itk::FusionModeEnum mode)
{
  const auto data = MakeData(static_cast<itk::SizeValueType>(state.range(0)));
  const auto iterations = static_cast<unsigned int>(state.range(1));
  for (auto _ : state)
  {
    auto filter = FilterType::New();
    filter->SetHAADF(data.HAADF);
    for (unsigned int e = 0; e < 3; ++e)
    {
      filter->SetChemicalMap(e, data.Maps[e]);
    }
    filter->SetAtomicNumbers({ 21, 66, 8 });
    filter->SetMode(mode);
    // Both solvers run exactly the given number of outer iterations, without costs.
    itk::FusionReferenceSettings reference;
    reference.SetIterations(iterations);
    reference.SetCostInterval(0);
    filter->SetReferenceSettings(reference);
    itk::FusionProximalSettings proximal;
    proximal.SetAutomaticParameters(false);
    proximal.SetMaximumIterations(iterations);
    proximal.SetTolerance(0.0);
    proximal.SetCostInterval(0);
    filter->SetProximalSettings(proximal);
    filter->Update();
    benchmark::DoNotOptimize(filter->GetOutput(0)->GetBufferPointer());
  }
  state.counters["iterations_per_second"] = benchmark::Counter(iterations, benchmark::Counter::kIsIterationInvariantRate);
}

void
ReferenceCompatible(benchmark::State & state)
{
  Run(state, itk::FusionModeEnum::ReferenceCompatible);
}
void
ProximalGradient(benchmark::State & state)
{
  Run(state, itk::FusionModeEnum::ProximalGradient);
}
BENCHMARK(ReferenceCompatible)
  ->ArgsProduct({ { 512, 2048 }, { 30, 1 } })
  ->ArgNames({ "size", "iterations" })
  ->Unit(benchmark::kMillisecond)
  ->UseRealTime();
BENCHMARK(ProximalGradient)->Args({ 512, 30 })->Args({ 2048, 30 })->ArgNames({ "size", "iterations" })->Unit(benchmark::kMillisecond)->UseRealTime();
// Any size, for the comparison script (--benchmark_filter=Sized.*/size:N/).
BENCHMARK(ReferenceCompatible)
  ->Name("SizedReferenceCompatible")
  ->ArgsProduct({ benchmark::CreateDenseRange(64, 4096, 64), { 30, 1 } })
  ->ArgNames({ "size", "iterations" })
  ->Unit(benchmark::kMillisecond)
  ->UseRealTime();
} // namespace

BENCHMARK_MAIN();
