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
// aem-fuse HAADF FUSED --map A --map B ... [--mode proximal|reference] ...: see aem-fuse.xml.
#include "itkEMCLIImages.h"
#include "itkEMCLISupport.h"
#include "itkFusedMultiModalImageFilter.h"

#include <iostream>
#include <sstream>

#include EM_CLI_XML_HEADER

namespace
{
template <unsigned int VDimension>
void
Fuse(itk::EMCLI::CommandLine & cli)
{
  using ImageType = itk::Image<float, VDimension>;
  using FilterType = itk::FusedMultiModalImageFilter<ImageType>;
  auto filter = FilterType::New();
  cli.GetProgress().Stage("reading", 0.0, 0.05);
  filter->SetHAADF(itk::EMCLI::Read<ImageType>(cli.GetString("haadf")));
  std::vector<typename ImageType::Pointer> maps;
  for (const auto & path : cli.GetAll("maps"))
  {
    maps.push_back(itk::EMCLI::Read<ImageType>(path));
  }
  if (cli.IsSet("mapStack"))
  {
    // Each component labelled as a map file of its own is (Element, AtomicNumber), from the
    // stack's Element entry.
    const auto stack = itk::EMCLI::Read<itk::VectorImage<float, VDimension>>(cli.GetString("mapStack"));
    const auto elements =
      itk::EMCLI::ComponentElements(stack->GetMetaDataDictionary(), stack->GetNumberOfComponentsPerPixel());
    const auto components = itk::EMCLI::SplitComponents(stack.GetPointer());
    for (unsigned int c = 0; c < components.size(); ++c)
    {
      if (!elements.empty())
      {
        itk::EMCLI::LabelElementMap(components[c]->GetMetaDataDictionary(), elements[c]);
      }
      maps.push_back(components[c]);
    }
  }
  if (maps.empty())
  {
    itkGenericExceptionMacro(<< "no chemical map: give each with --map FILE, or all as the components of --mapStack FILE");
  }
  for (unsigned int e = 0; e < maps.size(); ++e)
  {
    filter->SetChemicalMap(e, maps[e]);
  }
  if (cli.IsSet("elements"))
  {
    filter->SetElementNames(cli.GetStringVector("elements"));
  }
  if (cli.IsSet("atomicNumbers"))
  {
    filter->SetAtomicNumbers(cli.GetDoubleVector("atomicNumbers"));
  }
  filter->SetMode(itk::EMEnumFromToken<itk::FusionModeEnum>(cli.GetString("mode")));
  filter->SetGamma(cli.GetDouble("gamma"));
  const bool lambdaTVGiven = cli.GetDouble("lambdaTV") >= 0.0; // negative: the mode's own default
  if (filter->GetMode() == itk::FusionModeEnum::ReferenceCompatible)
  {
    itk::FusionReferenceSettings settings;
    settings.SetWeighting(itk::EMEnumFromToken<itk::FusionWeightingEnum>(cli.GetString("weighting")));
    settings.SetLambdaChem(cli.GetDouble("lambdaChem"));
    settings.SetLambdaTV(lambdaTVGiven ? cli.GetDouble("lambdaTV") : settings.GetLambdaTV());
    settings.SetBackground(cli.GetDouble("background"));
    settings.SetIterations(static_cast<itk::SizeValueType>(cli.GetInteger("iterations")));
    settings.SetTVIterations(static_cast<itk::SizeValueType>(cli.GetInteger("tvIterations")));
    filter->SetReferenceSettings(settings);
  }
  else
  {
    itk::FusionProximalSettings settings;
    settings.SetAutomaticParameters(!cli.GetBoolean("fixedParameters"));
    settings.SetLambdaTV(lambdaTVGiven ? cli.GetDouble("lambdaTV") : settings.GetLambdaTV());
    filter->SetProximalSettings(settings);
  }
  cli.GetProgress().Stage("fusion", 0.05, 0.95);
  cli.GetProgress().Observe(filter);
  filter->Update();
  cli.GetProgress().Stage("writing", 0.95, 1.0);
  itk::EMCLI::Write(cli, "fused", filter->GetFusedMaps());
  if (cli.IsSet("modelHAADF"))
  {
    itk::EMCLI::Write(cli, "modelHAADF", filter->GetModelHAADF());
  }
  if (cli.IsSet("costs"))
  {
    itk::EMCLI::WriteCosts(cli.OutputPath("costs"), filter->GetCostIterations(), filter->GetCostHAADF(),
                           filter->GetCostChem(), filter->GetCostTV());
  }
  std::ostringstream lambdas;
  for (size_t e = 0; e < filter->GetSelectedLambdaTV().size(); ++e)
  {
    lambdas << (e > 0 ? "," : "") << filter->GetSelectedLambdaTV()[e];
  }
  cli.SetReturnParameter("iterationsPerformed", std::to_string(filter->GetNumberOfIterationsPerformed()));
  cli.SetReturnParameter("selectedLambdaTV", lambdas.str());
  // What the run could not be sure of, and the scale it assumed: printed and returned.
  std::string warnings;
  for (const auto & warning : filter->GetWarnings())
  {
    std::cerr << "aem-fuse: warning: " << warning << std::endl;
    warnings += (warnings.empty() ? "" : "; ") + warning;
  }
  std::ostringstream balance, scale;
  for (size_t e = 0; e < filter->GetMassBalance().size(); ++e)
  {
    balance << (e > 0 ? "," : "") << filter->GetMassBalance()[e];
    scale << (e > 0 ? "," : "") << filter->GetAssumedCountsPerUnit()[e];
  }
  cli.SetReturnParameter("converged", filter->GetConverged() ? "true" : "false");
  cli.SetReturnParameter("massBalance", balance.str());
  cli.SetReturnParameter("countsPerUnit", scale.str());
  cli.SetReturnParameter("haadfIsCounts", filter->GetHAADFIsCounts() ? "true" : "false");
  cli.SetReturnParameter("haadfCountsPerUnit", std::to_string(filter->GetHAADFCountsPerUnit()));
  cli.SetReturnParameter("warnings", warnings);
}
} // namespace

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-fuse", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    const auto info = itk::EMCLI::ReadImageInfo(cli.GetString("haadf"));
    if (info.Components != 1 || (info.SpatialDimension != 2 && info.SpatialDimension != 3))
    {
      itkGenericExceptionMacro(<< cli.GetString("haadf") << ": expected a scalar 2-D or 3-D HAADF image");
    }
    for (const auto & map : cli.GetAll("maps"))
    {
      const auto mapInfo = itk::EMCLI::ReadImageInfo(map);
      if (mapInfo.Components != 1 || mapInfo.SpatialDimension != info.SpatialDimension)
      {
        itkGenericExceptionMacro(<< "--map " << map << ": expected a scalar " << info.SpatialDimension
                                 << "-D map like the HAADF, found " << mapInfo.SpatialDimension << "-D with "
                                 << mapInfo.Components << " values per pixel");
      }
    }
    if (cli.IsSet("mapStack"))
    {
      const auto stackInfo = itk::EMCLI::ReadImageInfo(cli.GetString("mapStack"));
      if (stackInfo.SpatialDimension != info.SpatialDimension)
      {
        itkGenericExceptionMacro(<< "--mapStack " << cli.GetString("mapStack") << ": expected a " << info.SpatialDimension
                                 << "-D image like the HAADF, found " << stackInfo.SpatialDimension << "-D");
      }
    }
    if (info.SpatialDimension == 2)
    {
      Fuse<2>(cli);
    }
    else
    {
      Fuse<3>(cli);
    }
  });
}
