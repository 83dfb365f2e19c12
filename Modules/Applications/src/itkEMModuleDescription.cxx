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
#include "itkEMModuleDescription.h"
#include "itkMacro.h"

#include <expat.h>

#include <cstdlib>
#include <memory>
#include <set>

namespace itk
{
namespace EMCLI
{
namespace
{
const std::set<std::string> ScalarTypes{ "integer", "float", "double", "boolean", "string" };
const std::set<std::string> VectorTypes{ "integer-vector", "float-vector", "double-vector", "string-vector" };
const std::set<std::string> EnumerationTypes{ "integer-enumeration", "float-enumeration", "double-enumeration",
                                              "string-enumeration" };
const std::set<std::string> PathTypes{ "file", "directory", "image", "geometry", "transform", "table", "measurement" };

// A small element tree: enough for module descriptions (no mixed content is needed).
struct Element
{
  std::string                           Name;
  std::vector<std::pair<std::string, std::string>> Attributes;
  std::string                           Text;
  std::vector<std::unique_ptr<Element>> Children;
  Element *                             Parent{ nullptr };

  std::string
  Attribute(const std::string & key) const
  {
    for (const auto & attribute : Attributes)
    {
      if (attribute.first == key)
      {
        return attribute.second;
      }
    }
    return {};
  }
  const Element *
  Child(const std::string & name) const
  {
    for (const auto & child : Children)
    {
      if (child->Name == name)
      {
        return child.get();
      }
    }
    return nullptr;
  }
  std::string
  ChildText(const std::string & name) const
  {
    const Element * child = this->Child(name);
    return child != nullptr ? child->Text : std::string();
  }
};

struct ParseState
{
  std::unique_ptr<Element> Root;
  Element *                Current{ nullptr };
};

void
Trim(std::string & text)
{
  const size_t first = text.find_first_not_of(" \t\r\n");
  const size_t last = text.find_last_not_of(" \t\r\n");
  text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

void XMLCALL
StartElement(void * data, const XML_Char * name, const XML_Char ** attributes)
{
  auto * state = static_cast<ParseState *>(data);
  auto   element = std::make_unique<Element>();
  element->Name = name;
  for (int i = 0; attributes[i] != nullptr; i += 2)
  {
    element->Attributes.emplace_back(attributes[i], attributes[i + 1]);
  }
  element->Parent = state->Current;
  Element * raw = element.get();
  if (state->Current == nullptr)
  {
    state->Root = std::move(element);
  }
  else
  {
    state->Current->Children.push_back(std::move(element));
  }
  state->Current = raw;
}

void XMLCALL
EndElement(void * data, const XML_Char *)
{
  auto * state = static_cast<ParseState *>(data);
  Trim(state->Current->Text);
  state->Current = state->Current->Parent;
}

void XMLCALL
CharacterData(void * data, const XML_Char * text, int length)
{
  auto * state = static_cast<ParseState *>(data);
  if (state->Current != nullptr)
  {
    state->Current->Text.append(text, static_cast<size_t>(length));
  }
}

double
ParseBound(const std::string & text, const std::string & what)
{
  char *       end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0')
  {
    itkGenericExceptionMacro(<< "Module description: " << what << " '" << text << "' is not a number");
  }
  return value;
}
} // namespace

bool
Parameter::IsVector() const
{
  return VectorTypes.count(Type) > 0;
}

bool
Parameter::IsEnumeration() const
{
  return EnumerationTypes.count(Type) > 0;
}

bool
Parameter::IsPath() const
{
  return PathTypes.count(Type) > 0;
}

ModuleDescription
ModuleDescription::Parse(const std::string & xml)
{
  ParseState state;
  const std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"), &XML_ParserFree);
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), &StartElement, &EndElement);
  XML_SetCharacterDataHandler(parser.get(), &CharacterData);
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR)
  {
    itkGenericExceptionMacro(<< "Module description: " << XML_ErrorString(XML_GetErrorCode(parser.get())) << " at line "
                             << XML_GetCurrentLineNumber(parser.get()));
  }
  if (state.Root == nullptr || state.Root->Name != "executable")
  {
    itkGenericExceptionMacro(<< "Module description: the root element must be <executable>");
  }
  ModuleDescription description;
  description.Category = state.Root->ChildText("category");
  description.Title = state.Root->ChildText("title");
  description.Description = state.Root->ChildText("description");
  description.Version = state.Root->ChildText("version");
  std::set<std::string> names, flags, longFlags;
  std::set<int>         indices;
  for (const auto & group : state.Root->Children)
  {
    if (group->Name != "parameters")
    {
      continue;
    }
    for (const auto & element : group->Children)
    {
      if (element->Name == "label" || element->Name == "description")
      {
        continue;
      }
      Parameter p;
      p.Type = element->Name;
      if (!ScalarTypes.count(p.Type) && !p.IsVector() && !p.IsEnumeration() && !p.IsPath())
      {
        itkGenericExceptionMacro(<< "Module description: unknown parameter type <" << p.Type << ">");
      }
      p.Name = element->ChildText("name");
      p.Flag = element->ChildText("flag");
      p.LongFlag = element->ChildText("longflag");
      p.Label = element->ChildText("label");
      p.Description = element->ChildText("description");
      p.Default = element->ChildText("default");
      p.Channel = element->ChildText("channel");
      p.Multiple = element->Attribute("multiple") == "true";
      p.Group = group->ChildText("label");
      const std::string index = element->ChildText("index");
      if (!index.empty())
      {
        p.Index = static_cast<int>(ParseBound(index, p.Name + " index"));
      }
      // Slicer writes flags with or without their dashes.
      while (!p.Flag.empty() && p.Flag[0] == '-')
      {
        p.Flag.erase(0, 1);
      }
      while (!p.LongFlag.empty() && p.LongFlag[0] == '-')
      {
        p.LongFlag.erase(0, 1);
      }
      if (const Element * constraints = element->Child("constraints"))
      {
        if (constraints->Child("minimum") != nullptr)
        {
          p.HasMinimum = true;
          p.Minimum = ParseBound(constraints->ChildText("minimum"), p.Name + " minimum");
        }
        if (constraints->Child("maximum") != nullptr)
        {
          p.HasMaximum = true;
          p.Maximum = ParseBound(constraints->ChildText("maximum"), p.Name + " maximum");
        }
      }
      for (const auto & child : element->Children)
      {
        if (child->Name == "element")
        {
          p.Elements.push_back(child->Text);
        }
      }
      if (p.Name.empty())
      {
        itkGenericExceptionMacro(<< "Module description: a <" << p.Type << "> has no <name>");
      }
      // Output scalars (return parameters) are not on the command line; everything else is.
      const bool returned = p.Channel == "output" && !p.IsPath();
      if (!returned && p.Index < 0 && p.Flag.empty() && p.LongFlag.empty())
      {
        itkGenericExceptionMacro(<< "Module description: " << p.Name << " has neither a flag, a longflag nor an index");
      }
      if (p.IsEnumeration() && p.Elements.empty())
      {
        itkGenericExceptionMacro(<< "Module description: enumeration " << p.Name << " has no <element>");
      }
      if (!names.insert(p.Name).second || (!p.Flag.empty() && !flags.insert(p.Flag).second) ||
          (!p.LongFlag.empty() && !longFlags.insert(p.LongFlag).second) || (p.Index >= 0 && !indices.insert(p.Index).second))
      {
        itkGenericExceptionMacro(<< "Module description: the name, a flag or the index of " << p.Name << " is used twice");
      }
      description.Parameters.push_back(std::move(p));
    }
  }
  // Positional arguments must be numbered 0, 1, 2, ... without gaps.
  int expected = 0;
  for (const int index : indices)
  {
    if (index != expected++)
    {
      itkGenericExceptionMacro(<< "Module description: positional indices must be 0 ... " << indices.size() - 1);
    }
  }
  return description;
}

const Parameter *
ModuleDescription::Find(const std::string & name) const
{
  for (const auto & p : Parameters)
  {
    if (p.Name == name)
    {
      return &p;
    }
  }
  return nullptr;
}
} // namespace EMCLI
} // end namespace itk
