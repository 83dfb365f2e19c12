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
#ifndef itkEMCommandLine_h
#define itkEMCommandLine_h

#include "itkEMModuleDescription.h"
#include "itkEMOutputTransaction.h"
#include "itkEMProgress.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace itk
{
namespace EMCLI
{
/** \class CommandLine
 * \brief A command-line module that behaves like one built with Slicer's execution model:
 * its arguments are defined by its XML module description.
 *
 * `--xml` prints the description and `--help` a usage text generated from it; flags
 * (`-f`, `--longflag`, `--longflag=value`) and positional arguments (`index` order) follow the
 * description, with type, enumeration and minimum/maximum checks; input files must exist;
 * booleans are switches; vectors are comma-separated; `multiple="true"` parameters may repeat.
 * `--processinformationaddress` (Slicer, in-process) gives the progress block Slicer shares (see
 * Progress for the modes), `--returnparameterfile` receives the output-channel scalars, `--echo`
 * prints the parsed values.
 *
 * Outputs, the return-parameter file included, go through one OutputTransaction: they are
 * checked when the arguments are parsed (an output that resolves to an input, to another output,
 * to a folder or device, or that no ITK writer can write is refused before any work), written to
 * staged paths (OutputPath(), OutputDirectory()) and moved into place all at once by Commit().
 * Folder outputs must be new or empty unless the program has an `overwrite` switch and it is
 * given. Run() wraps a module's main: any error gives one line on stderr, exit code 1, and leaves
 * every earlier file as it was.
 * \ingroup AnalyticalEMApplications
 */
class AnalyticalEMApplications_EXPORT CommandLine
{
public:
  CommandLine(std::string program, const std::string & xml);
  ~CommandLine();
  CommandLine(const CommandLine &) = delete;
  CommandLine &
  operator=(const CommandLine &) = delete;

  /** False when the run is over: --xml or --help was printed. Throws on bad arguments. */
  bool
  Parse(int argc, const char * const argv[]);

  const ModuleDescription &
  GetDescription() const
  {
    return m_Description;
  }
  const std::string &
  GetProgram() const
  {
    return m_Program;
  }
  /** Given on the command line, or with a default. */
  bool
  IsSet(const std::string & name) const;
  std::string
  GetString(const std::string & name) const;
  double
  GetDouble(const std::string & name) const;
  long
  GetInteger(const std::string & name) const;
  bool
  GetBoolean(const std::string & name) const;
  std::vector<double>
  GetDoubleVector(const std::string & name) const;
  std::vector<std::string>
  GetStringVector(const std::string & name) const;
  /** Every value of a multiple="true" parameter. */
  std::vector<std::string>
  GetAll(const std::string & name) const;
  std::string
  HelpText() const;

  /** A value of an output-channel scalar parameter, for the return-parameter file. */
  void
  SetReturnParameter(const std::string & name, const std::string & value);

  /** Where to write the output file of parameter \a name: a staging folder beside it, with its
   * final file name (so a .mhd keeps the right .raw name). */
  std::string
  OutputPath(const std::string & name);
  /** Where to write the files of the output folder of parameter \a name (a staging folder). */
  std::string
  OutputDirectory(const std::string & name);
  /** Writes the return-parameter file and moves every output into place, all or nothing. */
  void
  Commit();

  Progress &
  GetProgress()
  {
    return *m_Progress;
  }

  /** Parses, runs \a body, commits; returns the process exit code. */
  static int
  Run(int argc, const char * const argv[], const std::string & program, const std::string & xml,
      const std::function<void(CommandLine &)> & body);

private:
  const Parameter &
  Lookup(const std::string & name) const;
  void
  Assign(const Parameter & parameter, const std::string & value);
  void
  CheckValue(const Parameter & parameter, const std::string & value) const;
  void
  CheckPaths();
  void
  Discard();

  std::string                                     m_Program;
  std::string                                     m_XML;
  ModuleDescription                               m_Description;
  std::map<std::string, std::vector<std::string>> m_Values;
  std::map<std::string, std::string>              m_ReturnParameters;
  std::string                                     m_ReturnParameterFile;
  std::unique_ptr<Progress>                       m_Progress;
  OutputTransaction                               m_Outputs;
};
} // namespace EMCLI
} // end namespace itk

#endif
