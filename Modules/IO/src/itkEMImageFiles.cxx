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
#include "itkEMImageFiles.h"

#include "itkAnalyticalEMImageIOFactory.h"
#include "itkEMMultiSignalImageIO.h"
#include "itkGatanDMImageIO.h"
#include "itkHSPYImageIO.h"
#include "itkImageIOFactory.h"

#include "itksys/SystemTools.hxx"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>

namespace itk
{
namespace EMImageFiles
{
namespace
{
// Longest header read; MetaImage and NRRD headers are text of a few kB.
constexpr std::streamoff LongestHeader = std::streamoff(1) << 20;

std::string
Trim(const std::string & text)
{
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string
Lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string
Extension(const std::string & path)
{
  return Lower(itksys::SystemTools::GetFilenameLastExtension(path));
}

// A data file named in a header, relative to the header's folder.
std::string
Beside(const std::string & header, const std::string & name)
{
  if (name.empty() || itksys::SystemTools::FileIsFullPath(name))
  {
    return name;
  }
  const std::string folder = itksys::SystemTools::GetFilenamePath(header);
  return folder.empty() ? name : folder + "/" + name;
}

// The fields of a MetaImage header that say where its data is and how long it is.
struct MetaImageLayout
{
  bool           Found{ false }; // ElementDataFile was read
  long long      HeaderSize{ 0 };
  bool           Binary{ true };
  bool           Compressed{ false };
  std::uint64_t  CompressedSize{ 0 };
  std::string    DataFile; // LOCAL, a file name, LIST ... or a pattern
  std::streamoff DataStart{ 0 };
};

MetaImageLayout
ReadMetaImageLayout(const std::string & path)
{
  MetaImageLayout layout;
  std::ifstream   file(path, std::ios::binary);
  std::string     line;
  while (file.tellg() < LongestHeader && std::getline(file, line))
  {
    const size_t equals = line.find('=');
    if (equals == std::string::npos)
    {
      continue;
    }
    const std::string key = Trim(line.substr(0, equals));
    const std::string value = Trim(line.substr(equals + 1));
    const bool        yes = Lower(value) == "true" || value == "1";
    if (key == "HeaderSize")
    {
      layout.HeaderSize = std::atoll(value.c_str());
    }
    else if (key == "BinaryData")
    {
      layout.Binary = yes;
    }
    else if (key == "CompressedData")
    {
      layout.Compressed = yes;
    }
    else if (key == "CompressedDataSize")
    {
      layout.CompressedSize = std::strtoull(value.c_str(), nullptr, 10);
    }
    else if (key == "ElementDataFile")
    {
      layout.Found = true;
      layout.DataFile = value;
      layout.DataStart = file.tellg();
      break;
    }
  }
  return layout;
}

std::string
NrrdDataFile(const std::string & path)
{
  std::ifstream file(path, std::ios::binary);
  std::string   line;
  while (file.tellg() < LongestHeader && std::getline(file, line) && !Trim(line).empty())
  {
    const size_t colon = line.find(':');
    if (colon != std::string::npos &&
        (line.compare(0, colon, "data file") == 0 || line.compare(0, colon, "datafile") == 0))
    {
      return Trim(line.substr(colon + 1));
    }
  }
  return "";
}

bool
IsSingleFile(const std::string & dataFile)
{
  return !dataFile.empty() && Lower(dataFile) != "local" && dataFile.rfind("LIST", 0) != 0 &&
         dataFile.find('%') == std::string::npos && dataFile.find(' ') == std::string::npos;
}
} // namespace

void
CheckComplete(const std::string & path, const ImageIOBase & io)
{
  const std::string extension = Extension(path);
  if (extension != ".mha" && extension != ".mhd")
  {
    return;
  }
  const MetaImageLayout layout = ReadMetaImageLayout(path);
  const bool            local = Lower(layout.DataFile) == "local";
  if (!layout.Found || !layout.Binary || (!local && !IsSingleFile(layout.DataFile)) ||
      (layout.Compressed && layout.CompressedSize == 0))
  {
    return; // text data, several data files, or a compressed size to be found from the file
  }
  const std::string dataPath = local ? path : Beside(path, layout.DataFile);
  if (!local && !itksys::SystemTools::FileExists(dataPath, true))
  {
    itkGenericExceptionMacro(<< path << ": its data file " << dataPath << " does not exist");
  }
  const auto    size = static_cast<std::uint64_t>(itksys::SystemTools::FileLength(dataPath));
  std::uint64_t start = 0;
  if (layout.HeaderSize > 0)
  {
    start = static_cast<std::uint64_t>(layout.HeaderSize);
  }
  else if (local && layout.HeaderSize == 0)
  {
    start = static_cast<std::uint64_t>(std::max<std::streamoff>(layout.DataStart, 0));
  }
  const std::uint64_t held = size > start ? size - start : 0;
  const std::uint64_t declared = layout.Compressed ? layout.CompressedSize : io.GetImageSizeInBytes();
  if (held < declared)
  {
    itkGenericExceptionMacro(<< path << ": the header declares " << declared << " bytes of "
                             << (layout.Compressed ? "compressed " : "") << "image data, "
                             << (local ? "the file" : dataPath) << " holds " << held << " (truncated)");
  }
}

std::vector<std::string>
DataFiles(const std::string & path)
{
  const std::string extension = Extension(path);
  std::string       data;
  if (extension == ".mhd" || extension == ".mha")
  {
    data = ReadMetaImageLayout(path).DataFile;
  }
  else if (extension == ".nhdr")
  {
    data = NrrdDataFile(path);
  }
  else if (extension == ".hdr")
  {
    const std::string base = itksys::SystemTools::GetFilenameWithoutLastExtension(path);
    return { Beside(path, base + ".img"), Beside(path, base + ".img.gz") };
  }
  return IsSingleFile(data) ? std::vector<std::string>{ Beside(path, data) } : std::vector<std::string>{};
}

std::vector<std::string>
CompanionsWritten(const std::string & path)
{
  const std::string extension = Extension(path);
  const std::string base = Beside(path, itksys::SystemTools::GetFilenameWithoutLastExtension(path));
  if (extension == ".mhd")
  {
    return { base + ".raw", base + ".zraw" };
  }
  if (extension == ".nhdr")
  {
    return { base + ".raw", base + ".raw.gz" };
  }
  if (extension == ".hdr")
  {
    return { base + ".img", base + ".img.gz" };
  }
  return {};
}
SignalPath
SplitSignal(const std::string & path)
{
  const size_t hash = path.rfind('#');
  if (hash == std::string::npos || itksys::SystemTools::FileExists(path))
  {
    return { path, "" };
  }
  return { path.substr(0, hash), path.substr(hash + 1) };
}

ImageIOBase::Pointer
CreateReader(const std::string & path, bool readInformation)
{
  AnalyticalEMImageIOFactory::RegisterOneFactory();
  const SignalPath     split = SplitSignal(path);
  ImageIOBase::Pointer io = ImageIOFactory::CreateImageIO(split.File.c_str(), ImageIOFactory::IOFileModeEnum::ReadMode);
  if (io == nullptr)
  {
    itkGenericExceptionMacro(<< "cannot read " << split.File << ": not an image any reader knows");
  }
  const std::string & signal = split.Signal;
  const bool          isIndex =
    !signal.empty() && signal.size() < 10 && std::all_of(signal.begin(), signal.end(), [](unsigned char c) { return std::isdigit(c); });
  const auto index = isIndex ? static_cast<unsigned int>(std::stoul(signal)) : 0u;
  if (auto * multi = dynamic_cast<EMMultiSignalImageIO *>(io.GetPointer()))
  {
    multi->SetSignalIndex(index);
    multi->SetSignalName(isIndex ? "" : signal);
  }
  else if (auto * dm = dynamic_cast<GatanDMImageIO *>(io.GetPointer()))
  {
    dm->SetImageIndex(index);
    dm->SetImageName(isIndex ? "" : signal);
  }
  else if (auto * hspy = dynamic_cast<HSPYImageIO *>(io.GetPointer()); hspy != nullptr && (isIndex || signal.empty()))
  {
    hspy->SetSignalIndex(index);
  }
  else if (!signal.empty())
  {
    itkGenericExceptionMacro(<< "cannot read " << path << ": " << io->GetNameOfClass()
                             << " files are not selected by signal " << signal);
  }
  io->SetFileName(split.File);
  if (readInformation)
  {
    io->ReadImageInformation();
  }
  return io;
}
} // namespace EMImageFiles
} // end namespace itk
