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
// aem-info FILE[#SIGNAL] [--output OUT] [--firstFrame N] [--lastFrame N] [--downsample N]
// [--cutoffEnergy keV]: see the XML.
#include "itkBrukerBCFImageIO.h"
#include "itkEMCLIImages.h"
#include "itkEMImageFiles.h"
#include "itkEMMetaData.h"
#include "itkGatanDMImageIO.h"
#include "itkHSPYImageIO.h"
#include "itkEMImageFileReader.h"
#include "itkVectorImage.h"
#include "itkVeloxEMDImageIO.h"

#include <iostream>

#include EM_CLI_XML_HEADER

namespace
{
// A signal is read and written in pieces of about this size, so that a signal larger than memory
// can be converted (each piece of a Velox spectrum image reads its whole event stream, so pieces
// are not made smaller than they need to be).
constexpr itk::SizeValueType PieceBytes = itk::SizeValueType(64) << 20;

void
SelectReading(itk::ImageIOBase * io, const itk::EMCLI::CommandLine & cli)
{
  if (auto * velox = dynamic_cast<itk::VeloxEMDImageIO *>(io))
  {
    velox->SetFirstFrame(static_cast<itk::SizeValueType>(cli.GetInteger("firstFrame")));
    velox->SetLastFrame(static_cast<itk::SizeValueType>(cli.GetInteger("lastFrame")));
    velox->ReadImageInformation();
  }
  if (auto * bcf = dynamic_cast<itk::BrukerBCFImageIO *>(io))
  {
    bcf->SetDownsample(static_cast<unsigned int>(cli.GetInteger("downsample")));
    bcf->SetCutoffEnergy(cli.GetDouble("cutoffEnergy"));
    bcf->ReadImageInformation();
  }
}

// The signals of a file of several, one line each.
std::vector<std::string>
Signals(itk::ImageIOBase * io)
{
  if (auto * multi = dynamic_cast<itk::EMMultiSignalImageIO *>(io))
  {
    return multi->GetSignals();
  }
  if (auto * dm = dynamic_cast<itk::GatanDMImageIO *>(io))
  {
    return dm->GetImages();
  }
  if (auto * hspy = dynamic_cast<itk::HSPYImageIO *>(io))
  {
    std::vector<std::string> lines;
    for (unsigned int s = 0; s < hspy->GetNumberOfSignals(); ++s)
    {
      lines.push_back(std::to_string(s) + ": HyperSpy signal");
    }
    return lines;
  }
  return {};
}

void
Describe(const std::string & path, itk::ImageIOBase * io)
{
  std::cout << "file: " << path << "\nreader: " << io->GetNameOfClass() << "\n";
  const std::vector<std::string> signals = Signals(io);
  if (!signals.empty())
  {
    std::cout << "signals:\n";
    for (const auto & line : signals)
    {
      std::cout << "  " << line << "\n";
    }
  }
  std::cout << "selected signal:\n  size:";
  for (unsigned int d = 0; d < io->GetNumberOfDimensions(); ++d)
  {
    std::cout << (d == 0 ? " " : " x ") << io->GetDimensions(d);
  }
  std::cout << "\n  pixel: " << itk::ImageIOBase::GetComponentTypeAsString(io->GetComponentType()) << ", "
            << io->GetNumberOfComponents() << " component" << (io->GetNumberOfComponents() == 1 ? "" : "s")
            << "\n  spacing:";
  for (unsigned int d = 0; d < io->GetNumberOfDimensions(); ++d)
  {
    std::cout << " " << itk::EMMetaData::FormatDouble(io->GetSpacing(d));
  }
  std::cout << "\n  origin:";
  for (unsigned int d = 0; d < io->GetNumberOfDimensions(); ++d)
  {
    std::cout << " " << itk::EMMetaData::FormatDouble(io->GetOrigin(d));
  }
  std::cout << "\n";
  const itk::MetaDataDictionary & dictionary = io->GetMetaDataDictionary();
  for (const auto & key : dictionary.GetKeys())
  {
    if (key.rfind("DM.", 0) != 0) // a DM file's every tag: too many to list
    {
      std::string value;
      if (itk::ExposeMetaData(dictionary, key, value))
      {
        std::cout << "  " << key << ": " << value << "\n";
      }
    }
  }
  std::cout << std::flush;
}

template <typename TComponent, unsigned int VDimension>
void
Convert(itk::EMCLI::CommandLine & cli, itk::ImageIOBase * io, const std::string & file)
{
  using ImageType = itk::VectorImage<TComponent, VDimension>;
  auto reader = itk::EMImageFileReader<ImageType>::New();
  reader->SetImageIO(io);
  reader->SetFileName(file);
  // Empty texts (DM files have many) cannot be written to MetaImage: left out, not warned about.
  reader->UpdateOutputInformation();
  itk::MetaDataDictionary & dictionary = reader->GetOutput()->GetMetaDataDictionary();
  for (const auto & key : dictionary.GetKeys())
  {
    std::string value;
    if (itk::ExposeMetaData(dictionary, key, value) && value.empty())
    {
      dictionary.Erase(key);
    }
  }
  auto writer = itk::ImageFileWriter<ImageType>::New();
  writer->SetInput(reader->GetOutput());
  writer->SetFileName(cli.OutputPath("output"));
  writer->SetNumberOfStreamDivisions(static_cast<unsigned int>(1 + io->GetImageSizeInBytes() / PieceBytes));
  cli.GetProgress().Observe(writer);
  itk::EMCLI::CheckedWrite([&] { writer->Update(); }, cli.OutputPath("output"));
}

template <unsigned int VDimension>
void
ConvertDimension(itk::EMCLI::CommandLine & cli, itk::ImageIOBase * io, const std::string & file)
{
  using C = itk::IOComponentEnum;
  switch (io->GetComponentType())
  {
    case C::UCHAR:
      return Convert<unsigned char, VDimension>(cli, io, file);
    case C::CHAR:
      return Convert<signed char, VDimension>(cli, io, file);
    case C::USHORT:
      return Convert<unsigned short, VDimension>(cli, io, file);
    case C::SHORT:
      return Convert<short, VDimension>(cli, io, file);
    case C::UINT:
      return Convert<unsigned int, VDimension>(cli, io, file);
    case C::INT:
      return Convert<int, VDimension>(cli, io, file);
    case C::DOUBLE:
      return Convert<double, VDimension>(cli, io, file);
    default:
      return Convert<float, VDimension>(cli, io, file);
  }
}
} // namespace

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-info", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    const std::string                path = cli.GetString("input");
    const itk::ImageIOBase::Pointer  io = itk::EMImageFiles::CreateReader(path);
    SelectReading(io, cli);
    Describe(path, io);
    if (!cli.IsSet("output"))
    {
      return;
    }
    cli.GetProgress().Stage("converting", 0.0, 1.0);
    const std::string file = itk::EMImageFiles::SplitSignal(path).File;
    switch (io->GetNumberOfDimensions())
    {
      case 1:
        return ConvertDimension<1>(cli, io, file);
      case 2:
        return ConvertDimension<2>(cli, io, file);
      case 3:
        return ConvertDimension<3>(cli, io, file);
      default:
        itkGenericExceptionMacro(<< "cannot write " << io->GetNumberOfDimensions() << "-D signals");
    }
  });
}
