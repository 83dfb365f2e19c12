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
// libFuzzer harness of the command-line layer of the aem-* programs: the argument parser, run on
// each program's own module description, and the module-description (XML) parser. Any input must
// parse or raise an itk::ExceptionObject, under AddressSanitizer and UndefinedBehaviorSanitizer
// (scripts/fuzz.sh cli).
//
// Input: the first byte chooses a program (or, past the last one, the XML parser for the rest);
// the rest is the argument list, one argument per line. --processinformationaddress is left out:
// it is the address of Slicer's block in Slicer's own process, which a caller must not forge.

#include "itkEMCommandLine.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

namespace
{
std::vector<std::string> &
Descriptions()
{
  static std::vector<std::string> descriptions;
  return descriptions;
}

// Accepts and drops every character.
struct NullBuffer : std::streambuf
{
  int
  overflow(int c) override
  {
    return c;
  }
};

// Reads every value the program would read, by the parameter's type.
void
ReadBack(const itk::EMCLI::CommandLine & line)
{
  for (const auto & p : line.GetDescription().Parameters)
  {
    if (!line.IsSet(p.Name))
    {
      continue;
    }
    try
    {
      if (p.Type == "integer")
      {
        line.GetInteger(p.Name);
      }
      else if (p.Type == "double" || p.Type == "float")
      {
        line.GetDouble(p.Name);
      }
      else if (p.Type == "boolean")
      {
        line.GetBoolean(p.Name);
      }
      else if (p.Type == "double-vector" || p.Type == "float-vector" || p.Type == "integer-vector")
      {
        line.GetDoubleVector(p.Name);
      }
      else if (p.Type == "string-vector")
      {
        line.GetStringVector(p.Name);
      }
      else
      {
        line.GetAll(p.Name);
      }
    }
    catch (const itk::ExceptionObject &)
    {
    }
  }
}
} // namespace

extern "C" int
LLVMFuzzerInitialize(int *, char ***)
{
  // The descriptions as the programs embed them. Relative paths in the inputs resolve in the
  // folder it runs in (scripts/fuzz.sh: a scratch folder); the parser only checks paths.
  std::vector<std::filesystem::path> files;
  for (const auto & entry : std::filesystem::directory_iterator(AEM_CLI_XML_DIR))
  {
    if (entry.path().extension() == ".xml")
    {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end()); // the first byte of a seed names a program by this order
  for (const auto & path : files)
  {
    std::ifstream      file(path);
    std::ostringstream text;
    text << file.rdbuf();
    Descriptions().push_back(text.str());
  }
  // --help, --xml and --echo print to std::cout: discarded, so that libFuzzer's report is the output.
  static NullBuffer discarded;
  std::cout.rdbuf(&discarded);
  return Descriptions().empty() ? 1 : 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t * data, size_t size)
{
  if (size == 0)
  {
    return 0;
  }
  const size_t      choice = data[0] % (Descriptions().size() + 1);
  const std::string rest(reinterpret_cast<const char *>(data) + 1, size - 1);
  if (choice == Descriptions().size())
  {
    try
    {
      itk::EMCLI::ModuleDescription::Parse(rest);
    }
    catch (const itk::ExceptionObject &)
    {
    }
    return 0;
  }
  std::vector<std::string> arguments{ "aem-fuzz" };
  std::istringstream       lines(rest);
  for (std::string argument; std::getline(lines, argument) && arguments.size() < 64;)
  {
    if (argument.rfind("--processinformationaddress", 0) == 0)
    {
      return 0;
    }
    arguments.push_back(argument);
  }
  std::vector<const char *> argv;
  for (const auto & argument : arguments)
  {
    argv.push_back(argument.c_str());
  }
  try
  {
    itk::EMCLI::CommandLine line("aem-fuzz", Descriptions()[choice]);
    if (line.Parse(static_cast<int>(argv.size()), argv.data()))
    {
      ReadBack(line);
    }
  }
  catch (const itk::ExceptionObject &)
  {
  }
  return 0;
}
