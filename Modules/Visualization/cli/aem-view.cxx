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
// aem-view FILE... [--png OUT.png] [--size W,H]: see aem-view.xml.
//   - one spectrum image (several channels per pixel): the spectrum-image explorer, with a
//     second, scalar file of the same scan as its navigator; a 1 x 1 one: a spectrum plot;
//   - scalar 2-D images (maps): a montage.
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkEMCommandLine.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkEMImageFiles.h"
#include "itkEMImageFileReader.h"
#include "itkImageIOFactory.h"
#include "itkMapMontage.h"
#include "itkSpectrumImageViewer.h"
#include "itkSpectrumPlot.h"
#include "itkVectorImage.h"
#include "itksys/SystemTools.hxx"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include EM_CLI_XML_HEADER

namespace
{
struct Options
{
  unsigned int             Columns{ 0 };
  bool                     SharedRange{ false };
  bool                     Logarithmic{ false };
  std::vector<std::string> Files;
};

struct FileInfo
{
  unsigned int Dimensions{ 0 };
  unsigned int Components{ 0 };
  bool         SpectrumImage{ false };
};

FileInfo
Inspect(const std::string & file)
{
  itk::ImageIOBase::Pointer io = itk::ImageIOFactory::CreateImageIO(file.c_str(), itk::ImageIOFactory::IOFileModeEnum::ReadMode);
  if (io == nullptr)
  {
    itkGenericExceptionMacro(<< file << ": not a readable image (missing, or a format no reader knows)");
  }
  io->SetFileName(file);
  io->ReadImageInformation();
  itk::EMImageFiles::CheckComplete(file, *io);
  FileInfo info;
  info.Dimensions = io->GetNumberOfDimensions();
  info.Components = io->GetNumberOfComponents();
  // Several values per pixel without an energy axis are a stack of maps (abundances, fused maps).
  info.SpectrumImage = itk::EnergyAxis::IsDefinedIn(io->GetMetaDataDictionary());
  const bool flat = info.Dimensions <= 2 || (info.Dimensions == 3 && io->GetDimensions(2) == 1);
  if (!flat)
  {
    itkGenericExceptionMacro(<< file << ": " << info.Dimensions << "-D images are not shown by aem-view");
  }
  return info;
}

using MapType = itk::MapMontage::ImageType;

// A file name without folder and extension.
std::string
Stem(const std::string & file)
{
  return itksys::SystemTools::GetFilenameWithoutLastExtension(itksys::SystemTools::GetFilenameName(file));
}

// "C K Abundance": the element, edge and quantity a map's metadata name; else its file's name.
std::string
Title(const itk::MetaDataDictionary & dictionary, const std::string & file)
{
  std::string title;
  for (const char * key : { itk::EMMetaDataKeys::Element, "Edge", "Quantity" })
  {
    const std::string value = itk::EMVTK::MetaDataString(dictionary, key);
    title += value.empty() ? "" : (title.empty() ? "" : " ") + value;
  }
  return title.empty() ? Stem(file) : title;
}

// The maps of a file: the image itself, or each map of a stack (the values of a pixel), with the
// stack's metadata and the element and edge of that map.
std::vector<MapType::Pointer>
ReadMaps(const std::string & file, unsigned int components)
{
  if (components <= 1)
  {
    return { itk::ReadEMImage<MapType>(file) };
  }
  using StackType = itk::VectorImage<float, 2>;
  const auto                    stack = itk::ReadEMImage<StackType>(file);
  const auto                    words = [&](const char * key) {
    std::vector<std::string> list;
    std::istringstream       text(itk::EMVTK::MetaDataString(stack->GetMetaDataDictionary(), key));
    for (std::string word; text >> word;)
    {
      list.push_back(word);
    }
    return list.size() == components ? list : std::vector<std::string>(components);
  };
  const auto                    elements = words(itk::EMMetaDataKeys::Element);
  const auto                    edges = words("Edge");
  const itk::SizeValueType      pixels = stack->GetBufferedRegion().GetNumberOfPixels();
  std::vector<MapType::Pointer> maps;
  for (unsigned int e = 0; e < components; ++e)
  {
    auto map = MapType::New();
    map->CopyInformation(stack);
    map->SetRegions(stack->GetBufferedRegion());
    map->Allocate();
    for (itk::SizeValueType p = 0; p < pixels; ++p)
    {
      map->GetBufferPointer()[p] = stack->GetBufferPointer()[p * components + e];
    }
    itk::MetaDataDictionary dictionary = stack->GetMetaDataDictionary();
    itk::EMMetaData::Erase(dictionary, itk::EMMetaDataKeys::Element);
    itk::EMMetaData::Erase(dictionary, "Edge");
    if (!elements[e].empty())
    {
      itk::EMMetaData::SetString(dictionary, itk::EMMetaDataKeys::Element, elements[e]);
    }
    if (!edges[e].empty())
    {
      itk::EMMetaData::SetString(dictionary, "Edge", edges[e]);
    }
    if (elements[e].empty() && edges[e].empty())
    {
      itk::EMMetaData::SetString(dictionary, "Quantity", Title(dictionary, file) + " [" + std::to_string(e) + "]");
    }
    map->SetMetaDataDictionary(dictionary);
    maps.push_back(map);
  }
  return maps;
}

itk::EMView::Pointer
MakeView(const Options & options)
{
  std::vector<FileInfo> infos;
  for (const auto & file : options.Files)
  {
    infos.push_back(Inspect(file));
  }
  using SpectrumImageType = itk::SpectrumImageViewer::SpectrumImageType;
  if (infos.front().SpectrumImage)
  {
    if (options.Files.size() > 2 || (options.Files.size() == 2 && infos[1].SpectrumImage))
    {
      itkGenericExceptionMacro(<< "give one spectrum image, optionally followed by one scalar navigator image");
    }
    const auto spectra = itk::ReadEMImage<SpectrumImageType>(options.Files.front());
    const auto size = spectra->GetBufferedRegion().GetSize();
    if (size[0] * size[1] == 1)
    {
      auto               plot = itk::SpectrumPlot::New();
      const unsigned int channels = spectra->GetNumberOfComponentsPerPixel();
      const auto &       dictionary = spectra->GetMetaDataDictionary();
      const auto axis = itk::EnergyAxis::IsDefinedIn(dictionary) ? itk::EnergyAxis::ReadFrom(dictionary, channels)
                                                                 : itk::EnergyAxis(0.0, 1.0, channels);
      plot->AddSpectrum(options.Files.front(), axis,
                        std::vector<double>(spectra->GetBufferPointer(), spectra->GetBufferPointer() + channels));
      plot->SetLogarithmic(options.Logarithmic);
      return plot.GetPointer();
    }
    auto viewer = itk::SpectrumImageViewer::New();
    viewer->SetSpectrumImage(spectra);
    if (options.Files.size() == 2)
    {
      viewer->SetNavigatorImage(itk::ReadEMImage<MapType>(options.Files[1]));
      viewer->SetNavigatorTitle(options.Files[1]);
    }
    viewer->SetLogarithmic(options.Logarithmic);
    viewer->SetPixel({ { static_cast<itk::IndexValueType>(size[0] / 2), static_cast<itk::IndexValueType>(size[1] / 2) } });
    return viewer.GetPointer();
  }
  std::vector<MapType::Pointer> maps;
  std::vector<std::string>      titles, files;
  for (size_t i = 0; i < options.Files.size(); ++i)
  {
    if (infos[i].SpectrumImage)
    {
      itkGenericExceptionMacro(<< options.Files[i] << " is a spectrum image: show it alone");
    }
    for (auto & map : ReadMaps(options.Files[i], infos[i].Components))
    {
      titles.push_back(Title(map->GetMetaDataDictionary(), options.Files[i]));
      files.push_back(Stem(options.Files[i]));
      maps.push_back(map);
    }
  }
  // Titles that repeat (four maps of C: abundance, CRLB, ... of different files) get their file.
  auto montage = itk::MapMontage::New();
  for (size_t m = 0; m < maps.size(); ++m)
  {
    const bool repeated = std::count(titles.begin(), titles.end(), titles[m]) > 1 && titles[m] != files[m];
    montage->AddMap(maps[m], repeated ? titles[m] + " (" + files[m] + ")" : titles[m]);
  }
  montage->SetNumberOfColumns(options.Columns);
  montage->SetSharedColorRange(options.SharedRange);
  return montage.GetPointer();
}

// The description without ITK's "ITK ERROR: Class(0x...): " prefix, on one line.
} // namespace

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-view", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    itk::AnalyticalEMImageIOFactory::RegisterOneFactory();
    Options options;
    options.Files = cli.GetAll("inputFiles");
    options.Columns = static_cast<unsigned int>(cli.GetInteger("columns"));
    options.SharedRange = cli.GetBoolean("sharedRange");
    options.Logarithmic = cli.GetBoolean("logarithmic");
    const auto size = cli.GetDoubleVector("size");
    if (size.size() != 2)
    {
      itkGenericExceptionMacro(<< "--size " << cli.GetString("size") << ": expected WIDTH,HEIGHT, e.g. 1000,600");
    }
    cli.GetProgress().Stage("reading", 0.0, 0.5);
    itk::EMView::Pointer view = MakeView(options);
    view->SetSize(static_cast<unsigned int>(size[0]), static_cast<unsigned int>(size[1]));
    view->SetWindowTitle("aem-view " + options.Files.front());
    cli.GetProgress().Stage(cli.IsSet("png") ? "rendering" : "showing", 0.5, 1.0);
    if (cli.IsSet("png"))
    {
      view->WriteScreenshot(cli.OutputPath("png"));
    }
    else
    {
      view->Show();
    }
  });
}
