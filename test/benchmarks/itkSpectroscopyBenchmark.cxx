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
// Google Benchmark of the EELS physics: CoreLossSimulator on the seed workflow (C, N, O, Fe
// hydrogenic edges, convolved background, drift, Poisson noise; 2048 channels) for an N x N scan,
// and the pixel-independent cross sections it needs. Counter "pixels_per_second" = spectra
// simulated per second, set-up (cross sections, transforms) included.
//
//   itkSpectroscopyBenchmark [--benchmark_filter=...]

#include "itkCoreLossSimulator.h"
#include "itkHydrogenicCrossSection.h"

#include <benchmark/benchmark.h>

namespace
{
using SimulatorType = itk::CoreLossSimulator<float>;

void
SeedSimulation(benchmark::State & state)
{
  const auto size = static_cast<itk::SizeValueType>(state.range(0));
  const auto maps = SimulatorType::MakeSeedMaps(size, size);
  for (auto _ : state)
  {
    auto simulator = SimulatorType::New();
    simulator->SetThicknessMap(maps.Thickness);
    for (unsigned int e = 0; e < 4; ++e)
    {
      simulator->SetAbundanceMap(e, maps.Abundances[e]);
    }
    simulator->SetElements(maps.Elements);
    simulator->SetEdges(maps.Edges);
    simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
    simulator->Update();
    benchmark::DoNotOptimize(simulator->GetCoreLossOutput()->GetBufferPointer());
  }
  state.counters["pixels_per_second"] =
    benchmark::Counter(static_cast<double>(size * size), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(SeedSimulation)->Arg(32)->Arg(128)->Unit(benchmark::kMillisecond)->UseRealTime();

void
HydrogenicEdge(benchmark::State & state)
{
  itk::CrossSectionSettings settings;
  settings.BeamVoltage = 300e3;
  settings.ConvergenceSemiAngle = state.range(0) * 1e-3;
  settings.CollectionSemiAngle = 20e-3;
  const itk::EnergyAxis axis(200.0, 0.5, 2048);
  const auto            iron = itk::HydrogenicCrossSection::FromEdge("Fe", "L");
  for (auto _ : state)
  {
    benchmark::DoNotOptimize(iron.Compute(axis, settings).data());
  }
}
// alpha = 0 (parallel beam) and 10 mrad (convergence factor per node).
BENCHMARK(HydrogenicEdge)->Arg(0)->Arg(10)->Unit(benchmark::kMillisecond);
} // namespace

BENCHMARK_MAIN();
