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
// Prints the differential cross section dsigma/dE (barn/eV) of one edge as CSV (energy, value):
// hydrogenic (K or L2,3), or from a GOSH table with --gosh.
//
//   AnalyticalEMCrossSection ELEMENT EDGE [--beam kV] [--alpha mrad] [--beta mrad]
//       [--axis OFFSET DISPERSION SIZE] [--qsteps N] [--trapezoid] [--codata] [--gosh FILE]
//
// Defaults: the seed acquisition (300 kV, alpha 1e-6 mrad, beta 20 mrad) on 200 + 0.5 i eV,
// 2048 channels, 100 q steps, rectangle rule, pyEELSMODEL's constants.

#include "ExampleOutput.h"

#include "itkHydrogenicCrossSection.h"
#include "itkTabulatedCrossSection.h"

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>

namespace
{
int
Usage(const char * message)
{
  std::cerr << "AnalyticalEMCrossSection: " << message
            << "\nusage: AnalyticalEMCrossSection ELEMENT EDGE [--beam kV] [--alpha mrad] [--beta mrad]"
               " [--axis OFFSET DISPERSION SIZE] [--qsteps N] [--trapezoid] [--codata] [--gosh FILE]\n";
  return EXIT_FAILURE;
}
} // namespace

int
main(int argc, char * argv[])
{
  if (argc < 3)
  {
    return Usage("an element and an edge are needed");
  }
  const std::string element = argv[1];
  const std::string edge = argv[2];
  double            beam = 300.0, alpha = 1e-6, beta = 20.0, offset = 200.0, dispersion = 0.5, size = 2048.0;
  double            qSteps = 100.0;
  std::string       gosh;
  itk::CrossSectionSettings settings;
  for (int i = 3; i < argc; ++i)
  {
    const std::string option = argv[i];
    const auto        number = [&](double & value) { return i + 1 < argc && example::ParseNumber(argv[++i], value); };
    bool              ok = true;
    if (option == "--beam")
      ok = number(beam);
    else if (option == "--alpha")
      ok = number(alpha);
    else if (option == "--beta")
      ok = number(beta);
    else if (option == "--qsteps")
      ok = number(qSteps);
    else if (option == "--axis")
      ok = number(offset) && number(dispersion) && number(size);
    else if (option == "--trapezoid")
      settings.Integration = itk::MomentumIntegrationEnum::Trapezoid;
    else if (option == "--codata")
      settings.Constants = itk::EELSConstantsEnum::CODATA2018;
    else if (option == "--gosh" && i + 1 < argc)
      gosh = argv[++i];
    else
      ok = false;
    if (!ok)
    {
      return Usage(("bad option or value: " + option).c_str());
    }
  }
  if (!(size >= 1.0) || !(qSteps >= 2.0))
  {
    return Usage("the axis needs at least one channel and the q grid two steps");
  }
  try
  {
    settings.BeamVoltage = beam * 1e3;
    settings.ConvergenceSemiAngle = alpha * 1e-3;
    settings.CollectionSemiAngle = beta * 1e-3;
    settings.QSteps = static_cast<unsigned int>(qSteps);
    const itk::EnergyAxis     axis(offset, dispersion, static_cast<itk::SizeValueType>(size));
    const std::vector<double> values =
      gosh.empty() ? itk::HydrogenicCrossSection::FromEdge(element, edge).Compute(axis, settings)
                   : itk::TabulatedCrossSection::FromGOSH(gosh, element, edge).Compute(axis, settings);
    std::cout << "energy_eV," << element << "_" << edge << "\n" << std::setprecision(17);
    for (itk::SizeValueType c = 0; c < axis.GetSize(); ++c)
    {
      std::cout << axis.GetEnergy(static_cast<double>(c)) << "," << values[c] << "\n";
    }
  }
  catch (const itk::ExceptionObject & error)
  {
    std::cerr << "AnalyticalEMCrossSection: " << error.GetDescription() << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
