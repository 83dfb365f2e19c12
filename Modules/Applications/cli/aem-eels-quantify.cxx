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
// aem-eels-quantify CORELOSS ABUNDANCES [--lowLoss LL] [--crlb OUT] [--edges C:K,...]: see the XML.
#include "itkCoreLossQuantificationFilter.h"
#include "itkEELSEnumNames.h"
#include "itkHydrogenicCrossSection.h"
#include "itkEMCLIImages.h"
#include "itkEMCLISupport.h"
#include "itkEMMetaData.h"

#include <cmath>
#include <iostream>
#include <sstream>

#include EM_CLI_XML_HEADER

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
using FilterType = itk::CoreLossQuantificationFilter<SpectrumType>;

// The maps of one kind (abundance, CRLB, composition) as one VectorImage, a component per edge.
template <typename TGetMap>
FilterType::VectorMapImageType::Pointer
Stack(FilterType * filter, unsigned int edges, TGetMap getMap)
{
  auto stacked = FilterType::VectorMapImageType::New();
  stacked->CopyInformation(getMap(0u));
  stacked->SetMetaDataDictionary(getMap(0u)->GetMetaDataDictionary()); // quantity, units, spatial units
  stacked->SetRegions(getMap(0u)->GetBufferedRegion());
  stacked->SetNumberOfComponentsPerPixel(edges);
  stacked->Allocate();
  const itk::SizeValueType pixels = stacked->GetBufferedRegion().GetNumberOfPixels();
  std::string              names, edgeNames;
  for (unsigned int e = 0; e < edges; ++e)
  {
    const float * map = getMap(e)->GetBufferPointer();
    for (itk::SizeValueType p = 0; p < pixels; ++p)
    {
      stacked->GetBufferPointer()[p * edges + e] = map[p];
    }
    names += (e > 0 ? " " : "") + filter->GetEdges()[e].Element;
    edgeNames += (e > 0 ? " " : "") + filter->GetEdges()[e].Edge;
  }
  itk::EMMetaData::SetString(stacked->GetMetaDataDictionary(), itk::EMMetaDataKeys::Element, names);
  itk::EMMetaData::SetString(stacked->GetMetaDataDictionary(), "Edge", edgeNames);
  itk::EMMetaData::Erase(stacked->GetMetaDataDictionary(), itk::EMMetaDataKeys::AtomicNumber);
  return stacked;
}
// The microscope: the file's values, each replaced by its flag when given (>= 0).
itk::MicroscopeParameters
Microscope(const itk::EMCLI::CommandLine & cli, const itk::MetaDataDictionary & dictionary)
{
  itk::MicroscopeParameters microscope = itk::MicroscopeParameters::ReadFrom(dictionary);
  if (cli.GetDouble("beamEnergy") >= 0.0)
  {
    microscope.SetBeamEnergy(cli.GetDouble("beamEnergy"));
  }
  if (cli.GetDouble("convergenceAngle") >= 0.0)
  {
    microscope.SetConvergenceSemiAngle(cli.GetDouble("convergenceAngle"));
  }
  if (cli.GetDouble("collectionAngle") >= 0.0)
  {
    microscope.SetCollectionSemiAngle(cli.GetDouble("collectionAngle"));
  }
  const auto require = [&](bool has, const char * key, const char * flag, const char * unit) {
    if (!has)
    {
      itkGenericExceptionMacro(<< "the core loss has no " << key << " in its metadata: give " << flag << " (" << unit << ")");
    }
  };
  require(microscope.HasBeamEnergy(), "BeamEnergy", "--beamEnergy", "kV");
  require(microscope.HasConvergenceSemiAngle(), "ConvergenceSemiAngle", "--convergenceAngle", "mrad");
  require(microscope.HasCollectionSemiAngle(), "CollectionSemiAngle", "--collectionAngle", "mrad");
  return microscope;
}

