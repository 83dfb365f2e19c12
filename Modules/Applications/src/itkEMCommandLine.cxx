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
#include "itkEMCommandLine.h"
#include "itkEMImageFiles.h"
#include "itkEMHugePageBuffers.h"
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkImageIOFactory.h"
#include "itkMacro.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace itk
{
namespace EMCLI
{
namespace fs = std::filesystem;

namespace
{
std::vector<std::string>
SplitCommas(const std::string & text)
{
  std::vector<std::string> parts;
  std::stringstream        stream(text);
  std::string              part;
  while (std::getline(stream, part, ','))
  {
    parts.push_back(part);
  }
  return parts;
}

bool
ParseNumber(const std::string & text, double & value)
{
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0])))
  {
    return false;
  }
  char * end = nullptr;
  errno = 0;
  value = std::strtod(text.c_str(), &end);
  return *end == '\0' && errno == 0 && std::isfinite(value);
}

std::string
OneLine(std::string text)
{
  // ITK's "ITK ERROR: " and "Class(0x...): " prefixes say nothing to a user.
  const std::string marker = "ITK ERROR: ";
  size_t            prefix = text.find(marker);
  while (prefix != std::string::npos) // rethrown errors nest their prefixes
  {
    text.erase(0, prefix + marker.size());
    const size_t open = text.find("(0x");
    const size_t close = text.find("): ");
    if (open != std::string::npos && close != std::string::npos && open < close && text.find(' ') > open)
    {
      text.erase(0, close + 3);
    }
    prefix = text.rfind(marker, 0) == 0 ? 0 : std::string::npos;
  }
  for (char & c : text)
  {
    c = (c == '\n' || c == '\r') ? ' ' : c;
  }
  return text;
}

std::string
Number(double value)
{
  std::ostringstream text;
  text << value;
  return text.str();
}

std::string
Bounds(const Parameter & p)
{
  return "[" + (p.HasMinimum ? Number(p.Minimum) : std::string("-inf")) + ", " +
         (p.HasMaximum ? Number(p.Maximum) : std::string("inf")) + "]";
}

// Whether Slicer's block could be at \a address: aligned as the structure is, and every page it
// spans mapped in this process (mincore fails with ENOMEM on an unmapped page), so that a wrong
// address given by hand is refused instead of crashing the run.
bool
IsMappedBlock(const void * address)
{
  const auto value = reinterpret_cast<std::uintptr_t>(address);
  if (value % alignof(SlicerProcessInformation) != 0)
  {
    return false;
  }
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const std::uintptr_t first = value - value % page;
  const std::uintptr_t end = value + sizeof(SlicerProcessInformation);
  unsigned char        resident[2];
  return mincore(reinterpret_cast<void *>(first), end - first, resident) == 0;
}
} // namespace

CommandLine::CommandLine(std::string program, const std::string & xml)
  : m_Program(std::move(program))
  , m_XML(xml)
  , m_Description(ModuleDescription::Parse(xml))
  , m_Progress(std::make_unique<Progress>(m_Program, Progress::Mode::Terminal, std::cout, std::cerr, false))
{}

CommandLine::~CommandLine() = default;

const Parameter &
CommandLine::Lookup(const std::string & name) const
{
  const Parameter * parameter = m_Description.Find(name);
  if (parameter == nullptr)
  {
    itkGenericExceptionMacro(<< m_Program << " has no parameter " << name);
  }
  return *parameter;
}

void
CommandLine::CheckValue(const Parameter & p, const std::string & value) const
{
  const std::string what = p.LongFlag.empty() ? (p.Flag.empty() ? p.Name : "-" + p.Flag) : "--" + p.LongFlag;
  const bool        integer = p.Type.rfind("integer", 0) == 0;
  const bool        number = integer || p.Type.rfind("float", 0) == 0 || p.Type.rfind("double", 0) == 0;
  if (p.IsPath() && value.empty())
  {
    itkGenericExceptionMacro(<< what << ": an empty file name");
  }
  if (p.IsEnumeration())
  {
    if (std::find(p.Elements.begin(), p.Elements.end(), value) == p.Elements.end())
    {
      std::string allowed;
      for (const auto & element : p.Elements)
      {
        allowed += (allowed.empty() ? "" : ", ") + element;
      }
      itkGenericExceptionMacro(<< what << " " << value << ": expected one of " << allowed);
    }
    return;
  }
  if (!number)
  {
    return;
  }
  for (const auto & part : p.IsVector() ? SplitCommas(value) : std::vector<std::string>{ value })
  {
    double x = 0.0;
    if (!ParseNumber(part, x) || (integer && x != std::floor(x)))
    {
      itkGenericExceptionMacro(<< what << " '" << part << "': expected " << (integer ? "an integer" : "a number"));
    }
    if ((p.HasMinimum && x < p.Minimum) || (p.HasMaximum && x > p.Maximum))
    {
      itkGenericExceptionMacro(<< what << " " << part << ": outside " << Bounds(p));
    }
  }
}

