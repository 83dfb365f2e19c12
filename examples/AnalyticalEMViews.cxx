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
// The main job's pictures of an aem-pipeline run on the simulated seed scan:
//   AnalyticalEMViews PIPELINE_FOLDER
// writes PIPELINE_FOLDER/views/:
//   quantification_montage.png  abundance and CRLB map of every edge;
//   explorer.png                the aligned core loss in the spectrum-image explorer: the C K
//                               abundance as navigator, the 5 x 5 mean at the scan's centre with
//                               the fitted background and edges, edge onsets;
//   fusion_montage.png          per element: the truth, the quantified map and the fused map;
//   fusion_convergence.png      the fusion's three cost curves (fusion_costs.csv).
// Needs an X display (the README's command runs it under xvfb-run).
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkConvergencePlot.h"
#include "itkCoreLossQuantificationFilter.h"
#include "itkImageFileReader.h"
#include "itkMapMontage.h"
#include "itkQuantificationOverlay.h"
#include "itkSpectrumImageViewer.h"

#include "ExampleOutput.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace
{
using MapType = itk::MapMontage::ImageType;
using SpectrumType = itk::SpectrumImageViewer::SpectrumImageType;
const std::vector<std::pair<std::string, std::string>> Edges{ { "C", "K" }, { "N", "K" }, { "O", "K" }, { "Fe", "L" } };

void
QuantificationMontage(const std::string & results, const std::string & views)
{
  auto montage = itk::MapMontage::New();
  for (const auto & kind : { std::string("abundance"), std::string("crlb") })
  {
    for (const auto & edge : Edges)
    {
      const std::string name = edge.first + "_" + edge.second;
      montage->AddMap(itk::ReadImage<MapType>(results + "/" + name + "_" + kind + ".mha"),
                      edge.first + " " + edge.second + (kind == "crlb" ? " CRLB" : " abundance"));
    }
  }
  montage->SetNumberOfColumns(4);
  montage->SetSize(1400, 640);
  montage->WriteScreenshot(views + "/quantification_montage.png");
}

void
Explorer(const std::string & results, const std::string & views)
{
  const auto coreLoss = itk::ReadImage<SpectrumType>(results + "/coreloss_aligned.mha");
  const auto lowLoss = itk::ReadImage<SpectrumType>(results + "/lowloss_aligned.mha");
  // The fit of aem-pipeline (same defaults), for the model's parts.
  auto filter = itk::CoreLossQuantificationFilter<SpectrumType>::New();
  filter->SetInput(coreLoss);
  filter->SetLowLoss(lowLoss);
  std::vector<itk::QuantifiedEdge> edges;
  for (const auto & edge : Edges)
  {
    edges.push_back({ edge.first, edge.second });
  }
  filter->SetEdges(edges);
  filter->Update();
  auto viewer = itk::SpectrumImageViewer::New();
  viewer->SetSpectrumImage(coreLoss);
  viewer->SetNavigatorImage(filter->GetAbundanceMap(0));
  viewer->SetNavigatorTitle("C K abundance");
  viewer->SetColorMap(itk::EMColorMapEnum::Viridis);
  viewer->SetOverlayProvider(itk::MakeQuantificationOverlay(filter.GetPointer(), lowLoss.GetPointer()));
  for (unsigned int e = 0; e < edges.size(); ++e)
  {
    viewer->AddEdgeMarker(edges[e].Element + " " + edges[e].Edge, filter->GetDesign()->GetOnsetEnergy(e));
  }
  const auto size = coreLoss->GetBufferedRegion().GetSize();
  viewer->SetPixel({ { static_cast<itk::IndexValueType>(size[0] / 2), static_cast<itk::IndexValueType>(size[1] / 2) } });
  viewer->SetBoxRadius(2);
  viewer->SetSize(1400, 600);
  viewer->WriteScreenshot(views + "/explorer.png");
}

void
FusionViews(const std::string & results, const std::string & views)
{
  auto montage = itk::MapMontage::New();
  for (const auto & kind : { std::string("truth"), std::string("quantified"), std::string("fused") })
  {
    for (const auto & edge : Edges)
    {
      const std::string file = kind == "truth"        ? "truth_" + edge.first
                               : kind == "quantified" ? edge.first + "_" + edge.second + "_abundance"
                                                      : "fused_" + edge.first;
      montage->AddMap(itk::ReadImage<MapType>(results + "/" + file + ".mha"), edge.first + " " + kind);
    }
  }
  montage->SetNumberOfColumns(4);
  montage->SetColorMap(itk::EMColorMapEnum::Hot);
  montage->SetSize(1400, 900);
  montage->WriteScreenshot(views + "/fusion_montage.png");

  std::ifstream csv(results + "/fusion_costs.csv");
  std::string   line;
  std::getline(csv, line); // iteration,costHAADF,costChem,costTV
  std::vector<std::vector<double>> columns(4);
  while (std::getline(csv, line))
  {
    std::istringstream fields(line);
    std::string        field;
    for (auto & column : columns)
    {
      double value = 0.0;
      if (!std::getline(fields, field, ',') || !example::ParseNumber(field, value))
      {
        throw std::runtime_error("fusion_costs.csv: unreadable line " + line);
      }
      column.push_back(value);
    }
  }
  auto plot = itk::ConvergencePlot::New();
  const char * panels[] = { "HAADF cost", "chemical (Poisson) cost", "TV cost" };
  for (int c = 0; c < 3; ++c)
  {
    plot->AddCurve(panels[c], "proximal gradient", columns[0], columns[c + 1]);
  }
  plot->SetSize(1200, 360);
  plot->WriteScreenshot(views + "/fusion_convergence.png");
}
} // namespace

int
main(int argc, char * argv[])
{
  if (argc != 2)
  {
    std::cerr << "usage: AnalyticalEMViews PIPELINE_FOLDER" << std::endl;
    return EXIT_FAILURE;
  }
  try
  {
    itk::AnalyticalEMImageIOFactory::RegisterOneFactory();
    const std::string results = argv[1];
    const std::string views = results + "/views";
    if (!example::MakeFolder(views))
    {
      throw std::runtime_error("cannot create " + views);
    }
    QuantificationMontage(results, views);
    Explorer(results, views);
    FusionViews(results, views);
    std::cout << "Views written to " << views << "/" << std::endl;
  }
  catch (const itk::ExceptionObject & error)
  {
    std::cerr << "AnalyticalEMViews: " << error.GetDescription() << std::endl;
    return EXIT_FAILURE;
  }
  catch (const std::exception & error)
  {
    std::cerr << "AnalyticalEMViews: " << error.what() << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
