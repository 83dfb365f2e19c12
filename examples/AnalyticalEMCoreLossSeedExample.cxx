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
// The EELS seed workflow (pyEELSMODEL's extended core-loss example), step by step:
//   AnalyticalEMCoreLossSeedExample OUTPUT_FOLDER [SIZE]      (default SIZE 128, as the seed)
// Simulation: the C/N/O/Fe abundance maps, t/lambda and the ADF-like contrast; the core-loss and
// low-loss spectrum images (300 kV, beta 20 mrad, 0.5 eV/channel from 200 eV, 2048 channels,
// drift, Poisson noise). Quantification: the mean spectra; alignment on the zero loss with the
// seed's three methods; the seed's model (four power laws r = 1 ... 5, hydrogenic K and L edges,
// multiple scattering) fitted with Poisson weights; the CRLB maps; the same in one call
// (ElementalQuantificationFilter); accuracy against the truth. Maps are written as .mha + .png.
#include "ExampleOutput.h"

#include "itkCoreLossQuantificationFilter.h"
#include "itkCoreLossSimulator.h"
#include "itkEELSAlignFilter.h"
#include "itkElementalQuantificationFilter.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>

namespace
{
using SimulatorType = itk::CoreLossSimulator<float>;
using SpectrumType = SimulatorType::SpectrumImageType;
using MapType = SimulatorType::MapImageType;

double
Seconds(std::chrono::steady_clock::time_point start)
{
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<double>
MeanSpectrum(const SpectrumType * spectra)
{
  const unsigned int       channels = spectra->GetNumberOfComponentsPerPixel();
  const itk::SizeValueType pixels = spectra->GetBufferedRegion().GetNumberOfPixels();
  std::vector<double>      mean(channels, 0.0);
  for (itk::SizeValueType p = 0; p < pixels; ++p)
  {
    for (unsigned int c = 0; c < channels; ++c)
    {
      mean[c] += spectra->GetBufferPointer()[p * channels + c] / static_cast<double>(pixels);
    }
  }
  return mean;
}

std::vector<double>
Energies(const SpectrumType * spectra)
{
  const auto axis = itk::EnergyAxis::ReadFrom(spectra->GetMetaDataDictionary(), spectra->GetNumberOfComponentsPerPixel());
  std::vector<double> energies(axis.GetSize());
  for (itk::SizeValueType k = 0; k < axis.GetSize(); ++k)
  {
    energies[k] = axis.GetEnergy(static_cast<double>(k));
  }
  return energies;
}

// Mean and RMS of (map - truth) over the scan.
std::pair<double, double>
Error(const MapType * map, const MapType * truth)
{
  double             sum = 0.0, squares = 0.0;
  itk::SizeValueType count = 0;
  for (itk::SizeValueType p = 0; p < map->GetBufferedRegion().GetNumberOfPixels(); ++p)
  {
    const double d = map->GetBufferPointer()[p] - truth->GetBufferPointer()[p];
    if (std::isfinite(d))
    {
      sum += d;
      squares += d * d;
      ++count;
    }
  }
  return { sum / count, std::sqrt(squares / count) };
}
} // namespace

int
main(int argc, char * argv[])
{
  const std::string folder = argc > 1 ? argv[1] : "coreloss-seed-example";
  double            size = 128;
  if (argc > 3 || (argc > 2 && (!example::ParseNumber(argv[2], size) || size < 4 || size > 1024)))
  {
    std::cerr << "usage: AnalyticalEMCoreLossSeedExample [OUTPUT_FOLDER] [SIZE (4 ... 1024)]" << std::endl;
    return EXIT_FAILURE;
  }
  try
  {
    if (!example::MakeFolder(folder))
    {
      throw std::runtime_error("cannot create " + folder);
    }
    std::cout << std::setprecision(4);
    // --- Simulation: elemental abundance maps, t/lambda and the ADF-like contrast.
    const auto side = static_cast<itk::SizeValueType>(size);
    const auto maps = SimulatorType::SeedMaps::Make(side, side);
    std::vector<const MapType *> truth;
    for (size_t e = 0; e < maps.Elements.size(); ++e)
    {
      example::WriteImageAndPreview(maps.Abundances[e].GetPointer(), folder, "truth_" + maps.Elements[e], 0.0, 2.0);
      truth.push_back(maps.Abundances[e].GetPointer());
    }
    const auto adf = itk::MakeADFLikeContrast(truth, maps.Elements);
    example::WriteImageAndPreview(adf.GetPointer(), folder, "adf_like_contrast");
    example::WriteImageAndPreview(maps.Thickness.GetPointer(), folder, "tlambda", 0.0, 1.0);

    // --- Simulation part: CoreLossSimulator with the seed's settings and drift.
    auto start = std::chrono::steady_clock::now();
    auto simulator = SimulatorType::New();
    simulator->SetSeedMaps(maps);
    simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
    simulator->Update();
    std::cout << "Simulated " << side << " x " << side << " x "
              << simulator->GetCoreLossOutput()->GetNumberOfComponentsPerPixel() << " in " << Seconds(start) << " s"
              << std::endl;

    // --- Visualization: the mean core loss and low loss (the drift broadens the zero loss).
    const SpectrumType * coreLoss = simulator->GetCoreLossOutput();
    const SpectrumType * lowLoss = simulator->GetLowLossOutput();
    example::WriteCsv(folder + "/mean_coreloss.csv", { "energy_eV", "counts" }, { Energies(coreLoss), MeanSpectrum(coreLoss) });
    example::WriteCsv(folder + "/mean_lowloss.csv", { "energy_eV", "counts" }, { Energies(lowLoss), MeanSpectrum(lowLoss) });

    // --- Aligning multispectra: the seed's three methods (FastAlignZeroLoss, AlignZeroLoss,
    // AlignCrossCorrelation), each aligning the core loss with the low loss's shifts.
    using AlignType = itk::EELSAlignFilter<SpectrumType>;
    AlignType::Pointer aligned;
    for (const auto method : { itk::ZeroLossMethodEnum::Argmax, itk::ZeroLossMethodEnum::ModelFit,
                               itk::ZeroLossMethodEnum::CrossCorrelation })
    {
      start = std::chrono::steady_clock::now();
      auto align = AlignType::New();
      align->SetInput(lowLoss);
      align->SetCompanion(0, coreLoss);
      align->SetMethod(method);
      align->Update();
      const auto & shifts = align->GetShiftMap();
      double       low = 1e300, high = -1e300;
      for (itk::SizeValueType p = 0; p < side * side; ++p)
      {
        low = std::min(low, static_cast<double>(shifts->GetBufferPointer()[p]));
        high = std::max(high, static_cast<double>(shifts->GetBufferPointer()[p]));
      }
      std::cout << "Alignment " << method << ": zero losses from " << low << " to " << high << " eV, "
                << align->GetOutput(1)->GetNumberOfComponentsPerPixel() << " core-loss channels kept, " << Seconds(start)
                << " s" << std::endl;
      aligned = align;
    }

    // --- Define the model (four power laws r = linspace(1, 5, 4), hydrogenic K/L edges of
    // C, N, O, Fe, multiple scattering with each pixel's low loss) and fit it with Poisson weights.
    const std::vector<itk::QuantifiedEdge> edges{ { "C", "K" }, { "N", "K" }, { "O", "K" }, { "Fe", "L" } };
    start = std::chrono::steady_clock::now();
    auto quantify = itk::CoreLossQuantificationFilter<SpectrumType>::New();
    quantify->SetInput(aligned->GetOutput(1));
    quantify->SetLowLoss(aligned->GetOutput(0));
    quantify->SetEdges(edges);
    quantify->SetBackgroundExponents({ 1.0, 7.0 / 3.0, 11.0 / 3.0, 5.0 });
    quantify->SetFitter(itk::QuantificationFitterEnum::WeightedLeastSquares);
    quantify->Update();
    std::cout << "Fit and CRLB of every pixel in " << Seconds(start) << " s" << std::endl;
    for (unsigned int e = 0; e < edges.size(); ++e)
    {
      const std::string name = edges[e].Element + "_" + edges[e].Edge;
      example::WriteImageAndPreview(quantify->GetAbundanceMap(e), folder, name + "_abundance", 0.0, 2.0);
      example::WriteImageAndPreview(quantify->GetCRLBMap(e), folder, name + "_crlb");
      const auto error = Error(quantify->GetAbundanceMap(e), maps.Abundances[e]);
      std::cout << "  " << edges[e].Element << " " << edges[e].Edge << ": mean error " << error.first << ", RMS "
                << error.second << std::endl;
    }

    // --- The ElementalQuantification class: alignment and quantification in one filter.
    start = std::chrono::steady_clock::now();
    auto workflow = itk::ElementalQuantificationFilter<SpectrumType>::New();
    workflow->SetInput(coreLoss);
    workflow->SetLowLoss(lowLoss);
    workflow->SetEdges(edges);
    workflow->Update();
    std::cout << "ElementalQuantificationFilter (argmax alignment, six power laws) in " << Seconds(start) << " s:";
    for (unsigned int e = 0; e < edges.size(); ++e)
    {
      std::cout << " " << edges[e].Element << " RMS " << Error(workflow->GetAbundanceMap(e), maps.Abundances[e]).second;
    }
    std::cout << "\nResults written to " << folder << "/" << std::endl;
  }
  catch (const std::exception & error)
  {
    std::cerr << "AnalyticalEMCoreLossSeedExample: " << error.what() << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
