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
#include "itkBrukerBCFHeader.h"

#include "itkMacro.h"

#include "itksys/Base64.h"

#include <expat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>

namespace itk
{
namespace
{
constexpr size_t MaximumDepth = 256;
constexpr size_t MaximumNodes = size_t(1) << 22;

struct Node
{
  std::string                        Name;
  std::vector<std::pair<std::string, std::string>> Attributes;
  std::string                        Text;
  std::vector<std::unique_ptr<Node>> Children;

  std::string
  Attribute(const char * name) const
  {
    for (const auto & [key, value] : Attributes)
    {
      if (key == name)
      {
        return value;
      }
    }
    return {};
  }
  // The first child named \a name (with attribute \a key = \a value when given).
  const Node *
  Child(const std::string & name, const char * key = nullptr, const std::string & value = {}) const
  {
    for (const auto & child : Children)
    {
      if (child->Name == name && (key == nullptr || child->Attribute(key) == value))
      {
        return child.get();
      }
    }
    return nullptr;
  }
  std::vector<const Node *>
  AllChildren(const std::string & name, const char * key, const std::string & value) const
  {
    std::vector<const Node *> found;
    for (const auto & child : Children)
    {
      if (child->Name == name && child->Attribute(key) == value)
      {
        found.push_back(child.get());
      }
    }
    return found;
  }
  std::string
  TextOf(const std::string & name) const
  {
    const Node * child = this->Child(name);
    return child == nullptr ? std::string() : child->Text;
  }
};

struct Builder
{
  std::unique_ptr<Node> Root;
  std::vector<Node *>   Open;
  size_t                Nodes{ 0 };
  bool                  TooLarge{ false };
  XML_Parser            Parser{ nullptr };
};

void XMLCALL
StartElement(void * data, const XML_Char * name, const XML_Char ** attributes)
{
  auto * builder = static_cast<Builder *>(data);
  if (++builder->Nodes > MaximumNodes || builder->Open.size() >= MaximumDepth)
  {
    builder->TooLarge = true;
    XML_StopParser(builder->Parser, XML_FALSE);
    return;
  }
  auto node = std::make_unique<Node>();
  node->Name = name;
  for (size_t a = 0; attributes[a] != nullptr && attributes[a + 1] != nullptr; a += 2)
  {
    node->Attributes.emplace_back(attributes[a], attributes[a + 1]);
  }
  Node * raw = node.get();
  if (builder->Open.empty())
  {
    builder->Root = std::move(node);
  }
  else
  {
    builder->Open.back()->Children.push_back(std::move(node));
  }
  builder->Open.push_back(raw);
}

void XMLCALL
EndElement(void * data, const XML_Char *)
{
  auto * builder = static_cast<Builder *>(data);
  if (!builder->Open.empty())
  {
    builder->Open.pop_back();
  }
}

void XMLCALL
Characters(void * data, const XML_Char * text, int length)
{
  auto * builder = static_cast<Builder *>(data);
  if (!builder->Open.empty())
  {
    builder->Open.back()->Text.append(text, static_cast<size_t>(length));
  }
}

// A number as Bruker writes it: a decimal comma where the locale had one.
double
Number(std::string text)
{
  text.erase(std::remove_if(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }), text.end());
  if (std::count(text.begin(), text.end(), ',') == 1 && text.find('.') == std::string::npos)
  {
    std::replace(text.begin(), text.end(), ',', '.');
  }
  char *       end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  return !text.empty() && *end == '\0' && std::isfinite(value) ? value : std::numeric_limits<double>::quiet_NaN();
}

std::string
DecodeBase64(const std::string & text)
{
  std::string compact;
  std::copy_if(text.begin(), text.end(), std::back_inserter(compact), [](unsigned char c) { return !std::isspace(c); });
  std::string bytes(compact.size() / 4 * 3 + 3, '\0');
  const size_t decoded = itksysBase64_Decode(reinterpret_cast<const unsigned char *>(compact.data()),
                                             0,
                                             reinterpret_cast<unsigned char *>(bytes.data()),
                                             compact.size());
  bytes.resize(std::min(decoded, bytes.size()));
  return bytes;
}

std::string
LineName(std::string line)
{
  // Bruker writes "KA", "LA", "K": HyperSpy's names are "Ka", "La", "Ka".
  if (line.size() == 1)
  {
    line += 'a';
  }
  line = line.substr(0, 2);
  for (size_t c = 0; c < line.size(); ++c)
  {
    line[c] = static_cast<char>(c == 0 ? std::toupper(static_cast<unsigned char>(line[c]))
                                       : std::tolower(static_cast<unsigned char>(line[c])));
  }
  return line;
}
} // namespace

