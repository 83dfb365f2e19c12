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
#ifndef itkEMTestTable_h
#define itkEMTestTable_h

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace itk
{
namespace EMTest
{
/** The numeric columns of a CSV file with one header row, by column name. */
inline std::map<std::string, std::vector<double>>
ReadCSVColumns(const std::string & path)
{
  std::ifstream stream(path);
  if (!stream)
  {
    throw std::runtime_error("cannot open " + path);
  }
  std::string              line;
  std::vector<std::string> names;
  std::getline(stream, line);
  {
    std::stringstream header(line);
    std::string       name;
    while (std::getline(header, name, ','))
    {
      names.push_back(name);
    }
  }
  std::map<std::string, std::vector<double>> columns;
  while (std::getline(stream, line))
  {
    std::stringstream fields(line);
    std::string       value;
    for (const auto & name : names)
    {
      std::getline(fields, value, ',');
      // strtod, not stod: values that underflow to subnormals are data, not errors.
      char *       end = nullptr;
      const double number = std::strtod(value.c_str(), &end);
      if (end == value.c_str())
      {
        throw std::runtime_error("not a number in " + path + ": " + value);
      }
      columns[name].push_back(number);
    }
  }
  return columns;
}
} // namespace EMTest
} // end namespace itk

#endif
