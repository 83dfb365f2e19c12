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
// Google Benchmark of the EELS filters: CoreLossSimulator on the seed workflow (C, N, O, Fe
// hydrogenic edges, convolved background, drift, Poisson noise; 2048 channels) for an N x N scan;
// the pixel-independent cross sections it needs; EELSAlignFilter aligning that scan's low loss
// and core loss with each method (the simulation is made once, outside the timing), and the cost
// of merely writing that much fresh output; CoreLossQuantificationFilter on the aligned scan. Counter "pixels_per_second" = spectra per second,
// set-up included.
//
//   itkEELSBenchmark [--benchmark_filter=...]

#include "itkCoreLossQuantificationFilter.h"
#include "itkCoreLossSimulator.h"
#include "itkEELSAlignFilter.h"
#include "itkHydrogenicCrossSection.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <sstream>

namespace
{
using SimulatorType = itk::CoreLossSimulator<float>;

SimulatorType::Pointer
SeedSimulator(itk::SizeValueType size)
{
  const auto maps = SimulatorType::SeedMaps::Make(size, size);
  auto       simulator = SimulatorType::New();
  simulator->SetSeedMaps(maps);
  simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
  return simulator;
}

void
SeedSimulation(benchmark::State & state)
{
  const auto size = static_cast<itk::SizeValueType>(state.range(0));
  for (auto _ : state)
  {
    auto simulator = SeedSimulator(size);
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

void
Align(benchmark::State & state)
{
  static SimulatorType::Pointer scan; // 128 x 128 x 2048, made once
  if (scan == nullptr)
  {
    scan = SeedSimulator(128);
    scan->Update();
  }
  using FilterType = itk::EELSAlignFilter<SimulatorType::SpectrumImageType>;
  const auto method = static_cast<itk::ZeroLossMethodEnum>(state.range(0));
  const bool reuseOutputs = state.range(1) != 0;
  const auto makeFilter = [&]() {
    auto filter = FilterType::New();
    filter->SetInput(scan->GetLowLossOutput());
    filter->SetCompanion(0, scan->GetCoreLossOutput());
    filter->SetMethod(method);
    filter->SetReleaseDataBeforeUpdateFlag(!reuseOutputs);
    return filter;
  };
  FilterType::Pointer filter = makeFilter();
  for (auto _ : state)
  {
    if (reuseOutputs)
    {
      filter->Modified();
    }
    else
    {
      filter = makeFilter();
    }
    filter->Update();
    benchmark::DoNotOptimize(filter->GetOutput(1)->GetBufferPointer());
  }
  std::ostringstream name;
  name << method << (reuseOutputs ? ", outputs reused" : "");
  state.SetLabel(name.str());
  state.counters["pixels_per_second"] = benchmark::Counter(128.0 * 128.0, benchmark::Counter::kIsIterationInvariantRate);
}
// Argmax, ParabolicArgmax, ModelFit, CrossCorrelation on the 128 x 128 seed scan (low loss and
// core loss); second argument 1: one filter re-executed, its output buffers kept, which leaves out
// the kernel's first-touch cost of ~256 MiB of fresh output.
BENCHMARK(Align)->ArgsProduct({ { 0, 1, 2, 3 }, { 0 } })->Args({ 0, 1 })->Unit(benchmark::kMillisecond)->UseRealTime();

void
Quantify(benchmark::State & state)
{
  using AlignType = itk::EELSAlignFilter<SimulatorType::SpectrumImageType>;
  static AlignType::Pointer aligned; // the 128 x 128 seed scan aligned on its zero loss, made once
  if (aligned == nullptr)
  {
    auto scan = SeedSimulator(128);
    aligned = AlignType::New();
    aligned->SetInput(scan->GetLowLossOutput());
    aligned->SetCompanion(0, scan->GetCoreLossOutput());
    aligned->Update();
  }
  const auto fitter = static_cast<itk::QuantificationFitterEnum>(state.range(0));
  const bool pyEELSModelBasis = state.range(1) == 4;
  for (auto _ : state)
  {
    auto filter = itk::CoreLossQuantificationFilter<SimulatorType::SpectrumImageType>::New();
    filter->SetInput(aligned->GetOutput(1));
    filter->SetLowLoss(aligned->GetOutput(0));
    filter->SetEdges({ { "C", "K" }, { "N", "K" }, { "O", "K" }, { "Fe", "L" } });
    if (pyEELSModelBasis)
    {
      filter->SetBackgroundExponents({ 1.0, 7.0 / 3.0, 11.0 / 3.0, 5.0 });
    }
    filter->SetFitter(fitter);
    filter->Update();
    benchmark::DoNotOptimize(filter->GetCRLBMap(0)->GetBufferPointer());
  }
  std::ostringstream name;
  name << fitter << ", " << state.range(1) << " power laws";
  state.SetLabel(name.str());
  state.counters["pixels_per_second"] = benchmark::Counter(128.0 * 128.0, benchmark::Counter::kIsIterationInvariantRate);
}
// C, N, O, Fe edges convolved with each pixel's low loss, CRLB maps of all edges; fitter (OLS,
// WLS, Poisson ML) x background terms (pyEELSMODEL's 4, the default 6).
BENCHMARK(Quantify)->ArgsProduct({ { 0, 1, 2 }, { 4, 6 } })->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor for any filter that writes the aligned scan: allocating two fresh 128 x 128 x 2028
// float spectrum images and writing every sample once, on all threads.
void
FreshOutputFloor(benchmark::State & state)
{
  using ImageType = SimulatorType::SpectrumImageType;
  for (auto _ : state)
  {
    for (int i = 0; i < 2; ++i)
    {
      auto image = ImageType::New();
      image->SetRegions(ImageType::SizeType{ { 128, 128 } });
      image->SetNumberOfComponentsPerPixel(2028);
      image->Allocate();
      float * buffer = image->GetBufferPointer();
      itk::MultiThreaderBase::New()->ParallelizeArray(
        0, 128, [buffer](itk::SizeValueType row) { std::fill_n(buffer + row * 128 * 2028, 128 * 2028, 0.0f); }, nullptr);
      benchmark::DoNotOptimize(buffer);
    }
  }
}
BENCHMARK(FreshOutputFloor)->Unit(benchmark::kMillisecond)->UseRealTime();
} // namespace

BENCHMARK_MAIN();
