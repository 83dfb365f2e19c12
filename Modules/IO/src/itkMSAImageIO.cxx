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
#include "itkMSAImageIO.h"

#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

namespace itk
{
namespace
{
constexpr size_t MaximumLine = 65536;
constexpr double MaximumPoints = 1e8;

std::string
Trim(const std::string & text)
{
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos)
  {
    return "";
  }
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// One line (without its end), at most MaximumLine characters; false at the end of the stream.
bool
ReadLine(std::istream & stream, std::string & line, size_t number)
{
  line.clear();
  char c;
  bool any = false;
  while (stream.get(c))
  {
    any = true;
    if (c == '\n')
    {
      return true;
    }
    if (c == '\0')
    {
      itkGenericExceptionMacro(<< "MSAImageIO: a NUL byte on line " << number << " (not a text file)");
    }
    if (line.size() >= MaximumLine)
    {
      itkGenericExceptionMacro(<< "MSAImageIO: line " << number << " is longer than " << MaximumLine << " characters");
    }
    line += c;
  }
  return any;
}

bool
ParseNumber(const std::string & text, double & value)
{
  if (text.empty())
  {
    return false;
  }
  char * end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// Joins "2.0 E-06" into "2.0E-06" (writers that put a space before the exponent).
std::string
JoinExponents(const std::string & line)
{
  std::string out;
  for (size_t i = 0; i < line.size(); ++i)
  {
    if (line[i] == ' ' && !out.empty() && (std::isdigit(static_cast<unsigned char>(out.back())) || out.back() == '.'))
    {
      size_t j = i;
      while (j < line.size() && line[j] == ' ')
      {
        ++j;
      }
      if (j + 1 < line.size() && (line[j] == 'E' || line[j] == 'e') &&
          (std::isdigit(static_cast<unsigned char>(line[j + 1])) || line[j + 1] == '-' || line[j + 1] == '+'))
      {
        i = j - 1;
        continue;
      }
    }
    out += line[i];
  }
  return out;
}
} // namespace

MSAImageIO::MSAImageIO()
{
  for (const char * extension : { ".msa", ".MSA", ".ems", ".EMS" })
  {
    this->AddSupportedReadExtension(extension);
    this->AddSupportedWriteExtension(extension);
  }
}

bool
MSAImageIO::CanReadFile(const char * fileName)
{
  std::ifstream file(fileName);
  std::string   start(64, '\0');
  file.read(start.data(), 64);
  start.resize(static_cast<size_t>(file.gcount()));
  std::transform(start.begin(), start.end(), start.begin(), [](unsigned char c) { return std::toupper(c); });
  return start.rfind("#FORMAT", 0) == 0 && start.find("EMSA") != std::string::npos;
}

void
MSAImageIO::Parse(std::istream & stream, std::vector<double> & values, MetaDataDictionary & dictionary)
{
  std::map<std::string, std::string> keys;
  std::string                        line;
  size_t                             number = 0;
  bool                               inData = false, ended = false;
  values.clear();
  std::vector<double> tokens;
  while (!ended && ReadLine(stream, line, ++number))
  {
    const std::string text = Trim(line);
    if (text.empty())
    {
      continue;
    }
    if (text[0] == '#')
    {
      const auto  colon = text.find(':');
      std::string keyword = Trim(text.substr(1, colon == std::string::npos ? std::string::npos : colon - 1));
      keyword = Trim(keyword.substr(0, keyword.find('-'))); // "BEAMKV -kV"
      std::transform(keyword.begin(), keyword.end(), keyword.begin(), [](unsigned char c) { return std::toupper(c); });
      const std::string value = colon == std::string::npos ? "" : Trim(text.substr(colon + 1));
      if (inData)
      {
        if (keyword != "ENDOFDATA")
        {
          itkGenericExceptionMacro(<< "MSAImageIO: header line #" << keyword << " inside the data (line " << number
                                   << ")");
        }
        ended = true;
        continue;
      }
      if (keyword == "SPECTRUM")
      {
        inData = true;
        continue;
      }
      keys[keyword] = (keyword == "TITLE" || keyword == "COMMENT") && keys.count(keyword) > 0
                        ? keys[keyword] + " " + value
                        : value;
      continue;
    }
    if (!inData)
    {
      itkGenericExceptionMacro(<< "MSAImageIO: data before #SPECTRUM (line " << number << ")");
    }
    std::string joined = JoinExponents(text);
    std::replace(joined.begin(), joined.end(), ',', ' ');
    std::istringstream items(joined);
    for (std::string item; items >> item;)
    {
      double v = 0.0;
      if (!ParseNumber(item, v) || !std::isfinite(v))
      {
        itkGenericExceptionMacro(<< "MSAImageIO: \"" << item << "\" on line " << number << " is not a finite number");
      }
      tokens.push_back(v);
    }
  }
  if (!inData)
  {
    itkGenericExceptionMacro(<< "MSAImageIO: no #SPECTRUM line");
  }
  const auto required = [&](const char * keyword) {
    const auto found = keys.find(keyword);
    if (found == keys.end())
    {
      itkGenericExceptionMacro(<< "MSAImageIO: the required keyword #" << keyword << " is missing");
    }
    return found->second;
  };
  const auto numeric = [&](const char * keyword) {
    double v = 0.0;
    if (!ParseNumber(JoinExponents(required(keyword)), v) || !std::isfinite(v))
    {
      itkGenericExceptionMacro(<< "MSAImageIO: #" << keyword << " = \"" << keys[keyword] << "\" is not a number");
    }
    return v;
  };
  const double points = numeric("NPOINTS");
  if (!(points >= 1.0) || points > MaximumPoints || points != std::floor(points))
  {
    itkGenericExceptionMacro(<< "MSAImageIO: NPOINTS = " << keys["NPOINTS"] << " is not a count of 1 ... 1e8");
  }
  double columns = 1.0;
  if (keys.count("NCOLUMNS") > 0)
  {
    columns = numeric("NCOLUMNS");
    if (!(columns >= 1.0) || columns > 5.0 || columns != std::floor(columns))
    {
      itkGenericExceptionMacro(<< "MSAImageIO: NCOLUMNS = " << keys["NCOLUMNS"] << " (1 ... 5 allowed)");
    }
  }
  double       dispersion = numeric("XPERCHAN");
  double       offset = numeric("OFFSET");
  std::string  type = required("DATATYPE");
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::toupper(c); });
  if (type != "XY" && type != "Y")
  {
    itkGenericExceptionMacro(<< "MSAImageIO: DATATYPE " << type << " (XY or Y expected)");
  }
  if (!(dispersion > 0.0))
  {
    itkGenericExceptionMacro(<< "MSAImageIO: XPERCHAN = " << dispersion << " (must be > 0)");
  }
  const auto count = static_cast<size_t>(points);
  for (size_t i = type == "XY" ? 1 : 0; i < tokens.size() && values.size() < count; i += type == "XY" ? 2 : 1)
  {
    values.push_back(tokens[i]);
  }
  if (values.size() < count)
  {
    itkGenericExceptionMacro(<< "MSAImageIO: " << values.size() << " values for NPOINTS = " << count);
  }
  const auto unitsOf = keys.find("XUNITS");
  if (unitsOf != keys.end() && (unitsOf->second == "keV" || unitsOf->second == "KEV"))
  {
    dispersion *= 1000.0;
    offset *= 1000.0;
    EMMetaData::SetString(dictionary, "OriginalEnergyUnits", unitsOf->second);
  }
  EnergyAxis(offset, dispersion, count).WriteTo(dictionary);
  for (const auto & [keyword, key] : { std::make_pair("BEAMKV", EMMetaDataKeys::BeamEnergy),
                                       std::make_pair("CONVANGLE", EMMetaDataKeys::ConvergenceSemiAngle),
                                       std::make_pair("COLLANGLE", EMMetaDataKeys::CollectionSemiAngle) })
  {
    double v = 0.0;
    if (keys.count(keyword) > 0 && ParseNumber(keys[keyword], v) && std::isfinite(v))
    {
      EMMetaData::SetDouble(dictionary, key, v);
    }
  }
  if (keys.count("SIGNALTYPE") > 0)
  {
    EMMetaData::SetString(dictionary, EMMetaDataKeys::SignalType, keys["SIGNALTYPE"] == "ELS" ? "EELS" : keys["SIGNALTYPE"]);
  }
  if (keys.count("TITLE") > 0)
  {
    EMMetaData::SetString(dictionary, "Title", keys["TITLE"]);
  }
  for (const auto & [keyword, value] : keys)
  {
    EMMetaData::SetString(dictionary, "MSA." + keyword, value);
  }
}

