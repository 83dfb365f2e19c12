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
// aem-pipeline OUTPUT_FOLDER [--coreLoss CL [--lowLoss LL]] [--haadf H --map M ...]: see the XML.
// Simulated (default): simulate -> align -> quantify -> ADF-like image -> fuse, with accuracy
// against the truth in summary.txt. Real data: the stages that apply to what is given.
#include "itkCoreLossQuantificationFilter.h"
#include "itkCoreLossSimulator.h"
#include "itkEELSAlignFilter.h"
#include "itkEELSEdgeTable.h"
#include "itkEMCLIImages.h"
#include "itkEMCLISupport.h"
#include "itkEMMetaData.h"
#include "itkFusedMultiModalImageFilter.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include EM_CLI_XML_HEADER

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
using MapType = itk::Image<float, 2>;
using QuantifyType = itk::CoreLossQuantificationFilter<SpectrumType>;
using FusionType = itk::FusedMultiModalImageFilter<MapType>;

class Pipeline
{
public:
  Pipeline(itk::EMCLI::CommandLine & cli)
    : m_CLI(cli)
    , m_Folder(cli.OutputDirectory("outputDirectory"))
  {}

  void
  Run();

private:
  // Runs one stage, timed, with its share [first, last] of the progress.
  template <typename TFunction>
  void
  Stage(const std::string & name, double first, double last, TFunction && function)
  {
    m_CLI.GetProgress().Stage(name, first, last);
    const auto start = std::chrono::steady_clock::now();
    function();
    m_Times.emplace_back(name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  template <typename TImage>
  void
  Write(const TImage * image, const std::string & name) const
  {
    itk::EMCLI::WriteImageFile(image, (m_Folder / name).string());
  }
  void
  Simulate();
  void
  Align();
  void
  Quantify();
  void
  MakeADF();
  /** \a adfExponent > 0: the HAADF is sum_e (Z_e c_e)^adfExponent (the simulated ADF), which
   * the fusion's model then uses (gamma and weights Z^gamma). */
  void
  Fuse(const MapType * haadf, const std::vector<MapType::ConstPointer> & maps, double adfExponent = 0.0);
  void
  WriteSummary() const;

  itk::EMCLI::CommandLine &                 m_CLI;
  std::filesystem::path                     m_Folder;
  std::vector<itk::QuantifiedEdge>          m_Edges;
  itk::EMCLI::CrossSectionChoice            m_CrossSections;
  SpectrumType::ConstPointer                m_CoreLoss;
  SpectrumType::ConstPointer                m_LowLoss;
  std::vector<MapType::Pointer>             m_Truth;
  std::vector<MapType::ConstPointer>        m_Abundances;
  std::vector<MapType::ConstPointer>        m_CRLB;
  std::vector<MapType::ConstPointer>        m_Fused;
  MapType::Pointer                          m_ADF;
  std::vector<std::pair<std::string, double>> m_Times;
  itk::SizeValueType                        m_InvalidAligned{ 0 };
  itk::SizeValueType                        m_InvalidFits{ 0 };
  std::string                               m_FitSummary;
  std::string                               m_FusionWarnings;
};

void
Pipeline::Simulate()
{
  using SimulatorType = itk::CoreLossSimulator<float>;
  const auto size = static_cast<itk::SizeValueType>(m_CLI.GetInteger("size"));
  const auto maps = SimulatorType::SeedMaps::Make(size, size);
  // The accuracy report and the ADF image need the truth of every quantified edge.
  for (const auto & edge : m_Edges)
  {
    const auto found = std::find(maps.Elements.begin(), maps.Elements.end(), edge.Element);
    if (found == maps.Elements.end())
    {
      itkGenericExceptionMacro(<< "--edges: " << edge.Element << " is not simulated (the seed has C, N, O, Fe)");
    }
    m_Truth.push_back(maps.Abundances[found - maps.Elements.begin()]);
  }
  auto simulator = SimulatorType::New();
  simulator->SetSeedMaps(maps);
  simulator->SetDrift(itk::SimulatedDriftEnum::SeedPattern);
  simulator->SetSeed(static_cast<std::uint64_t>(m_CLI.GetInteger("seed")));
  m_CLI.GetProgress().Observe(simulator);
  simulator->Update();
  m_CoreLoss = simulator->GetCoreLossOutput();
  m_LowLoss = simulator->GetLowLossOutput();
  this->Write(m_CoreLoss.GetPointer(), "coreloss.mha");
  this->Write(m_LowLoss.GetPointer(), "lowloss.mha");
  for (size_t e = 0; e < maps.Elements.size(); ++e)
  {
    this->Write(maps.Abundances[e].GetPointer(), "truth_" + maps.Elements[e] + ".mha");
  }
  this->Write(maps.Thickness.GetPointer(), "truth_tlambda.mha");
}

void
Pipeline::Align()
{
  auto align = itk::EELSAlignFilter<SpectrumType>::New();
  align->SetInput(m_LowLoss);
  align->SetCompanion(0, m_CoreLoss);
  align->SetMethod(itk::ZeroLossMethodEnum::CrossCorrelation);
  align->SetShift(itk::SpectrumShiftEnum::Linear); // as the seed workflow shifts (pyEELSMODEL)
  m_CLI.GetProgress().Observe(align);
  align->Update();
  m_LowLoss = align->GetOutput(0);
  m_CoreLoss = align->GetOutput(1);
  m_InvalidAligned = align->GetNumberOfInvalidPixels();
  this->Write(align->GetShiftMap(), "shift_eV.mha");
  this->Write(m_CoreLoss.GetPointer(), "coreloss_aligned.mha");
  this->Write(m_LowLoss.GetPointer(), "lowloss_aligned.mha");
}

void
Pipeline::Quantify()
{
  auto quantify = QuantifyType::New();
  quantify->SetInput(m_CoreLoss);
  if (m_LowLoss != nullptr)
  {
    quantify->SetLowLoss(m_LowLoss);
  }
  else
  {
    quantify->SetMultipleScattering(false);
  }
  quantify->SetEdges(m_Edges);
  quantify->SetComputedCrossSections(m_CrossSections.Computed);
  quantify->SetGOSHFile(m_CrossSections.GOSHFile);
  m_CLI.GetProgress().Observe(quantify);
  quantify->Update();
  m_InvalidFits = quantify->GetNumberOfInvalidPixels();
  m_FitSummary = quantify->GetFitSummary();
  if (!m_FitSummary.empty())
  {
    std::cerr << "aem-pipeline: warning: " << m_FitSummary << std::endl;
  }
  for (unsigned int e = 0; e < m_Edges.size(); ++e)
  {
    const std::string name = m_Edges[e].Element + "_" + m_Edges[e].Edge;
    m_Abundances.emplace_back(quantify->GetAbundanceMap(e));
    m_CRLB.emplace_back(quantify->GetCRLBMap(e));
    this->Write(quantify->GetAbundanceMap(e), name + "_abundance.mha");
    this->Write(quantify->GetCRLBMap(e), name + "_crlb.mha");
  }
}

void
Pipeline::MakeADF()
{
  std::vector<const MapType *> truth;
  std::vector<std::string>     elements;
  for (size_t e = 0; e < m_Edges.size(); ++e)
  {
    truth.push_back(m_Truth[e].GetPointer());
    elements.push_back(m_Edges[e].Element);
  }
  m_ADF = itk::MakeADFLikeContrast(truth, elements);
  this->Write(m_ADF.GetPointer(), "adf.mha");
}

void
Pipeline::Fuse(const MapType * haadf, const std::vector<MapType::ConstPointer> & maps, double adfExponent)
{
  auto fusion = FusionType::New();
  fusion->SetHAADF(haadf);
  if (adfExponent > 0.0)
  {
    fusion->SetGamma(adfExponent);
  }
  std::vector<double>      z;
  std::vector<std::string> names;
  for (unsigned int e = 0; e < maps.size(); ++e)
  {
    // Abundances are estimates: noise makes some negative (and unfitted pixels are NaN), while
    // the fusion's Poisson model needs maps >= 0.
    auto map = MapType::New();
    map->CopyInformation(maps[e]);
    map->SetRegions(maps[e]->GetBufferedRegion());
    map->Allocate();
    for (itk::SizeValueType p = 0; p < map->GetBufferedRegion().GetNumberOfPixels(); ++p)
    {
      const float value = maps[e]->GetBufferPointer()[p];
      map->GetBufferPointer()[p] = std::isfinite(value) && value > 0.0f ? value : 0.0f;
    }
    fusion->SetChemicalMap(e, map);
    if (e < m_Edges.size())
    {
      names.push_back(m_Edges[e].Element);
      z.push_back(itk::EELSEdgeTable::GetAtomicNumber(m_Edges[e].Element));
    }
  }
  if (!names.empty())
  {
    fusion->SetElementNames(names);
    fusion->SetAtomicNumbers(z);
  }
  m_CLI.GetProgress().Observe(fusion);
  fusion->Update();
  for (const auto & warning : fusion->GetWarnings())
  {
    std::cerr << "aem-pipeline: warning: fusion: " << warning << std::endl;
    m_FusionWarnings += "fusion: " + warning + "\n";
  }
  for (unsigned int e = 0; e < maps.size(); ++e)
  {
    m_Fused.emplace_back(fusion->GetOutput(e));
    const std::string element =
      itk::EMMetaData::Has(fusion->GetOutput(e)->GetMetaDataDictionary(), itk::EMMetaDataKeys::Element)
        ? itk::EMMetaData::GetString(fusion->GetOutput(e)->GetMetaDataDictionary(), itk::EMMetaDataKeys::Element)
        : "map" + std::to_string(e);
    this->Write(fusion->GetOutput(e), "fused_" + element + ".mha");
  }
  this->Write(fusion->GetModelHAADF(), "model_HAADF.mha");
  itk::EMCLI::WriteCosts((m_Folder / "fusion_costs.csv").string(), fusion->GetCostIterations(), fusion->GetCostHAADF(),
                         fusion->GetCostChem(), fusion->GetCostTV());
}

void
Pipeline::WriteSummary() const
{
  std::ostringstream summary;
  summary << std::fixed;
  if (!m_Abundances.empty())
  {
    summary << "Quantification (" << m_Abundances.front()->GetBufferedRegion().GetSize() << " pixels, "
            << m_InvalidAligned << " without a zero loss, " << m_InvalidFits << " not fitted)\n";
    if (!m_FitSummary.empty())
    {
      summary << m_FitSummary << "\n";
    }
    summary << "edge     mean      mean CRLB";
    if (!m_Truth.empty())
    {
      summary << "  truth mean  RMS error  fused RMS error";
    }
    summary << "\n";
    for (size_t e = 0; e < m_Abundances.size(); ++e)
    {
      double mean = 0.0, crlb = 0.0, truth = 0.0, squares = 0.0, fusedSquares = 0.0, count = 0.0;
      for (itk::SizeValueType p = 0; p < m_Abundances[e]->GetBufferedRegion().GetNumberOfPixels(); ++p)
      {
        const double a = m_Abundances[e]->GetBufferPointer()[p];
        if (!std::isfinite(a))
        {
          continue;
        }
        count += 1.0;
        mean += a;
        crlb += m_CRLB[e]->GetBufferPointer()[p];
        if (!m_Truth.empty())
        {
          const double t = m_Truth[e]->GetBufferPointer()[p];
          truth += t;
          squares += (a - t) * (a - t);
          if (e < m_Fused.size())
          {
            const double f = m_Fused[e]->GetBufferPointer()[p];
            fusedSquares += (f - t) * (f - t);
          }
        }
      }
      summary << std::left << std::setw(8) << (m_Edges[e].Element + " " + m_Edges[e].Edge) << std::right
              << std::setprecision(4) << std::setw(7) << mean / count << std::setw(12) << crlb / count;
      if (!m_Truth.empty())
      {
        summary << std::setw(12) << truth / count << std::setw(11) << std::sqrt(squares / count);
        if (e < m_Fused.size())
        {
          summary << std::setw(17) << std::sqrt(fusedSquares / count);
        }
      }
      summary << "\n";
    }
  }
  summary << m_FusionWarnings;
  summary << "\nstage            seconds\n";
  double total = 0.0;
  for (const auto & [name, seconds] : m_Times)
  {
    summary << std::left << std::setw(16) << name << std::right << std::setprecision(2) << std::setw(8) << seconds << "\n";
    total += seconds;
  }
  summary << std::left << std::setw(16) << "total" << std::right << std::setw(8) << total << "\n";
  itk::EMCLI::OutputTransaction::WriteText((m_Folder / "summary.txt").string(), summary.str());
}

void
Pipeline::Run()
{
  m_Edges = itk::EMCLI::ParseEdges(m_CLI.GetString("edges"));
  m_CrossSections = itk::EMCLI::ParseCrossSections(m_CLI.GetString("crossSections"));
  const bool realSpectra = m_CLI.IsSet("coreLoss");
  const bool haadf = m_CLI.IsSet("haadf");
  if (m_CLI.IsSet("lowLoss") && !realSpectra)
  {
    itkGenericExceptionMacro(<< "--lowLoss needs the core loss it belongs to (--coreLoss FILE)");
  }
  if (!m_CLI.GetAll("maps").empty() && (!haadf || realSpectra))
  {
    itkGenericExceptionMacro(<< "--map is fused with a HAADF image: give --haadf FILE (and no --coreLoss)");
  }
  if (!realSpectra && !haadf)
  {
    this->Stage("simulation", 0.0, 0.15, [&]() { this->Simulate(); });
    this->Stage("alignment", 0.15, 0.3, [&]() { this->Align(); });
    this->Stage("quantification", 0.3, 0.55, [&]() { this->Quantify(); });
    this->Stage("ADF image", 0.55, 0.56, [&]() { this->MakeADF(); });
    this->Stage("fusion", 0.56, 1.0, [&]() { this->Fuse(m_ADF, m_Abundances, 2.0); });
  }
  else if (realSpectra)
  {
    this->Stage("reading", 0.0, 0.1, [&]() {
      m_CoreLoss = itk::EMCLI::Read<SpectrumType>(m_CLI.GetString("coreLoss"));
      if (m_CLI.IsSet("lowLoss"))
      {
        m_LowLoss = itk::EMCLI::Read<SpectrumType>(m_CLI.GetString("lowLoss"));
      }
    });
    if (m_LowLoss != nullptr)
    {
      this->Stage("alignment", 0.1, 0.3, [&]() { this->Align(); });
    }
    this->Stage("quantification", 0.3, haadf ? 0.6 : 1.0, [&]() { this->Quantify(); });
    if (haadf)
    {
      this->Stage("fusion", 0.6, 1.0, [&]() {
        this->Fuse(itk::EMCLI::Read<MapType>(m_CLI.GetString("haadf")), m_Abundances);
      });
    }
  }
  else
  {
    m_Edges.clear(); // names and atomic numbers come from the maps' metadata
    this->Stage("fusion", 0.0, 1.0, [&]() {
      std::vector<MapType::ConstPointer> maps;
      for (const auto & file : m_CLI.GetAll("maps"))
      {
        maps.emplace_back(itk::EMCLI::Read<MapType>(file));
      }
      if (maps.empty())
      {
        itkGenericExceptionMacro(<< "--haadf needs the chemical maps (--map FILE, repeated) or --coreLoss");
      }
      this->Fuse(itk::EMCLI::Read<MapType>(m_CLI.GetString("haadf")), maps);
    });
  }
  this->WriteSummary();
}
} // namespace

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-pipeline", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    Pipeline(cli).Run();
  });
}