// Settings far from any microscope's scale the cross sections, and so the abundances, by orders
// of magnitude (a Slicer form's minimums, 1 kV and 0.001 mrad, by 10^9): each edge's cross section
// 50 eV above its onset is compared with the one at 200 kV and a 10 mrad collection angle.
std::string
ImplausibleCrossSections(const std::vector<itk::QuantifiedEdge> & edges, const itk::MicroscopeParameters & microscope)
{
  itk::MicroscopeParameters typical;
  typical.SetBeamEnergy(200.0);
  typical.SetConvergenceSemiAngle(0.0);
  typical.SetCollectionSemiAngle(10.0);
  std::string warnings;
  for (const auto & edge : edges)
  {
    double ratio = 1.0;
    try
    {
      const auto            section = itk::HydrogenicCrossSection::FromEdge(edge.Element, edge.Edge);
      const itk::EnergyAxis at(section.GetOnsetEnergy() + 50.0, 1.0, 1);
      ratio = section.Compute(at, itk::CrossSectionSettings::FromMicroscope(microscope))[0] /
              section.Compute(at, itk::CrossSectionSettings::FromMicroscope(typical))[0];
    }
    catch (const itk::ExceptionObject &)
    {
      continue; // no hydrogenic model of this edge to compare with
    }
    if (!(ratio > 1e-3 && ratio < 1e3))
    {
      std::ostringstream text;
      text << (warnings.empty() ? "" : "; ") << edge.Element << " " << edge.Edge << ": its cross section at "
           << microscope << " is " << ratio << " times that at 200 kV and beta 10 mrad, so its abundance is "
           << 1.0 / ratio << " times larger: check the beam energy and the angles";
      warnings += text.str();
    }
  }
  return warnings;
}
} // namespace

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-eels-quantify", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    auto       filter = FilterType::New();
    cli.GetProgress().Stage("reading", 0.0, 0.1);
    const auto coreLoss = itk::EMCLI::ReadSpectrumImage<SpectrumType>(cli, "coreLoss");
    filter->SetInput(coreLoss);
    SpectrumType::Pointer lowLoss;
    if (cli.IsSet("lowLoss"))
    {
      lowLoss = itk::EMCLI::ReadSpectrumImage<SpectrumType>(cli, "lowLoss");
      filter->SetLowLoss(lowLoss);
    }
    const itk::MicroscopeParameters microscope = Microscope(cli, coreLoss->GetMetaDataDictionary());
    filter->SetMicroscopeParameters(microscope);
    const std::vector<itk::QuantifiedEdge> edges = itk::EMCLI::ParseEdges(cli.GetString("edges"));
    filter->SetEdges(edges);
    const auto crossSections = itk::EMCLI::ParseCrossSections(cli.GetString("crossSections"));
    filter->SetComputedCrossSections(crossSections.Computed);
    filter->SetGOSHFile(crossSections.GOSHFile);
    filter->SetFitter(itk::EMEnumFromToken<itk::QuantificationFitterEnum>(cli.GetString("fitter")));
    if (!cli.GetString("backgroundExponents").empty())
    {
      filter->SetBackgroundExponents(cli.GetDoubleVector("backgroundExponents"));
    }
    if (cli.IsSet("fitWindow"))
    {
      const auto window = cli.GetDoubleVector("fitWindow");
      if (window.size() != 2)
      {
        itkGenericExceptionMacro(<< "--fitWindow: expected START,END in eV");
      }
      filter->SetFitWindow(window[0], window[1]);
    }
    if (cli.IsSet("excluded"))
    {
      const auto values = cli.GetDoubleVector("excluded");
      if (values.size() % 2 != 0)
      {
        itkGenericExceptionMacro(<< "--exclude: expected start,end pairs in eV");
      }
      std::vector<std::pair<double, double>> ranges;
      for (size_t i = 0; i < values.size(); i += 2)
      {
        ranges.emplace_back(values[i], values[i + 1]);
      }
      filter->SetExcludedRanges(ranges);
    }
    filter->SetMultipleScattering(!cli.GetBoolean("singleScattering"));
    filter->SetEdgesNonNegative(cli.GetBoolean("edgesNonNegative"));
    filter->SetComputeModel(cli.IsSet("model"));
    cli.GetProgress().Stage("quantification", 0.1, 0.9);
    cli.GetProgress().Observe(filter);
    filter->Update();
    cli.GetProgress().Stage("writing", 0.9, 1.0);
    const auto count = static_cast<unsigned int>(edges.size());
    itk::EMCLI::Write(cli, "abundances", filter->GetAbundances());
    if (cli.IsSet("crlb"))
    {
      itk::EMCLI::Write(cli, "crlb", Stack(filter, count, [&](unsigned int e) { return filter->GetCRLBMap(e); }).GetPointer());
    }
    if (cli.IsSet("composition"))
    {
      itk::EMCLI::Write(cli, "composition",
                        Stack(filter, count, [&](unsigned int e) { return filter->GetCompositionMap(e); }).GetPointer());
    }
    if (cli.IsSet("model"))
    {
      itk::EMCLI::Write(cli, "model", filter->GetModel());
    }
    if (cli.IsSet("fitStatus"))
    {
      itk::EMCLI::Write(cli, "fitStatus", filter->GetFitStatusMap());
    }
    std::ostringstream means;
    for (unsigned int e = 0; e < count; ++e)
    {
      double             sum = 0.0;
      itk::SizeValueType valid = 0;
      const auto *       map = filter->GetAbundanceMap(e);
      for (itk::SizeValueType p = 0; p < map->GetBufferedRegion().GetNumberOfPixels(); ++p)
      {
        if (std::isfinite(map->GetBufferPointer()[p]))
        {
          sum += map->GetBufferPointer()[p];
          ++valid;
        }
      }
      means << (e > 0 ? "," : "") << edges[e].Element << ":" << (valid > 0 ? sum / valid : std::nan(""));
    }
    cli.SetReturnParameter("meanAbundances", means.str());
    std::string warnings = filter->GetFitSummary();
    const std::string implausible = ImplausibleCrossSections(edges, microscope);
    warnings += (warnings.empty() || implausible.empty() ? "" : " ") + implausible;
    if (!warnings.empty())
    {
      std::cerr << "aem-eels-quantify: warning: " << warnings << std::endl;
    }
    cli.SetReturnParameter("warnings", warnings);
    cli.SetReturnParameter("invalidPixels", std::to_string(filter->GetNumberOfInvalidPixels()));
  });
}