void
CommandLine::Assign(const Parameter & p, const std::string & value)
{
  this->CheckValue(p, value);
  auto & values = m_Values[p.Name];
  if (!p.Multiple)
  {
    values.clear();
  }
  values.push_back(value);
}

bool
CommandLine::Parse(int argc, const char * const argv[])
{
  std::vector<std::string> positional;
  bool                     echo = false;
  SlicerProcessInformation * information = nullptr;
  for (int i = 1; i < argc; ++i)
  {
    std::string argument = argv[i];
    if (argument == "--xml")
    {
      std::cout << m_XML;
      return false;
    }
    if (argument == "--help" || argument == "-h")
    {
      std::cout << this->HelpText();
      return false;
    }
    if (argument == "--echo")
    {
      echo = true;
      continue;
    }
    if (argument.size() < 2 || argument[0] != '-' || std::isdigit(static_cast<unsigned char>(argument[1])) ||
        argument[1] == '.')
    {
      positional.push_back(argument);
      continue;
    }
    std::string value;
    bool        hasValue = false;
    const size_t equals = argument.find('=');
    if (argument.rfind("--", 0) == 0 && equals != std::string::npos)
    {
      value = argument.substr(equals + 1);
      argument = argument.substr(0, equals);
      hasValue = true;
    }
    const auto next = [&]() -> std::string {
      if (hasValue)
      {
        return value;
      }
      if (i + 1 >= argc)
      {
        itkGenericExceptionMacro(<< argument << " needs a value");
      }
      return argv[++i];
    };
    if (argument == "--processinformationaddress")
    {
      // Slicer runs the module in its own process and passes its progress block ("%p"); a null
      // address is what an executable would get, so it changes nothing.
      const std::string address = next();
      void *            pointer = nullptr;
      if (std::sscanf(address.c_str(), "%p", &pointer) != 1)
      {
        itkGenericExceptionMacro(<< "--processinformationaddress " << address << ": not an address");
      }
      if (pointer != nullptr && !IsMappedBlock(pointer))
      {
        itkGenericExceptionMacro(<< "--processinformationaddress " << address
                                 << ": not a block of this process (Slicer gives its own when it loads the module)");
      }
      information = static_cast<SlicerProcessInformation *>(pointer);
      continue;
    }
    if (argument == "--returnparameterfile")
    {
      m_ReturnParameterFile = next();
      continue;
    }
    const bool        isLong = argument.rfind("--", 0) == 0;
    const std::string key = argument.substr(isLong ? 2 : 1);
    const Parameter * found = nullptr;
    for (const auto & p : m_Description.Parameters)
    {
      if ((isLong && p.LongFlag == key) || (!isLong && p.Flag == key))
      {
        found = &p;
      }
    }
    if (found == nullptr)
    {
      itkGenericExceptionMacro(<< "unknown option " << argument << " (see --help)");
    }
    if (found->Type == "boolean")
    {
      if (hasValue && value != "true" && value != "false")
      {
        itkGenericExceptionMacro(<< argument << "=" << value << ": expected true or false");
      }
      m_Values[found->Name] = { hasValue ? value : std::string("true") };
      continue;
    }
    this->Assign(*found, next());
  }
  // Positional arguments in index order; a multiple last one takes the rest.
  std::vector<const Parameter *> indexed;
  for (const auto & p : m_Description.Parameters)
  {
    if (p.Index >= 0)
    {
      indexed.resize(std::max<size_t>(indexed.size(), static_cast<size_t>(p.Index) + 1), nullptr);
      indexed[static_cast<size_t>(p.Index)] = &p;
    }
  }
  size_t used = 0;
  for (const Parameter * p : indexed)
  {
    if (used >= positional.size())
    {
      if (p->Default.empty())
      {
        itkGenericExceptionMacro(<< "missing argument <" << p->Name << "> (see --help)");
      }
      continue;
    }
    do
    {
      this->Assign(*p, positional[used++]);
    } while (p->Multiple && used < positional.size());
  }
  if (used < positional.size())
  {
    itkGenericExceptionMacro(<< "unexpected argument " << positional[used] << " (see --help)");
  }
  this->CheckPaths();
  const bool inProcess = information != nullptr;
  const Progress::Mode mode = inProcess ? Progress::Mode::SlicerInProcess
                    : isatty(STDOUT_FILENO) != 0 ? Progress::Mode::Terminal
                                                 : Progress::Mode::SlicerTags;
  m_Progress = std::make_unique<Progress>(
    m_Program, mode, std::cout, std::cerr, !inProcess && isatty(STDERR_FILENO) != 0, information);
  if (echo)
  {
    for (const auto & p : m_Description.Parameters)
    {
      std::cout << p.Name << " = " << (this->IsSet(p.Name) ? this->GetString(p.Name) : std::string()) << std::endl;
    }
  }
  return true;
}

