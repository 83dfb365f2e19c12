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
#include "itkGatanDMImageIO.h"
#include "itkSpatialUnits.h"

#include "itkByteSwapper.h"
#include "itkEMImageFiles.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace itk
{
namespace
{
struct PixelKind
{
  IOComponentEnum Component;
  unsigned int    Bytes;
};

PixelKind
DMPixelKind(int dataType)
{
  switch (dataType)
  {
    case 1:
      return { IOComponentEnum::SHORT, 2 };
    case 2:
      return { IOComponentEnum::FLOAT, 4 };
    case 6:
    case 14:
      return { IOComponentEnum::UCHAR, 1 };
    case 7:
      return { IOComponentEnum::INT, 4 };
    case 9:
      return { IOComponentEnum::CHAR, 1 };
    case 10:
      return { IOComponentEnum::USHORT, 2 };
    case 11:
      return { IOComponentEnum::UINT, 4 };
    case 12:
      return { IOComponentEnum::DOUBLE, 8 };
    default:
      return { IOComponentEnum::UNKNOWNCOMPONENTTYPE, 0 };
  }
}

std::string
FormatNumbers(const std::vector<double> & numbers)
{
  std::string text;
  for (size_t i = 0; i < numbers.size(); ++i)
  {
    text += (i > 0 ? "," : "") + EMMetaData::FormatDouble(numbers[i]);
  }
  return text;
}

bool
IsEnergyUnit(const std::string & units)
{
  return units == "eV" || units == "keV";
}
} // namespace

GatanDMImageIO::GatanDMImageIO()
{
  for (const char * extension : { ".dm3", ".dm4", ".DM3", ".DM4" })
  {
    this->AddSupportedReadExtension(extension);
  }
}

bool
GatanDMImageIO::CanReadFile(const char * fileName)
{
  std::ifstream file(fileName, std::ios::binary);
  unsigned char header[4] = {};
  if (!file.read(reinterpret_cast<char *>(header), 4))
  {
    return false;
  }
  return header[0] == 0 && header[1] == 0 && header[2] == 0 && (header[3] == 3 || header[3] == 4);
}

void
GatanDMImageIO::ReadImageInformation()
{
  std::ifstream file(this->GetFileName(), std::ios::binary | std::ios::ate);
  if (!file)
  {
    itkExceptionMacro(<< "GatanDMImageIO: cannot open " << this->GetFileName());
  }
  const auto    size = static_cast<SizeValueType>(file.tellg());
  file.seekg(0);
  GatanDMTagTree tree;
  try
  {
    tree.Parse(file, size);
  }
  catch (const ExceptionObject & error)
  {
    itkExceptionMacro(<< this->GetFileName() << ": " << error.GetDescription());
  }
  m_FileLittleEndian = tree.IsLittleEndian();
  const auto fail = [&](const std::string & reason) {
    itkExceptionMacro(<< "GatanDMImageIO: " << this->GetFileName() << ": " << reason);
  };

  // Images that are not thumbnails.
  std::set<SizeValueType> thumbnails;
  for (SizeValueType k = 0; k < tree.CountEntries("Thumbnails"); ++k)
  {
    const double index = tree.GetNumber("Thumbnails.[" + std::to_string(k) + "].ImageIndex", -1.0);
    if (index >= 0.0)
    {
      thumbnails.insert(static_cast<SizeValueType>(index));
    }
  }
  const SizeValueType        listed = tree.CountEntries("ImageList");
  std::vector<SizeValueType> images;
  for (SizeValueType i = 0; i < listed; ++i)
  {
    const bool rgbaFirst = thumbnails.empty() && i == 0 && listed > 1 &&
                           tree.GetNumber("ImageList.[0].ImageData.DataType", 0.0) == 23.0;
    if (thumbnails.count(i) == 0 && !rgbaFirst)
    {
      images.push_back(i);
    }
  }
  m_NumberOfImages = static_cast<unsigned int>(images.size());
  if (images.empty())
  {
    fail("no image (ImageList is missing or holds thumbnails only)");
  }
  // Each image described in one line: its name, dimensions and data type.
  m_Images.clear();
  unsigned int selected = m_ImageIndex;
  bool         named = false;
  for (size_t i = 0; i < images.size(); ++i)
  {
    const std::string entry = "ImageList.[" + std::to_string(images[i]) + "].";
    const std::string imageName = tree.GetText(entry + "Name");
    std::string       line = std::to_string(i) + ": " + (imageName.empty() ? "(unnamed)" : imageName) + ",";
    for (SizeValueType d = 0; d < tree.CountEntries(entry + "ImageData.Dimensions") && d < 4; ++d)
    {
      line += (d == 0 ? " " : " x ") +
              EMMetaData::FormatDouble(tree.GetNumber(entry + "ImageData.Dimensions.[" + std::to_string(d) + "]", 0.0));
    }
    m_Images.push_back(line + ", DM data type " +
                       EMMetaData::FormatDouble(tree.GetNumber(entry + "ImageData.DataType", -1.0)));
    if (!named && !m_ImageName.empty() && EMImageFiles::SameName(imageName, m_ImageName))
    {
      selected = static_cast<unsigned int>(i);
      named = true;
    }
  }
  if (!m_ImageName.empty() && !named)
  {
    fail("no image named " + m_ImageName);
  }
  if (selected >= images.size())
  {
    fail("image " + std::to_string(selected) + " requested, the file has " + std::to_string(images.size()));
  }
  const std::string image = "ImageList.[" + std::to_string(images[selected]) + "].";
  const std::string data = image + "ImageData.";

  // Dimensions, pixel type and the pixel payload.
  std::vector<SizeValueType> dimensions;
  const SizeValueType        rank = tree.CountEntries(data + "Dimensions");
  if (rank == 0 || rank > 4)
  {
    fail("an image with " + std::to_string(rank) + " dimensions (1 to 4 are supported)");
  }
  SizeValueType pixels = 1;
  for (SizeValueType d = 0; d < rank; ++d)
  {
    const double n = tree.GetNumber(data + "Dimensions.[" + std::to_string(d) + "]", 0.0);
    if (!(n >= 1.0) || n > 4294967295.0)
    {
      fail("dimension " + std::to_string(d) + " has size " + EMMetaData::FormatDouble(n));
    }
    dimensions.push_back(static_cast<SizeValueType>(n));
    if (dimensions.back() > (SizeValueType{ 1 } << 40) / pixels)
    {
      fail("more than 2^40 pixels");
    }
    pixels *= dimensions.back();
  }
  const int       dataType = static_cast<int>(tree.GetNumber(data + "DataType", -1.0));
  const PixelKind kind = DMPixelKind(dataType);
  if (kind.Bytes == 0)
  {
    fail("DataType " + std::to_string(dataType) + " is not supported (complex, RGB or unknown)");
  }
  if (tree.GetNumber(data + "PixelDepth", kind.Bytes) != kind.Bytes)
  {
    fail("PixelDepth disagrees with DataType " + std::to_string(dataType));
  }
  const GatanDMTagTree::Tag * payload = tree.Find(data + "Data");
  if (payload == nullptr || !payload->IsArray || payload->Bytes != pixels * kind.Bytes)
  {
    fail("the pixel data do not hold the " + std::to_string(pixels) + " pixels of the dimensions");
  }
  m_DataOffset = payload->Offset;
  m_DataBytes = payload->Bytes;

  // Calibrations; the energy dimension is the one in eV or keV (the last one for a spectrum image).
  struct Calibration
  {
    double      Origin{ 0.0 }, Scale{ 1.0 };
    std::string Units;
  };
  std::vector<Calibration> calibrations(rank);
  for (SizeValueType d = 0; d < rank; ++d)
  {
    const std::string c = data + "Calibrations.Dimension.[" + std::to_string(d) + "].";
    calibrations[d] = { tree.GetNumber(c + "Origin", 0.0), tree.GetNumber(c + "Scale", 1.0), tree.GetText(c + "Units") };
  }
  long energy = -1;
  for (SizeValueType d = 0; d < rank; ++d)
  {
    if (IsEnergyUnit(calibrations[d].Units) && (energy < 0 || d == rank - 1))
    {
      energy = static_cast<long>(d);
    }
  }
  MetaDataDictionary & dictionary = this->GetMetaDataDictionary();
  std::vector<SizeValueType> spatial;
  for (SizeValueType d = 0; d < rank; ++d)
  {
    if (static_cast<long>(d) != energy)
    {
      spatial.push_back(d);
    }
  }
  m_Channels = 1;
  m_EnergySlowest = false;
  if (energy >= 0)
  {
    const Calibration & e = calibrations[energy];
    const double        factor = e.Units == "keV" ? 1000.0 : 1.0;
    if (!(e.Scale > 0.0) || !std::isfinite(e.Scale) || !std::isfinite(e.Origin))
    {
      fail("the energy axis has scale " + EMMetaData::FormatDouble(e.Scale));
    }
    if (spatial.size() > 2)
    {
      fail("a spectrum image with " + std::to_string(spatial.size()) + " spatial dimensions");
    }
    if (energy != 0 && energy != static_cast<long>(rank) - 1)
    {
      fail("the energy axis is neither the first nor the last dimension");
    }
    m_Channels = dimensions[energy];
    m_EnergySlowest = energy != 0 && !spatial.empty();
    EnergyAxis(-e.Origin * e.Scale * factor, e.Scale * factor, m_Channels).WriteTo(dictionary);
    if (factor != 1.0)
    {
      EMMetaData::SetString(dictionary, "OriginalEnergyUnits", e.Units);
    }
    this->SetNumberOfDimensions(2);
    this->SetNumberOfComponents(static_cast<unsigned int>(m_Channels));
    this->SetPixelType(IOPixelEnum::VECTOR);
    for (unsigned int a = 0; a < 2; ++a)
    {
      this->SetDimensions(a, a < spatial.size() ? dimensions[spatial[a]] : 1);
      this->SetSpacing(a, 1.0);
      this->SetOrigin(a, 0.0);
    }
  }
  else
  {
    this->SetNumberOfDimensions(static_cast<unsigned int>(rank));
    this->SetNumberOfComponents(1);
    this->SetPixelType(IOPixelEnum::SCALAR);
    for (unsigned int a = 0; a < rank; ++a)
    {
      this->SetDimensions(a, dimensions[a]);
    }
  }
  // Each axis has its own units; the image gets one.
  std::vector<std::string> spatialUnits;
  for (const SizeValueType d : spatial)
  {
    spatialUnits.push_back(calibrations[d].Units);
  }
  const SpatialUnits::Unified unified = SpatialUnits::Unify(spatialUnits);
  if (!unified.Warning.empty())
  {
    itkWarningMacro(<< this->GetFileName() << ": " << unified.Warning);
  }
  for (unsigned int a = 0; a < spatial.size(); ++a)
  {
    const Calibration & c = calibrations[spatial[a]];
    const bool          usable = c.Scale != 0.0 && std::isfinite(c.Scale) && std::isfinite(c.Origin);
    if (!usable)
    {
      itkWarningMacro(<< this->GetFileName() << ": dimension " << spatial[a] << " has scale " << c.Scale
                      << "; spacing 1 is used");
    }
    this->SetSpacing(a, usable ? std::abs(c.Scale) * unified.Factors[a] : 1.0);
    this->SetOrigin(a, usable ? -c.Origin * c.Scale * unified.Factors[a] : 0.0);
  }
  if (!unified.Units.empty())
  {
    EMMetaData::SetString(dictionary, "SpatialUnits", unified.Units);
  }
  this->SetComponentType(kind.Component);

  // Microscope and acquisition metadata, and every decoded tag under DM.
  const std::string tags = image + "ImageTags.";
  const double      voltage = tree.GetNumber(tags + "Microscope Info.Voltage", 0.0);
  if (voltage > 0.0)
  {
    EMMetaData::SetDouble(dictionary, EMMetaDataKeys::BeamEnergy, voltage / 1000.0);
  }
  const std::string conditions = tags + "EELS.Experimental Conditions.";
  for (const auto & [tag, key] : { std::make_pair(conditions + "Convergence semi-angle (mrad)", EMMetaDataKeys::ConvergenceSemiAngle),
                                   std::make_pair(conditions + "Collection semi-angle (mrad)", EMMetaDataKeys::CollectionSemiAngle),
                                   std::make_pair(tags + "EELS.Acquisition.Exposure (s)", "Exposure") })
  {
    if (const GatanDMTagTree::Tag * t = tree.Find(tag); t != nullptr && !t->Numbers.empty())
    {
      EMMetaData::SetDouble(dictionary, key, t->Numbers.front());
    }
  }
  const std::string signal = tree.GetText(tags + "Meta Data.Signal");
  if (!signal.empty())
  {
    EMMetaData::SetString(dictionary, EMMetaDataKeys::SignalType, signal == "X-ray" ? "EDS" : signal);
  }
  EMMetaData::SetString(dictionary, "Title", tree.GetText(image + "Name"));
  for (const auto & [path, tag] : tree.GetTags())
  {
    if (tag.HasText)
    {
      EMMetaData::SetString(dictionary, "DM." + path, tag.Text);
    }
    else if (!tag.Numbers.empty() && path.rfind(data + "Data", 0) != 0)
    {
      EMMetaData::SetString(dictionary, "DM." + path, FormatNumbers(tag.Numbers));
    }
  }
}

void
GatanDMImageIO::Read(void * buffer)
{
  std::ifstream file(this->GetFileName(), std::ios::binary);
  const unsigned int bytes = this->GetComponentSize();
  std::vector<char>  raw;
  char *             target = static_cast<char *>(buffer);
  if (m_EnergySlowest)
  {
    raw.resize(m_DataBytes);
    target = raw.data();
  }
  file.seekg(static_cast<std::streamoff>(m_DataOffset));
  if (!file.read(target, static_cast<std::streamsize>(m_DataBytes)))
  {
    itkExceptionMacro(<< "GatanDMImageIO: " << this->GetFileName() << ": the pixel data could not be read");
  }
  const bool hostLittle = ByteSwapper<int>::SystemIsLittleEndian();
  if (bytes > 1 && hostLittle != m_FileLittleEndian)
  {
    for (SizeValueType i = 0; i < m_DataBytes; i += bytes)
    {
      std::reverse(target + i, target + i + bytes);
    }
  }
  if (m_EnergySlowest)
  {
    // Raw value (pixel p, channel e) = Data[e * pixels + p]; out[p * channels + e].
    const SizeValueType pixels = m_DataBytes / bytes / m_Channels;
    char *              out = static_cast<char *>(buffer);
    for (SizeValueType e = 0; e < m_Channels; ++e)
    {
      for (SizeValueType p = 0; p < pixels; ++p)
      {
        std::memcpy(out + (p * m_Channels + e) * bytes, target + (e * pixels + p) * bytes, bytes);
      }
    }
  }
}

void
GatanDMImageIO::Write(const void *)
{
  itkExceptionMacro(<< "GatanDMImageIO cannot write files");
}

void
GatanDMImageIO::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "ImageIndex: " << m_ImageIndex << " of " << m_NumberOfImages << std::endl;
  os << indent << "Channels: " << m_Channels << (m_EnergySlowest ? " (energy-major in the file)" : "") << std::endl;
}
} // end namespace itk