void
MSAImageIO::ReadImageInformation()
{
  std::ifstream file(this->GetFileName(), std::ios::binary);
  if (!file)
  {
    itkExceptionMacro(<< "MSAImageIO: cannot open " << this->GetFileName());
  }
  try
  {
    Parse(file, m_Values, this->GetMetaDataDictionary());
  }
  catch (const ExceptionObject & error)
  {
    itkExceptionMacro(<< this->GetFileName() << ": " << error.GetDescription());
  }
  this->SetNumberOfDimensions(2);
  this->SetDimensions(0, 1);
  this->SetDimensions(1, 1);
  this->SetPixelType(IOPixelEnum::VECTOR);
  this->SetComponentType(IOComponentEnum::DOUBLE);
  this->SetNumberOfComponents(static_cast<unsigned int>(m_Values.size()));
}

void
MSAImageIO::Read(void * buffer)
{
  std::copy(m_Values.begin(), m_Values.end(), static_cast<double *>(buffer));
}

bool
MSAImageIO::CanWriteFile(const char * fileName)
{
  const std::string name = fileName;
  const auto        dot = name.find_last_of('.');
  if (dot == std::string::npos)
  {
    return false;
  }
  std::string extension = name.substr(dot);
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  return extension == ".msa" || extension == ".ems";
}