void
CommandLine::CheckPaths()
{
  for (const auto & p : m_Description.Parameters)
  {
    if (!p.IsPath() || p.Channel != "input" || !this->IsSet(p.Name))
    {
      continue;
    }
    for (const auto & given : this->GetAll(p.Name))
    {
      // An image may name a signal of a file of several ("scan.emd#EDS").
      const std::string path = p.Type == "image" ? EMImageFiles::SplitSignal(given).File : given;
      std::error_code   error;
      if (!fs::exists(path, error))
      {
        itkGenericExceptionMacro(<< "cannot read " << path << " (" << p.Name << "): no such file or folder");
      }
      m_Outputs.Protect(path);
    }
  }
  const bool overwrite = m_Description.Find("overwrite") != nullptr && this->GetBoolean("overwrite");
  AnalyticalEMImageIOFactory::RegisterOneFactory();
  for (const auto & p : m_Description.Parameters)
  {
    if (!p.IsPath() || p.Channel != "output" || !this->IsSet(p.Name))
    {
      continue;
    }
    const std::string target = this->GetString(p.Name);
    if (p.Type == "directory")
    {
      m_Outputs.DeclareFolder(target, p.Name,
                              overwrite ? OutputTransaction::FolderPolicy::ReplaceFiles
                                        : OutputTransaction::FolderPolicy::NewOrEmpty,
                              m_Description.Find("overwrite") != nullptr ? " (give --overwrite to replace its files)" : "");
      continue;
    }
    m_Outputs.DeclareFile(target, p.Name);
    if (p.Type == "image" &&
        ImageIOFactory::CreateImageIO(target.c_str(), ImageIOFactory::IOFileModeEnum::WriteMode) == nullptr)
    {
      itkGenericExceptionMacro(<< "cannot write " << target << " (" << p.Name << "): no image format of the extension \""
                               << fs::path(target).extension().string() << "\" (use .mha, .nrrd, ...)");
    }
  }
  if (!m_ReturnParameterFile.empty())
  {
    m_Outputs.DeclareFile(m_ReturnParameterFile, "--returnparameterfile");
  }
}

bool
CommandLine::IsSet(const std::string & name) const
{
  return m_Values.count(name) > 0 || !this->Lookup(name).Default.empty();
}

std::string
CommandLine::GetString(const std::string & name) const
{
  const auto found = m_Values.find(name);
  return found != m_Values.end() ? found->second.back() : this->Lookup(name).Default;
}

std::vector<std::string>
CommandLine::GetAll(const std::string & name) const
{
  const auto found = m_Values.find(name);
  if (found != m_Values.end())
  {
    return found->second;
  }
  const std::string fallback = this->Lookup(name).Default;
  return fallback.empty() ? std::vector<std::string>{} : std::vector<std::string>{ fallback };
}

double
CommandLine::GetDouble(const std::string & name) const
{
  double value = 0.0;
  if (!ParseNumber(this->GetString(name), value))
  {
    itkGenericExceptionMacro(<< name << ": '" << this->GetString(name) << "' is not a number");
  }
  return value;
}

long
CommandLine::GetInteger(const std::string & name) const
{
  return std::lround(this->GetDouble(name));
}

bool
CommandLine::GetBoolean(const std::string & name) const
{
  return this->GetString(name) == "true";
}

std::vector<double>
CommandLine::GetDoubleVector(const std::string & name) const
{
  std::vector<double> values;
  for (const auto & part : SplitCommas(this->GetString(name)))
  {
    double value = 0.0;
    if (!ParseNumber(part, value))
    {
      itkGenericExceptionMacro(<< name << ": '" << part << "' is not a number");
    }
    values.push_back(value);
  }
  return values;
}

std::vector<std::string>
CommandLine::GetStringVector(const std::string & name) const
{
  return SplitCommas(this->GetString(name));
}

