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
// aem-view FILE...: opens images and spectrum images in the matching view.
//   - one spectrum image (several channels per pixel): the spectrum-image explorer, with a
//     second, scalar file of the same scan as its navigator; a 1 x 1 one: a spectrum plot;
//   - scalar 2-D images (maps): a montage.
// --png FILE renders off-screen to FILE instead of opening a window; --size WxH (default 1000x600),
// --columns N (montage), --shared-range (montage), --log (spectra).
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkImageFileReader.h"
#include "itkImageIOFactory.h"
#include "itkMapMontage.h"
#include "itkSpectrumImageViewer.h"
#include "itkSpectrumPlot.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace
{
struct Options
{
  std::string              PNG;
  unsigned int             Width{ 1000 };
  unsigned int             Height{ 600 };
  unsigned int             Columns{ 0 };
  bool                     SharedRange{ false };
  bool                     Logarithmic{ false };
  std::vector<std::string> Files;
};

const char * Usage = "usage: aem-view [--png FILE] [--size WxH] [--columns N] [--shared-range] [--log] FILE...";

Options
Parse(int argc, char * argv[])
{
  Options options;
  for (int i = 1; i < argc; ++i)
  {
    const std::string argument = argv[i];
    const auto        value = [&]() -> std::string {
      if (i + 1 >= argc)
      {
        itkGenericExceptionMacro(<< argument << " needs a value");
      }
      return argv[++i];
    };
    if (argument == "--png")
    {
      options.PNG = value();
    }
    else if (argument == "--size")
    {
      const std::string size = value();
      unsigned int      w = 0, h = 0;
      char              x = 0, rest = 0;
      if (std::sscanf(size.c_str(), "%u%c%u%c", &w, &x, &h, &rest) != 3 || (x != 'x' && x != 'X'))
      {
        itkGenericExceptionMacro(<< "--size " << size << ": expected WIDTHxHEIGHT, e.g. 1000x600");
      }
      options.Width = w;
      options.Height = h;
    }
    else if (argument == "--columns")
    {
      const std::string text = value();
      char *            end = nullptr;
      const long        columns = std::strtol(text.c_str(), &end, 10);
      if (end == text.c_str() || *end != '\0' || columns < 1 || columns > 64)
      {
        itkGenericExceptionMacro(<< "--columns " << text << ": expected 1 ... 64");
      }
      options.Columns = static_cast<unsigned int>(columns);
    }
    else if (argument == "--shared-range")
    {
      options.SharedRange = true;
    }
    else if (argument == "--log")
    {
      options.Logarithmic = true;
    }
    else if (argument.size() > 1 && argument[0] == '-')
    {
      itkGenericExceptionMacro(<< "unknown option " << argument);
    }
    else
    {
      options.Files.push_back(argument);
    }
  }
  if (options.Files.empty())
  {
    itkGenericExceptionMacro(<< "no file given");
  }
  return options;
}

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
  FileInfo info;
  info.Dimensions = io->GetNumberOfDimensions();
  info.Components = io->GetNumberOfComponents();
  info.SpectrumImage = info.Components > 1 || itk::EnergyAxis::IsDefinedIn(io->GetMetaDataDictionary());
  const bool flat = info.Dimensions <= 2 || (info.Dimensions == 3 && io->GetDimensions(2) == 1);
  if (!flat)
  {
    itkGenericExceptionMacro(<< file << ": " << info.Dimensions << "-D images are not shown by aem-view");
  }
  return info;
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
  using MapType = itk::MapMontage::ImageType;
  if (infos.front().SpectrumImage)
  {
    if (options.Files.size() > 2 || (options.Files.size() == 2 && infos[1].SpectrumImage))
    {
      itkGenericExceptionMacro(<< "give one spectrum image, optionally followed by one scalar navigator image");
    }
    const auto spectra = itk::ReadImage<SpectrumImageType>(options.Files.front());
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
      viewer->SetNavigatorImage(itk::ReadImage<MapType>(options.Files[1]));
      viewer->SetNavigatorTitle(options.Files[1]);
    }
    viewer->SetLogarithmic(options.Logarithmic);
    viewer->SetPixel({ { static_cast<itk::IndexValueType>(size[0] / 2), static_cast<itk::IndexValueType>(size[1] / 2) } });
    return viewer.GetPointer();
  }
  auto montage = itk::MapMontage::New();
  for (size_t i = 0; i < options.Files.size(); ++i)
  {
    if (infos[i].SpectrumImage)
    {
      itkGenericExceptionMacro(<< options.Files[i] << " is a spectrum image: show it alone");
    }
    const auto  map = itk::ReadImage<MapType>(options.Files[i]);
    montage->AddMap(map, itk::EMVTK::MetaDataString(map->GetMetaDataDictionary(), itk::EMMetaDataKeys::Element,
                                                    options.Files[i]));
  }
  montage->SetNumberOfColumns(options.Columns);
  montage->SetSharedColorRange(options.SharedRange);
  return montage.GetPointer();
}

// The description without ITK's "ITK ERROR: Class(0x...): " prefix, on one line.
std::string
OneLine(std::string text)
{
  const size_t prefix = text.find("ITK ERROR: ");
  const size_t end = prefix == std::string::npos ? prefix : text.find("): ", prefix);
  if (end != std::string::npos)
  {
    text = text.substr(0, prefix) + text.substr(end + 3);
  }
  for (char & c : text)
  {
    c = (c == '\n' || c == '\r') ? ' ' : c;
  }
  return text;
}
} // namespace

int
main(int argc, char * argv[])
{
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h"))
  {
    std::cout << Usage << std::endl;
    return EXIT_SUCCESS;
  }
  try
  {
    itk::AnalyticalEMImageIOFactory::RegisterOneFactory();
    const Options options = Parse(argc, argv);
    itk::EMView::Pointer view = MakeView(options);
    view->SetSize(options.Width, options.Height);
    view->SetWindowTitle("aem-view " + options.Files.front());
    if (!options.PNG.empty())
    {
      view->WriteScreenshot(options.PNG);
      std::cout << "aem-view: wrote " << options.PNG << std::endl;
    }
    else
    {
      view->Show();
    }
  }
  catch (const itk::ExceptionObject & error)
  {
    std::cerr << "aem-view: " << OneLine(error.GetDescription()) << std::endl;
    return EXIT_FAILURE;
  }
  catch (const std::exception & error)
  {
    std::cerr << "aem-view: " << OneLine(error.what()) << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
