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
// aem-eels-simulate CORELOSS LOWLOSS [--width N] [--height N] [--drift seed|none] ...: see the XML.
#include "itkCoreLossSimulator.h"
#include "itkEMCLIImages.h"

#include <filesystem>

#include EM_CLI_XML_HEADER

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-eels-simulate", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    using SimulatorType = itk::CoreLossSimulator<float>;
    const auto maps = SimulatorType::SeedMaps::Make(static_cast<itk::SizeValueType>(cli.GetInteger("width")),
                                                  static_cast<itk::SizeValueType>(cli.GetInteger("height")));
    auto simulator = SimulatorType::New();
    simulator->SetSeedMaps(maps);
    simulator->SetDrift(itk::EMEnumFromToken<itk::SimulatedDriftEnum>(cli.GetString("drift")));
    simulator->SetAddNoise(!cli.GetBoolean("noiseless"));
    simulator->SetSeed(static_cast<std::uint64_t>(cli.GetInteger("seed")));
    cli.GetProgress().Stage("simulation", 0.0, 0.7);
    cli.GetProgress().Observe(simulator);
    simulator->Update();
    cli.GetProgress().Stage("writing", 0.7, 1.0);
    itk::EMCLI::Write(cli, "coreLoss", simulator->GetCoreLossOutput());
    itk::EMCLI::Write(cli, "lowLoss", simulator->GetLowLossOutput());
    if (cli.IsSet("truthDirectory"))
    {
      const std::filesystem::path folder = cli.OutputDirectory("truthDirectory");
      for (size_t e = 0; e < maps.Elements.size(); ++e)
      {
        itk::EMCLI::WriteImageFile(maps.Abundances[e].GetPointer(), (folder / ("truth_" + maps.Elements[e] + ".mha")).string());
      }
      itk::EMCLI::WriteImageFile(maps.Thickness.GetPointer(), (folder / "truth_tlambda.mha").string());
    }
  });
}
