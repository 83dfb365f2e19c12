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
// aem-eds-maps SPECTRUMIMAGE MAPS [--lines Fe_Ka,...] [--method windows|fit] [--kFactors ...
// --composition FILE] [--haadf IMAGE --fused FILE]: see the XML.
#include "itkEDSLineIntensityImageFilter.h"
#include "itkEMCLIImages.h"
#include "itkEMImageFiles.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkFusedMultiModalImageFilter.h"
#include "itkImageAlgorithm.h"
#include "itkImageRegionSplitterSlowDimension.h"
#include "itkVectorIndexSelectionCastImageFilter.h"

#include <iostream>
#include <sstream>

#include EM_CLI_XML_HEADER

namespace
{
using SpectrumImageType = itk::VectorImage<float, 2>;
using MapImageType = itk::Image<float, 2>;
using FilterType = itk::EDSLineIntensityImageFilter<SpectrumImageType>;

std::vector<std::string>
LinesOf(const itk::EMCLI::CommandLine & cli, const SpectrumImageType * input)
{
  if (cli.IsSet("lines"))
  {
    return cli.GetStringVector("lines");
  }
  const auto & dictionary = input->GetMetaDataDictionary();
  if (!itk::EMMetaData::Has(dictionary, "XrayLines"))
  {
    itkGenericExceptionMacro(<< "no lines: give them with --lines Fe_Ka,O_Ka (the file names none)");
  }
  std::istringstream       text(itk::EMMetaData::GetString(dictionary, "XrayLines"));
  std::vector<std::string> lines;
  for (std::string line; text >> line;)
  {
    lines.push_back(line);
  }
  return lines;
}

// The HAADF as one 2-D image: a stack of frames is summed.
MapImageType::Pointer
ReadHAADF(const std::string & path)
{
  const auto info = itk::EMCLI::ReadImageInfo(path);
  if (info.Components != 1 || info.Dimension < 2 || info.Dimension > 3)
  {
    itkGenericExceptionMacro(<< path << ": expected a scalar 2-D HAADF image or a stack of frames");
  }
  if (info.Dimension == 2)
  {
    return itk::EMCLI::Read<MapImageType>(path);
  }
  const auto stack = itk::EMCLI::Read<itk::Image<float, 3>>(path);
  const auto size = stack->GetLargestPossibleRegion().GetSize();
  auto       haadf = MapImageType::New();
  haadf->SetRegions(MapImageType::SizeType{ { size[0], size[1] } });
  haadf->Allocate(true);
  const itk::SizeValueType pixels = size[0] * size[1];
  for (itk::SizeValueType f = 0; f < size[2]; ++f)
  {
    for (itk::SizeValueType p = 0; p < pixels; ++p)
    {
      haadf->GetBufferPointer()[p] += stack->GetBufferPointer()[f * pixels + p];
    }
  }
  MapImageType::SpacingType spacing;
  MapImageType::PointType   origin;
  for (unsigned int d = 0; d < 2; ++d)
  {
    spacing[d] = stack->GetSpacing()[d];
    origin[d] = stack->GetOrigin()[d];
  }
  haadf->SetSpacing(spacing);
  haadf->SetOrigin(origin);
  return haadf;
}

// Pieces of the spectrum image read at a time, at most.
constexpr itk::SizeValueType PieceBytes = itk::SizeValueType(64) << 20;

struct LineMaps
{
  SpectrumImageType::Pointer Maps;
  SpectrumImageType::Pointer Compositions; // nullptr without k-factors
};

// An empty image with the output's size, components and dictionary, to gather its pieces in.
SpectrumImageType::Pointer
GatheredLike(const SpectrumImageType * output)
{
  auto image = SpectrumImageType::New();
  image->CopyInformation(output);
  image->SetRegions(output->GetLargestPossibleRegion());
  image->SetNumberOfComponentsPerPixel(output->GetNumberOfComponentsPerPixel());
  image->SetMetaDataDictionary(output->GetMetaDataDictionary());
  image->Allocate();
  return image;
}

// Both outputs, the spectrum image read once in pieces of rows (a streaming writer per output
// would read it once per output). The maps are a few values a pixel, so they are gathered in
// memory even for a spectrum image larger than memory.
LineMaps
MapInPieces(FilterType * filter, unsigned int pieces, bool compositions)
{
  filter->UpdateOutputInformation();
  SpectrumImageType * const output = filter->GetOutput();
  const auto                whole = output->GetLargestPossibleRegion();
  LineMaps result{ GatheredLike(output), compositions ? GatheredLike(filter->GetCompositionOutput()) : nullptr };
  auto     splitter = itk::ImageRegionSplitterSlowDimension::New();
  const unsigned int splits = splitter->GetNumberOfSplits(whole, pieces);
  for (unsigned int i = 0; i < splits; ++i)
  {
    auto piece = whole;
    splitter->GetSplit(i, splits, piece);
    output->SetRequestedRegion(piece);
    output->PropagateRequestedRegion();
    output->UpdateOutputData();
    itk::ImageAlgorithm::Copy(output, result.Maps.GetPointer(), piece, piece);
    if (compositions)
    {
      itk::ImageAlgorithm::Copy(filter->GetCompositionOutput(), result.Compositions.GetPointer(), piece, piece);
    }
  }
  return result;
}

void
Fuse(itk::EMCLI::CommandLine & cli, const SpectrumImageType * maps, const std::vector<itk::EDSXrayLine> & lines)
{
  using FusionType = itk::FusedMultiModalImageFilter<MapImageType>;
  auto fusion = FusionType::New();
  fusion->SetHAADF(ReadHAADF(cli.GetString("haadf")));
  std::vector<std::string> elements;
  for (unsigned int e = 0; e < lines.size(); ++e)
  {
    auto select = itk::VectorIndexSelectionCastImageFilter<SpectrumImageType, MapImageType>::New();
    select->SetInput(maps);
    select->SetIndex(e);
    select->Update();
    fusion->SetChemicalMap(e, select->GetOutput());
    elements.push_back(lines[e].Element);
  }
  fusion->SetElementNames(elements);
  cli.GetProgress().Stage("fusion", 0.5, 0.95);
  cli.GetProgress().Observe(fusion);
  fusion->Update();
  itk::EMCLI::Write(cli, "fused", fusion->GetFusedMaps());
  for (const auto & warning : fusion->GetWarnings())
  {
    std::cerr << "aem-eds-maps: warning: fusion: " << warning << std::endl;
  }
}
// The reader of a file of several signals named without #SIGNAL reads its EDS spectrum image, not
// its first signal (Slicer and file dialogs pass plain paths); any other file as named.
itk::ImageIOBase::Pointer
CreateSpectrumImageReader(const std::string & path)
{
  if (itk::EMImageFiles::SplitSignal(path).Signal.empty())
  {
    try
    {
      return itk::EMImageFiles::CreateReader(path + "#EDS");
    }
    catch (const itk::ExceptionObject &)
    {
      // No EDS signal, a file of one signal, or a file no reader knows: read as named below,
      // which gives the reason.
    }
  }
  return itk::EMImageFiles::CreateReader(path);
}
} // namespace

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-eds-maps", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    if (cli.IsSet("haadf") != cli.IsSet("fused"))
    {
      itkGenericExceptionMacro(<< "--haadf and --fused go together");
    }
    if (cli.IsSet("composition") && !cli.IsSet("kFactors"))
    {
      itkGenericExceptionMacro(<< "--composition needs --kFactors");
    }
    // The spectrum image is read and mapped in pieces of rows, so that one larger than memory is
    // mapped.
    const std::string path = cli.GetString("spectrumImage");
    const auto        io = CreateSpectrumImageReader(path);
    auto              reader = itk::EMImageFileReader<SpectrumImageType>::New();
    reader->SetImageIO(io);
    reader->SetFileName(itk::EMImageFiles::SplitSignal(path).File);
    reader->UpdateOutputInformation();
    if (!itk::EnergyAxis::IsDefinedIn(reader->GetOutput()->GetMetaDataDictionary()))
    {
      itkGenericExceptionMacro(<< path << " is not a spectrum image with an energy axis (aem-info lists a file's "
                               << "signals; pick one with FILE#SIGNAL)");
    }
    auto filter = FilterType::New();
    filter->SetInput(reader->GetOutput());
    filter->SetLines(LinesOf(cli, reader->GetOutput()));
    filter->SetMethod(itk::EMEnumFromToken<itk::EDSLineMethodEnum>(cli.GetString("method")));
    filter->SetResolutionMnKa(cli.GetDouble("resolution"));
    filter->SetIntegrationWidth(cli.GetDouble("integrationWidth"));
    filter->SetSubtractBackground(!cli.GetBoolean("noBackground"));
    if (cli.IsSet("kFactors"))
    {
      filter->SetKFactors(cli.GetDoubleVector("kFactors"));
    }
    const auto pieces = static_cast<unsigned int>(1 + io->GetImageSizeInBytes() / PieceBytes);
    cli.GetProgress().Stage("line maps", 0.0, 0.5);
    cli.GetProgress().Observe(filter);
    const LineMaps result = MapInPieces(filter, pieces, cli.IsSet("composition"));
    itk::EMCLI::Write(cli, "maps", result.Maps.GetPointer());
    if (cli.IsSet("composition"))
    {
      itk::EMCLI::Write(cli, "composition", result.Compositions.GetPointer());
    }
    cli.SetReturnParameter("pieces", std::to_string(pieces));
    if (cli.IsSet("fused"))
    {
      Fuse(cli, result.Maps, filter->GetLines());
    }
  });
}