std::string
CommandLine::HelpText() const
{
  std::ostringstream text;
  text << m_Description.Title << ": " << m_Description.Description << "\n\nusage: " << m_Program << " [options]";
  std::vector<const Parameter *> indexed;
  for (const auto & p : m_Description.Parameters)
  {
    if (p.Index >= 0)
    {
      indexed.resize(std::max<size_t>(indexed.size(), static_cast<size_t>(p.Index) + 1), nullptr);
      indexed[static_cast<size_t>(p.Index)] = &p;
    }
  }
  for (const Parameter * p : indexed)
  {
    text << " <" << p->Name << ">" << (p->Multiple ? "..." : "");
  }
  text << "\n";
  std::string group;
  for (const auto & p : m_Description.Parameters)
  {
    if (p.Group != group)
    {
      group = p.Group;
      text << "\n" << group << ":\n";
    }
    text << "  ";
    if (p.Index >= 0)
    {
      text << "<" << p.Name << ">";
    }
    else
    {
      text << (p.Flag.empty() ? "" : "-" + p.Flag) << (p.Flag.empty() || p.LongFlag.empty() ? "" : ", ")
           << (p.LongFlag.empty() ? "" : "--" + p.LongFlag);
    }
    text << (p.Type == "boolean" ? "" : " (" + p.Type + (p.Channel.empty() ? "" : ", " + p.Channel) + ")") << "\n      "
         << p.Label << ": " << p.Description;
    if (!p.Default.empty())
    {
      text << " Default: " << p.Default << ".";
    }
    if (p.HasMinimum || p.HasMaximum)
    {
      text << " Range: " << Bounds(p) << ".";
    }
    if (!p.Elements.empty())
    {
      text << " One of:";
      for (const auto & element : p.Elements)
      {
        text << " " << element;
      }
      text << ".";
    }
    text << "\n";
  }
  text << "\n  --xml  print the module description;  --echo  print the parsed arguments;\n"
          "  --returnparameterfile FILE  write the output values;  --processinformationaddress A  (Slicer)\n";
  return text.str();
}

void
CommandLine::SetReturnParameter(const std::string & name, const std::string & value)
{
  const Parameter & p = this->Lookup(name);
  if (p.Channel != "output")
  {
    itkGenericExceptionMacro(<< name << " is not an output parameter");
  }
  m_ReturnParameters[name] = value;
}

std::string
CommandLine::OutputPath(const std::string & name)
{
  if (this->GetString(name).empty())
  {
    itkGenericExceptionMacro(<< "no output file given for " << name);
  }
  return m_Outputs.StageFile(this->GetString(name));
}

std::string
CommandLine::OutputDirectory(const std::string & name)
{
  if (this->GetString(name).empty())
  {
    itkGenericExceptionMacro(<< "no output folder given for " << name);
  }
  return m_Outputs.StageFolder(this->GetString(name));
}

void
CommandLine::Commit()
{
  if (!m_ReturnParameterFile.empty())
  {
    std::string text;
    for (const auto & [name, value] : m_ReturnParameters)
    {
      text += name + " = " + value + "\n";
    }
    OutputTransaction::WriteText(m_Outputs.StageFile(m_ReturnParameterFile), text);
  }
  m_Outputs.Commit();
}

void
CommandLine::Discard()
{
  m_Outputs.Abort();
}

int
CommandLine::Run(int argc, const char * const argv[], const std::string & program, const std::string & xml,
                 const std::function<void(CommandLine &)> & body)
{
  std::unique_ptr<CommandLine> cli;
  std::string                  message;
  try
  {
    cli = std::make_unique<CommandLine>(program, xml);
    if (!cli->Parse(argc, argv))
    {
      return EXIT_SUCCESS;
    }
    if (cli->GetProgress().GetMode() != Progress::Mode::SlicerInProcess)
    {
      // Large outputs and inputs fault in 2 MiB at a time. Not inside a host, whose own
      // images would change allocator with it.
      EMHugePageBuffers::Register();
    }
    cli->GetProgress().Start(cli->GetDescription().Title);
    body(*cli);
    cli->Commit();
    cli->GetProgress().End();
    return EXIT_SUCCESS;
  }
  catch (const ExceptionObject & error)
  {
    message = error.GetDescription();
  }
  catch (const std::exception & error)
  {
    message = error.what();
  }
  if (cli != nullptr)
  {
    message = cli->m_Outputs.Unstage(message);
    cli->Discard();
  }
  std::cerr << program << ": " << OneLine(message) << std::endl;
  return EXIT_FAILURE;
}
} // namespace EMCLI
} // end namespace itk
