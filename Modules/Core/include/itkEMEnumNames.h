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
#ifndef itkEMEnumNames_h
#define itkEMEnumNames_h

#include "itkMacro.h"

#include <ostream>
#include <string>

namespace itk
{
/** One value of an option enum: its C++ name (what printing shows) and its command-line token
 * (what the programs' --flags accept; nullptr for a value no program offers). */
template <typename TEnum>
struct EMEnumName
{
  TEnum        Value;
  const char * Name;
  const char * Token;
};

/** \brief The one name table of an option enum, used for printing and by the programs.
 *
 * Specialised next to each enum with `static constexpr const char * EnumName` and
 * `static constexpr EMEnumName<TEnum> Entries[]`.
 *
 * \ingroup AnalyticalEMCore
 */
template <typename TEnum>
struct EMEnumNames;

/** Prints the value's name, or EnumName(number) for a value outside the table. */
template <typename TEnum>
std::ostream &
PrintEMEnum(std::ostream & os, TEnum value)
{
  for (const auto & entry : EMEnumNames<TEnum>::Entries)
  {
    if (entry.Value == value)
    {
      return os << entry.Name;
    }
  }
  return os << EMEnumNames<TEnum>::EnumName << "(" << static_cast<int>(value) << ")";
}

/** Prints any enum that has a name table (found by argument-dependent lookup: the enums are
 * nested in classes of namespace itk). */
template <typename TEnum, typename = decltype(EMEnumNames<TEnum>::Entries)>
std::ostream &
operator<<(std::ostream & os, TEnum value)
{
  return PrintEMEnum(os, value);
}

/** The value whose command-line token is \a token; throws, listing the tokens, for any other. */
template <typename TEnum>
TEnum
EMEnumFromToken(const std::string & token)
{
  std::string known;
  for (const auto & entry : EMEnumNames<TEnum>::Entries)
  {
    if (entry.Token == nullptr)
    {
      continue;
    }
    if (token == entry.Token)
    {
      return entry.Value;
    }
    known += (known.empty() ? "" : ", ") + std::string(entry.Token);
  }
  itkGenericExceptionMacro(<< "unknown " << EMEnumNames<TEnum>::EnumName << " \"" << token << "\" (expected one of "
                           << known << ")");
}

/** The value whose C++ name (`CrossCorrelation`) or command-line token (`crosscorrelation`) is
 * \a text: what the Python wrapping accepts for an enum argument. Throws, listing the names (and
 * tokens), for any other text. */
template <typename TEnum>
TEnum
EMEnumFromName(const std::string & text)
{
  std::string known;
  for (const auto & entry : EMEnumNames<TEnum>::Entries)
  {
    if (text == entry.Name || (entry.Token != nullptr && text == entry.Token))
    {
      return entry.Value;
    }
    known += (known.empty() ? "" : ", ") + std::string(entry.Name);
    known += entry.Token != nullptr ? " (" + std::string(entry.Token) + ")" : "";
  }
  itkGenericExceptionMacro(<< "unknown " << EMEnumNames<TEnum>::EnumName << " \"" << text << "\" (expected one of "
                           << known << ")");
}
} // end namespace itk

#endif
