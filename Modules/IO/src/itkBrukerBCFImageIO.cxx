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
#include "itkBrukerBCFImageIO.h"

#include "itkBrukerBCFHeader.h"
#include "itkBrukerHypermapDecoder.h"
#include "itkBrukerSFSContainer.h"
#include "itkEMImageFiles.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"

#include "itksys/SystemTools.hxx"

#include <cmath>
#include <cstring>

namespace itk
{
namespace
{
constexpr std::uint64_t LargestHeader = std::uint64_t(1) << 28;
const std::string       Database = "EDSDatabase/";

// The SpectrumData indexes of the container, in order.
std::vector<unsigned int>
MapIndexes(const BrukerSFSContainer & container)
{
  std::vector<unsigned int> indexes;
  for (const auto & file : container.GetFiles())
  {
    const std::string prefix = Database + "SpectrumData";
    if (file.rfind(prefix, 0) == 0 && file.size() > prefix.size() && file.size() <= prefix.size() + 3 &&
        file.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
    {
      indexes.push_back(static_cast<unsigned int>(std::stoul(file.substr(prefix.size()))));
    }
  }
  std::sort(indexes.begin(), indexes.end());
  return indexes;
}

IOComponentEnum
ComponentOf(unsigned int bytes)
{
  return bytes == 1 ? IOComponentEnum::UCHAR : bytes == 2 ? IOComponentEnum::USHORT : IOComponentEnum::UINT;
}
} // namespace

BrukerBCFImageIO::BrukerBCFImageIO()
{
  for (const char * extension : { ".bcf", ".BCF" })
  {
    this->AddSupportedReadExtension(extension);
  }
}

bool
BrukerBCFImageIO::CanReadFile(const char * fileName)
{
  const std::string path = fileName;
  if (!BrukerSFSContainer::HasSignature(path))
  {
    return false;
  }
  try
  {
    return BrukerSFSContainer(path).Has(Database + "HeaderData");
  }
  catch (const ExceptionObject &)
  {
    // A malformed container: claim it when its name says BCF, so that ReadImageInformation
    // reports why instead of "no reader".
    const std::string extension = itksys::SystemTools::GetFilenameLastExtension(path);
    return extension == ".bcf" || extension == ".BCF";
  }
}

void
BrukerBCFImageIO::ReadImageInformation()
{
  const std::string        path = this->GetFileName();
  const BrukerSFSContainer container(path);
  const BrukerBCFHeader    header =
    BrukerBCFHeader::Parse(container.Read(Database + "HeaderData", LargestHeader), MapIndexes(container), path);
  m_ScanWidth = header.Width;
  m_ScanHeight = header.Height;

  // The signals: the images, then the hypermaps.
  std::vector<std::string> names, signals;
  for (const auto & image : header.Images)
  {
    names.push_back(image.Name);
    signals.push_back(std::to_string(signals.size()) + ": " + (image.Name.empty() ? "(unnamed)" : image.Name) +
                        ", image " + std::to_string(image.Width) + " x " + std::to_string(image.Height) + ", " +
                        std::to_string(8 * image.BytesPerPixel) + "-bit");
  }
  for (size_t m = 0; m < header.Maps.size(); ++m)
  {
    names.push_back(m == 0 ? "EDS" : "EDS " + std::to_string(m));
    signals.push_back(std::to_string(signals.size()) + ": " + names.back() + ", EDS spectrum image " +
                        std::to_string(header.Width) + " x " + std::to_string(header.Height) + " x " +
                        std::to_string(header.Maps[m].Channels) + " channels");
  }
  this->SetSignals(signals);
  const unsigned int selected = this->SelectSignal(names);

  MetaDataDictionary & dictionary = this->GetMetaDataDictionary();
  const bool           calibrated = header.PixelWidth > 0.0 && header.PixelHeight > 0.0;
  double               spacing[2] = { calibrated ? header.PixelWidth * 1000.0 : 1.0,
                                      calibrated ? header.PixelHeight * 1000.0 : 1.0 };
  if (calibrated)
  {
    EMMetaData::SetString(dictionary, "SpatialUnits", "nm");
  }
  if (header.BeamEnergy > 0.0)
  {
    EMMetaData::SetDouble(dictionary, EMMetaDataKeys::BeamEnergy, header.BeamEnergy);
  }
  EMMetaData::SetString(dictionary, "Title", names[selected]);
  this->SetNumberOfDimensions(2);
  if (selected < header.Images.size())
  {
    const BrukerBCFHeader::Image & image = header.Images[selected];
    m_Map = -1;
    m_ImageData = image.Data;
    this->SetPixelType(IOPixelEnum::SCALAR);
    this->SetComponentType(ComponentOf(image.BytesPerPixel));
    this->SetNumberOfComponents(1);
    this->SetDimensions(0, image.Width);
    this->SetDimensions(1, image.Height);
    if (image.Width != header.Width || image.Height != header.Height)
    {
      // An overview image covers more than the scan: its pixel size is not the scan's.
      spacing[0] = spacing[1] = 1.0;
      EMMetaData::Erase(dictionary, "SpatialUnits");
    }
  }
  else
  {
    const BrukerBCFHeader::Map & map = header.Maps[selected - header.Images.size()];
    m_Map = static_cast<int>(map.Index);
    m_ImageData.clear();
    SizeValueType channels = map.Channels;
    if (m_CutoffEnergy > 0.0)
    {
      const double cut = std::round((m_CutoffEnergy - map.Offset) / map.Dispersion);
      channels = static_cast<SizeValueType>(std::clamp(cut, 1.0, 65535.0));
    }
    this->SetPixelType(IOPixelEnum::VECTOR);
    this->SetComponentType(IOComponentEnum::UINT);
    this->SetNumberOfComponents(static_cast<unsigned int>(channels));
    this->SetDimensions(0, (header.Width + m_Downsample - 1) / m_Downsample);
    this->SetDimensions(1, (header.Height + m_Downsample - 1) / m_Downsample);
    spacing[0] *= m_Downsample;
    spacing[1] *= m_Downsample;
    EnergyAxis(map.Offset * 1000.0, map.Dispersion * 1000.0, channels).WriteTo(dictionary);
    EMMetaData::SetString(dictionary, EMMetaDataKeys::SignalType, "EDS");
    if (std::isfinite(map.ElevationAngle))
    {
      EMMetaData::SetDouble(dictionary, "ElevationAngle", map.ElevationAngle);
    }
    if (m_Downsample > 1)
    {
      EMMetaData::SetDouble(dictionary, "Downsample", m_Downsample);
    }
    std::string elements, lines;
    for (size_t e = 0; e < header.Elements.size(); ++e)
    {
      elements += (e == 0 ? "" : " ") + header.Elements[e];
      lines += (e == 0 ? "" : " ") + header.Lines[e];
    }
    if (!elements.empty())
    {
      EMMetaData::SetString(dictionary, "Elements", elements);
      EMMetaData::SetString(dictionary, "XrayLines", lines);
    }
  }
  for (unsigned int d = 0; d < 2; ++d)
  {
    this->SetSpacing(d, spacing[d]);
    this->SetOrigin(d, 0.0);
  }
}

void
BrukerBCFImageIO::Read(void * buffer)
{
  const std::string   path = this->GetFileName();
  const ImageIORegion region = m_IORegion;
  const SizeValueType width = this->GetDimensions(0);
  const SizeValueType firstRow = region.GetIndex(1), rows = region.GetSize(1);
  this->CheckRowRegion(region);
  if (m_Map < 0)
  {
    const size_t rowBytes = width * this->GetComponentSize();
    if (m_ImageData.size() < (firstRow + rows) * rowBytes)
    {
      itkExceptionMacro(<< "BrukerBCFImageIO: " << path << ": ReadImageInformation first");
    }
    std::memcpy(buffer, m_ImageData.data() + firstRow * rowBytes, rows * rowBytes);
    return;
  }
  const SizeValueType channels = this->GetNumberOfComponents();
  auto *              counts = static_cast<std::uint32_t *>(buffer);
  std::fill(counts, counts + rows * width * channels, 0u);
  BrukerHypermapDecoder    decoder(m_ScanWidth, m_ScanHeight, channels, m_Downsample, firstRow, rows, counts);
  const BrukerSFSContainer container(path);
  container.ForEachPiece(Database + "SpectrumData" + std::to_string(m_Map),
                         [&](const char * data, size_t size) { return decoder.Add(data, size); });
  if (!decoder.IsComplete())
  {
    itkExceptionMacro(<< "BrukerBCFImageIO: " << path << ": the hypermap ends before its last line (truncated)");
  }
  if (decoder.GetNumberOfDroppedPulses() > 0)
  {
    itkWarningMacro(<< path << ": " << decoder.GetNumberOfDroppedPulses()
                    << " pulses beyond their pixel's channels (or the cut-off) were not counted");
  }
}

void
BrukerBCFImageIO::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Downsample: " << m_Downsample << std::endl;
  os << indent << "CutoffEnergy: " << m_CutoffEnergy << " keV" << std::endl;
}
} // end namespace itk
