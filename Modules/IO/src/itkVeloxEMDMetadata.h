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
#ifndef itkVeloxEMDMetadata_h
#define itkVeloxEMDMetadata_h

// The JSON texts of a Velox EMD file (its version, its signals' metadata, its displays), read
// within budgets for the whole file: a file may name one dataset under thousands of links, or
// hold compressed text that expands far beyond its own size, and neither may make a listing of
// its signals take minutes or gigabytes.

#include "itkEMHDF5Checks.h"

#include <json/json.h>

#include <initializer_list>
#include <string>

namespace itk
{
namespace VeloxEMDReading
{
/** A member of nested objects, or null. */
const Json::Value &
Member(const Json::Value & root, std::initializer_list<const char *> path);

/** A number, which Velox writes as text; NaN when absent or not a number. */
double
NumberAt(const Json::Value & root, std::initializer_list<const char *> path);

/** A string; empty when absent or not a string. */
std::string
TextAt(const Json::Value & root, std::initializer_list<const char *> path);

/** A dataset, or an invalid handle when there is none at \a path. */
EMHDF5::Handle
OpenDataset(hid_t file, const std::string & path);

/** Reads and parses the JSON texts of one open file. Each text that is absent, unreadable or not
 * a JSON object reads as an empty object; a file whose texts exceed the budgets throws. */
class MetadataReader
{
public:
  // Bytes read from the file's text datasets, and bytes of JSON parsed, per listing of a file.
  // Velox writes a column of 60,000 bytes holding about 10 kB of JSON per signal; parsing costs
  // up to 0.3 s per MiB (jsoncpp stores arrays as maps).
  static constexpr hsize_t MaximumBytesRead = hsize_t(64) << 20;
  static constexpr hsize_t MaximumBytesParsed = hsize_t(4) << 20;

  MetadataReader(hid_t file, std::string path);

  hid_t
  File() const
  {
    return m_File;
  }

  /** The JSON of a dataset of one variable-length string (Version, AcquisitionSettings, the
   * displays). */
  Json::Value
  Text(const std::string & dataset);

  /** The JSON in the first column of a dataset of bytes, one column per frame (a signal's
   * Metadata). Throws when the dataset is not bytes. */
  Json::Value
  Columns(const std::string & dataset);

private:
  Json::Value
  Parse(const std::string & text, const std::string & dataset);

  void
  Charge(hsize_t & left, hsize_t bytes, const char * what, const std::string & dataset) const;

  hid_t       m_File;
  std::string m_Path;
  hsize_t     m_ReadLeft{ MaximumBytesRead };
  hsize_t     m_ParseLeft{ MaximumBytesParsed };
};
} // namespace VeloxEMDReading
} // end namespace itk

#endif
