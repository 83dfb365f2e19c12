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
#ifndef itkEMModuleDescription_h
#define itkEMModuleDescription_h

#include "AnalyticalEMApplicationsExport.h"

#include <string>
#include <vector>

namespace itk
{
namespace EMCLI
{
/** One parameter of a Slicer module description (an element inside <parameters>). */
struct AnalyticalEMApplications_EXPORT Parameter
{
  std::string              Type; // integer, double, boolean, string-enumeration, image, file, ...
  std::string              Name;
  std::string              Flag;     // without the leading '-'
  std::string              LongFlag; // without the leading "--"
  int                      Index{ -1 };
  std::string              Label;
  std::string              Description;
  std::string              Default;
  std::string              Channel; // input or output (files and images), else empty
  bool                     Multiple{ false };
  bool                     HasMinimum{ false };
  bool                     HasMaximum{ false };
  double                   Minimum{ 0.0 };
  double                   Maximum{ 0.0 };
  std::vector<std::string> Elements; // of an enumeration
  std::string              Group;    // the <parameters> group's label

  bool
  IsVector() const;
  bool
  IsEnumeration() const;
  /** A file, directory or image. */
  bool
  IsPath() const;
};

/** What the command-line parser needs of a module description (Slicer's ModuleDescription.xsd). */
struct AnalyticalEMApplications_EXPORT ModuleDescription
{
  std::string            Category;
  std::string            Title;
  std::string            Description;
  std::string            Version;
  std::vector<Parameter> Parameters;

  /** Parses the XML text; throws an itk::ExceptionObject naming the problem (malformed XML, a
   * parameter without name, a flag or index used twice, an unknown parameter type). */
  static ModuleDescription
  Parse(const std::string & xml);

  const Parameter *
  Find(const std::string & name) const;
};
} // namespace EMCLI
} // end namespace itk

#endif