void
MSAImageIO::Write(const void * buffer)
{
  SizeValueType pixels = 1;
  for (unsigned int d = 0; d < this->GetNumberOfDimensions(); ++d)
  {
    pixels *= this->GetDimensions(d);
  }
  const SizeValueType channels = pixels * this->GetNumberOfComponents();
  if (pixels != 1 && this->GetNumberOfComponents() != 1)
  {
    itkExceptionMacro(<< "MSAImageIO writes one spectrum: a 1 x 1 spectrum image or a 1-D image, not " << pixels
                      << " pixels of " << this->GetNumberOfComponents() << " channels");
  }
  const MetaDataDictionary & dictionary = this->GetMetaDataDictionary();
  const EnergyAxis           axis = EnergyAxis::ReadFrom(dictionary, channels);
  std::vector<double>        values(channels);
  const auto                 convert = [&](auto typed) {
    for (SizeValueType i = 0; i < channels; ++i)
    {
      values[i] = static_cast<double>(typed[i]);
    }
  };
  switch (this->GetComponentType())
  {
    case IOComponentEnum::FLOAT:
      convert(static_cast<const float *>(buffer));
      break;
    case IOComponentEnum::DOUBLE:
      convert(static_cast<const double *>(buffer));
      break;
    case IOComponentEnum::INT:
      convert(static_cast<const int *>(buffer));
      break;
    case IOComponentEnum::UINT:
      convert(static_cast<const unsigned int *>(buffer));
      break;
    case IOComponentEnum::SHORT:
      convert(static_cast<const short *>(buffer));
      break;
    case IOComponentEnum::USHORT:
      convert(static_cast<const unsigned short *>(buffer));
      break;
    default:
      itkExceptionMacro(<< "MSAImageIO: pixel type " << this->GetComponentTypeAsString(this->GetComponentType())
                        << " is not written");
  }
  const auto text = [&](const char * key, const std::string & fallback) {
    return EMMetaData::Has(dictionary, key) ? EMMetaData::GetString(dictionary, key) : fallback;
  };
  std::ostringstream out;
  out << std::setprecision(17);
  out << "#FORMAT      : EMSA/MAS Spectral Data File\n#VERSION     : 1.0\n#TITLE       : " << text("Title", "")
      << "\n#DATE        : \n#TIME        : \n#OWNER       : \n#NPOINTS     : " << channels
      << "\n#NCOLUMNS    : 1\n#XUNITS      : eV\n#YUNITS      : Counts\n#DATATYPE    : Y\n#XPERCHAN    : "
      << axis.GetDispersion() << "\n#OFFSET      : " << axis.GetOffset() << "\n";
  const std::string signal = text(EMMetaDataKeys::SignalType, "");
  if (!signal.empty())
  {
    out << "#SIGNALTYPE  : " << (signal == "EELS" ? "ELS" : signal) << "\n";
  }
  for (const auto & [key, keyword] : { std::make_pair(EMMetaDataKeys::BeamEnergy, "#BEAMKV   -kV"),
                                       std::make_pair(EMMetaDataKeys::ConvergenceSemiAngle, "#CONVANGLE-mR"),
                                       std::make_pair(EMMetaDataKeys::CollectionSemiAngle, "#COLLANGLE-mR") })
  {
    if (EMMetaData::Has(dictionary, key))
    {
      out << keyword << ": " << EMMetaData::GetDouble(dictionary, key) << "\n";
    }
  }
  out << "#SPECTRUM    : Spectral Data Starts Here\n";
  for (const double v : values)
  {
    out << v << "\n";
  }
  out << "#ENDOFDATA   : End Of Data and File\n";
  // Written to a temporary name and renamed, so that a failure leaves no partial file.
  const std::string name = this->GetFileName();
  const std::string temporary = name + ".partial";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << out.str();
    if (!file.flush())
    {
      std::remove(temporary.c_str());
      itkExceptionMacro(<< "MSAImageIO: cannot write " << name);
    }
  }
  if (std::rename(temporary.c_str(), name.c_str()) != 0)
  {
    std::remove(temporary.c_str());
    itkExceptionMacro(<< "MSAImageIO: cannot write " << name);
  }
}
} // end namespace itk