BrukerBCFHeader
BrukerBCFHeader::Parse(const std::string & xml, const std::vector<unsigned int> & maps, const std::string & path)
{
  const auto fail = [&](const std::string & reason) {
    itkGenericExceptionMacro(<< "BrukerBCFImageIO: " << path << ": its header " << reason);
  };
  Builder builder;
  // Bruker declares Windows-1252, which expat does not know; its text is Latin-1 but for a few
  // punctuation marks, so it is read as ISO-8859-1.
  const std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(XML_ParserCreate("ISO-8859-1"),
                                                                                       XML_ParserFree);
  builder.Parser = parser.get();
  XML_SetUserData(parser.get(), &builder);
  XML_SetElementHandler(parser.get(), StartElement, EndElement);
  XML_SetCharacterDataHandler(parser.get(), Characters);
  if (xml.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) != XML_STATUS_OK || builder.TooLarge ||
      builder.Root == nullptr)
  {
    fail(builder.TooLarge ? "nests or holds too many elements" :
                            std::string("is not XML (") + XML_ErrorString(XML_GetErrorCode(parser.get())) + ")");
  }
  const Node * database = builder.Root->Child("ClassInstance", "Type", "TRTSpectrumDatabase");
  if (database == nullptr)
  {
    fail("has no TRTSpectrumDatabase");
  }
  BrukerBCFHeader header;
  header.Name = database->Attribute("Name");
  if (const Node * sem = database->Child("ClassInstance", "Type", "TRTSEMData"))
  {
    const double hv = Number(sem->TextOf("HV")), dx = Number(sem->TextOf("DX")), dy = Number(sem->TextOf("DY"));
    header.BeamEnergy = hv > 0.0 ? hv : 0.0;
    header.PixelWidth = dx > 0.0 ? dx : 0.0;
    header.PixelHeight = dy > 0.0 ? dy : 0.0;
  }
  // The images: the unnamed TRTImageData (the scan's), then a version 2 file's overview.
  std::vector<const Node *> imageNodes;
  for (const Node * node : database->AllChildren("ClassInstance", "Type", "TRTImageData"))
  {
    if (node->Attribute("Name").empty())
    {
      imageNodes.assign(1, node);
    }
  }
  if (imageNodes.empty())
  {
    fail("has no image of the scan (TRTImageData)");
  }
  if (const Node * container = database->Child("ClassInstance", "Type", "TRTContainerClass"))
  {
    const Node * children = container->Child("ChildClassInstances");
    const Node * overview = children ? children->Child("ClassInstance", "Name", "OverviewImages") : nullptr;
    const Node * inside = overview ? overview->Child("ChildClassInstances") : nullptr;
    const Node * image = inside ? inside->Child("ClassInstance", "Type", "TRTImageData") : nullptr;
    if (image != nullptr)
    {
      imageNodes.push_back(image);
    }
  }
  for (size_t i = 0; i < imageNodes.size(); ++i)
  {
    const Node * node = imageNodes[i];
    const double width = Number(node->TextOf("Width")), height = Number(node->TextOf("Height"));
    const double bytes = Number(node->TextOf("ItemSize")), planes = Number(node->TextOf("PlaneCount"));
    if (!(width >= 1 && height >= 1 && width * height <= 1e10) || !(bytes == 1 || bytes == 2 || bytes == 4) ||
        !(planes >= 0 && planes <= 1024))
    {
      fail("describes an image of " + node->TextOf("Width") + " x " + node->TextOf("Height") + ", " +
           node->TextOf("ItemSize") + " bytes a pixel, " + node->TextOf("PlaneCount") + " planes");
    }
    if (i == 0)
    {
      header.Width = static_cast<SizeValueType>(width);
      header.Height = static_cast<SizeValueType>(height);
    }
    for (int p = 0; p < static_cast<int>(planes); ++p)
    {
      const Node * plane = node->Child("Plane" + std::to_string(p));
      if (plane == nullptr)
      {
        continue;
      }
      Image image;
      image.Width = static_cast<SizeValueType>(width);
      image.Height = static_cast<SizeValueType>(height);
      image.BytesPerPixel = static_cast<unsigned int>(bytes);
      image.Name = plane->TextOf("Description");
      image.Data = DecodeBase64(plane->TextOf("Data"));
      if (image.Data.size() != image.Width * image.Height * image.BytesPerPixel)
      {
        fail("has image " + image.Name + " of " + std::to_string(image.Data.size()) + " bytes for " +
             std::to_string(image.Width) + " x " + std::to_string(image.Height));
      }
      // Bruker stores empty planes for detectors that were off; HyperSpy leaves them out too.
      if (std::any_of(image.Data.begin(), image.Data.end(), [](char c) { return c != 0; }))
      {
        header.Images.push_back(std::move(image));
      }
    }
  }
  const double channels = Number(database->TextOf("ChCount"));
  for (const unsigned int index : maps)
  {
    const Node * data = database->Child("SpectrumData" + std::to_string(index));
    const Node * spectrum = data ? data->Child("ClassInstance") : nullptr;
    const Node * calibration = spectrum ? spectrum->Child("ClassInstance", "Type", "TRTSpectrumHeader") : nullptr;
    if (calibration == nullptr)
    {
      fail("has no calibration for SpectrumData" + std::to_string(index));
    }
    Map map;
    map.Index = index;
    map.Offset = Number(calibration->TextOf("CalibAbs"));
    map.Dispersion = Number(calibration->TextOf("CalibLin"));
    const double mapChannels = Number(calibration->TextOf("ChannelCount"));
    map.Channels = static_cast<SizeValueType>(mapChannels >= 1 && mapChannels <= 65535 ? mapChannels : channels);
    if (!(map.Channels >= 1 && map.Channels <= 65535) || !std::isfinite(map.Offset) || !(map.Dispersion > 0.0))
    {
      fail("gives SpectrumData" + std::to_string(index) + " " + std::to_string(map.Channels) + " channels, offset " +
           calibration->TextOf("CalibAbs") + ", dispersion " + calibration->TextOf("CalibLin"));
    }
    const Node * headered = spectrum->Child("TRTHeaderedClass");
    const Node * esma = headered ? headered->Child("ClassInstance", "Type", "TRTESMAHeader") : nullptr;
    map.ElevationAngle = esma ? Number(esma->TextOf("ElevationAngle")) : std::numeric_limits<double>::quiet_NaN();
    if (header.BeamEnergy == 0.0 && esma != nullptr && Number(esma->TextOf("PrimaryEnergy")) > 0.0)
    {
      header.BeamEnergy = Number(esma->TextOf("PrimaryEnergy"));
    }
    header.Maps.push_back(map);
  }
  // The element selection (ElementInformationList), as HyperSpy names its lines.
  const Node * container = database->Child("ClassInstance", "Type", "TRTContainerClass");
  const Node * children = container ? container->Child("ChildClassInstances") : nullptr;
  const Node * information = children ? children->Child("ClassInstance", "Type", "TRTElementInformationList") : nullptr;
  const Node * regions = information ? information->Child("ClassInstance", "Type", "TRTSpectrumRegionList") : nullptr;
  const Node * list = regions ? regions->Child("ChildClassInstances") : nullptr;
  if (list != nullptr)
  {
    for (const Node * region : list->AllChildren("ClassInstance", "Type", "TRTSpectrumRegion"))
    {
      const std::string element = region->Attribute("Name");
      const std::string line = region->TextOf("Line");
      if (!element.empty())
      {
        header.Elements.push_back(element);
        header.Lines.push_back(element + "_" + LineName(line.empty() ? "Ka" : line));
      }
    }
  }
  return header;
}
} // end namespace itk
