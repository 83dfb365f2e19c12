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
#include "itkEMMetaData.h"
#include "itkMetaDataObject.h"

#include <array>
#include <charconv>
#include <cmath>

namespace itk
{
namespace EMMetaData
{
std::string
FormatDouble(double value)
{
  std::array<char, 64> buffer{};
  const auto           result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

double
ParseDouble(const std::string & text, const std::string & key)
{
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  if (first == std::string::npos)
  {
    itkGenericExceptionMacro(<< "Metadata entry " << key << " is empty, expected a number");
  }
  const char * begin = text.data() + first;
  const char * end = text.data() + last + 1;
  if (*begin == '+')
  {
    ++begin;
  }
  double     value = 0.0;
  const auto result = std::from_chars(begin, end, value);
  if (result.ec != std::errc() || result.ptr != end)
  {
    itkGenericExceptionMacro(<< "Metadata entry " << key << " = \"" << text << "\" is not a number");
  }
  return value;
}

bool
Has(const MetaDataDictionary & dictionary, const std::string & key)
{
  return dictionary.HasKey(key);
}

double
GetDouble(const MetaDataDictionary & dictionary, const std::string & key)
{
  if (!dictionary.HasKey(key))
  {
    itkGenericExceptionMacro(<< "Metadata entry " << key << " is missing");
  }
  std::string text;
  if (ExposeMetaData<std::string>(dictionary, key, text))
  {
    return ParseDouble(text, key);
  }
  double doubleValue = 0.0;
  if (ExposeMetaData<double>(dictionary, key, doubleValue))
  {
    return doubleValue;
  }
  float floatValue = 0.0f;
  if (ExposeMetaData<float>(dictionary, key, floatValue))
  {
    return floatValue;
  }
  int intValue = 0;
  if (ExposeMetaData<int>(dictionary, key, intValue))
  {
    return intValue;
  }
  itkGenericExceptionMacro(<< "Metadata entry " << key << " is neither a string nor a number");
}

std::string
GetString(const MetaDataDictionary & dictionary, const std::string & key)
{
  std::string text;
  if (!ExposeMetaData<std::string>(dictionary, key, text))
  {
    itkGenericExceptionMacro(<< "Metadata entry " << key << " is missing or not a string");
  }
  return text;
}

void
SetDouble(MetaDataDictionary & dictionary, const std::string & key, double value)
{
  if (!std::isfinite(value))
  {
    itkGenericExceptionMacro(<< "Metadata entry " << key << " must be finite, got " << value);
  }
  EncapsulateMetaData<std::string>(dictionary, key, FormatDouble(value));
}

void
SetString(MetaDataDictionary & dictionary, const std::string & key, const std::string & value)
{
  EncapsulateMetaData<std::string>(dictionary, key, value);
}

void
Erase(MetaDataDictionary & dictionary, const std::string & key)
{
  if (dictionary.HasKey(key))
  {
    dictionary.Erase(key);
  }
}
} // namespace EMMetaData
} // end namespace itk
