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
// The seed EELS workflow, first stage: simulate the core-loss and low-loss spectrum images of the
// C / N / O / Fe sample (abundance maps, t/lambda, hydrogenic edges, convolved background,
// spectrometer drift, Poisson noise) and measure t/lambda back from the simulated low loss.
//
// Writes into OUTPUT_FOLDER: coreloss.mha and lowloss.mha (VectorImage spectrum images with their
// energy axes), drift_channels.mha, truth_{C,N,O,Fe,tlambda} (.mha + .png), tlambda_measured
// (.mha + .png, log-ratio with the mirrored zero-loss integral) and mean_spectra.csv.
//
//   AnalyticalEMCoreLossSimulation [OUTPUT_FOLDER] [SIZE]     (default: coreloss-simulation, 128)

#include "ExampleOutput.h"
#include "itkCoreLossSimulator.h"
#include "itkThicknessImageFilter.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

int
main(int argc, char * argv[])
{
  using SimulatorType = itk::CoreLossSimulator<float>;
  const std::string folder = argc > 1 ? argv[1] : "coreloss-simulation";
  const long        size = argc > 2 ? std::atol(argv[2]) : 128;
  if (size < 1 || size > 4096 || !example::MakeFolder(folder))
  {
    std::cerr << "AnalyticalEMCoreLossSimulation: cannot use output folder " << folder << " and size " << size
              << std::endl;
    return EXIT_FAILURE;
  }
  try
  {
    const auto maps = SimulatorType::SeedMaps::Make(static_cast<itk::SizeValueType>(size),
                                                  static_cast<itk::SizeValueType>(size));
    auto       simulator = SimulatorType::New();
    simulator->SetThicknessMap(maps.Thickness);
    for (unsigned int e = 0; e < maps.Abundances.size(); ++e)
    {
      simulator->SetAbundanceMap(e, maps.Abundances[e]);
      example::WriteImageAndPreview(maps.Abundances[e].GetPointer(), folder, "truth_" + maps.Elements[e], 0.0, 2.0);
    }
    example::WriteImageAndPreview(maps.Thickness.GetPointer(), folder, "truth_tlambda", 0.0, 1.0);
    simulator->SetElements(maps.Elements);
    simulator->SetEdges(maps.Edges);
    simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
    const auto start = std::chrono::steady_clock::now();
    simulator->Update();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    auto thickness = itk::ThicknessImageFilter<SimulatorType::SpectrumImageType>::New();
    thickness->SetInput(simulator->GetLowLossOutput());
    thickness->SetZeroLossIntegral(itk::ZeroLossIntegralEnum::Mirrored);
    thickness->Update();
    example::WriteImageAndPreview(thickness->GetOutput(), folder, "tlambda_measured", 0.0, 1.0);
    double worst = 0.0;
    for (long p = 0; p < size * size; ++p)
    {
      worst = std::max(worst, std::abs(static_cast<double>(thickness->GetOutput()->GetBufferPointer()[p]) -
                                       maps.Thickness->GetBufferPointer()[p]));
    }

    const SimulatorType::SpectrumImageType * coreLoss = simulator->GetCoreLossOutput();
    const SimulatorType::SpectrumImageType * lowLoss = simulator->GetLowLossOutput();
    itk::WriteImage(coreLoss, folder + "/coreloss.mha");
    itk::WriteImage(lowLoss, folder + "/lowloss.mha");
    itk::WriteImage(simulator->GetDriftMapOutput(), folder + "/drift_channels.mha");

    const auto                       channels = coreLoss->GetNumberOfComponentsPerPixel();
    const itk::EnergyAxis            coreAxis = itk::EnergyAxis::ReadFrom(coreLoss->GetMetaDataDictionary(), channels);
    const itk::EnergyAxis            lowAxis = itk::EnergyAxis::ReadFrom(lowLoss->GetMetaDataDictionary(), channels);
    std::vector<std::vector<double>> columns(4, std::vector<double>(channels, 0.0));
    for (unsigned int k = 0; k < channels; ++k)
    {
      columns[0][k] = coreAxis.GetEnergy(k);
      columns[2][k] = lowAxis.GetEnergy(k);
      for (long p = 0; p < size * size; ++p)
      {
        columns[1][k] += coreLoss->GetBufferPointer()[p * channels + k] / static_cast<double>(size * size);
        columns[3][k] += lowLoss->GetBufferPointer()[p * channels + k] / static_cast<double>(size * size);
      }
    }
    example::WriteCsv(folder + "/mean_spectra.csv",
                      { "coreloss_energy_eV", "coreloss_mean_counts", "lowloss_energy_eV", "lowloss_mean" }, columns);

    std::cout << "Core-loss simulation, " << size << " x " << size << " x " << channels << " channels ("
              << coreAxis.GetOffset() << " eV + " << coreAxis.GetDispersion() << " eV per channel), C/N/O/Fe, "
              << seconds << " s" << std::endl;
    std::cout << "  t/lambda from the simulated low loss (mirrored zero loss): largest error " << worst << std::endl;
    std::cout << "  results in " << folder << std::endl;
  }
  catch (const itk::ExceptionObject & error)
  {
    std::cerr << "AnalyticalEMCoreLossSimulation: " << error.GetDescription() << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
