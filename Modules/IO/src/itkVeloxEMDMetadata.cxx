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
#include "itkVeloxEMDMetadata.h"

#include "itkEMHDF5Reading.h"
#include "itkMacro.h"

#include "itksys/SystemTools.hxx"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

namespace itk
{
namespace VeloxEMDReading
{
using EMHDF5::Handle;

const Json::Value &
Member(const Json::Value & root, std::initializer_list<const char *> path)
{
  static const Json::Value null;
  const Json::Value *      node = &root;
  for (const char * name : path)
  {
    if (!node->isObject() || !node->isMember(name))
    {
      return null;
    }
    node = &(*node)[name];
  }
  return *node;
}

double
NumberAt(const Json::Value & root, std::initializer_list<const char *> path)
{
  const Json::Value & value = Member(root, path);
  if (value.isNumeric())
  {
    return value.asDouble();
  }
  if (!value.isString())
  {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const std::string text = value.asString();
  char *            end = nullptr;
  const double      number = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0' ? number : std::numeric_limits<double>::quiet_NaN();
}

std::string
TextAt(const Json::Value & root, std::initializer_list<const char *> path)
{
  const Json::Value & value = Member(root, path);
  return value.isString() ? value.asString() : std::string();
}

Handle
OpenDataset(hid_t file, const std::string & path)
{
  return Handle(EMHDF5Reading::Exists(file, path) ? H5Dopen2(file, path.c_str(), H5P_DEFAULT) : -1, H5Dclose);
}

MetadataReader::MetadataReader(hid_t file, std::string path)
  : m_File(file)
  , m_Path(std::move(path))
{}

void
MetadataReader::Charge(hsize_t & left, hsize_t bytes, const char * what, const std::string & dataset) const
{
  if (bytes > left)
  {
    const hsize_t budget = &left == &m_ReadLeft ? MaximumBytesRead : MaximumBytesParsed;
    itkGenericExceptionMacro(<< "VeloxEMDImageIO: " << m_Path << ": its " << what << " are over " << (budget >> 20)
                             << " MiB in total (at " << dataset << "; Velox writes tens of kB a signal)");
  }
  left -= bytes;
}

Json::Value
MetadataReader::Parse(const std::string & text, const std::string & dataset)
{
  const size_t length = std::min(text.size(), text.find('\0'));
  Charge(m_ParseLeft, length, "JSON texts", dataset);
  Json::CharReaderBuilder builder;
  builder["collectComments"] = false;
  builder["stackLimit"] = 64; // Velox nests a few levels; deeper text is hostile
  const std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  Json::Value                             value;
  std::string                             errors;
  if (!reader->parse(text.data(), text.data() + length, &value, &errors) || !value.isObject())
  {
    return Json::Value(Json::objectValue);
  }
  return value;
}

Json::Value
MetadataReader::Text(const std::string & dataset)
{
  const Handle data = OpenDataset(m_File, dataset);
  const Handle type(data.IsValid() ? H5Dget_type(data.Get()) : -1, H5Tclose);
  const Handle space(data.IsValid() ? H5Dget_space(data.Get()) : -1, H5Sclose);
  if (!type.IsValid() || !space.IsValid() || H5Tget_class(type.Get()) != H5T_STRING ||
      H5Sget_simple_extent_npoints(space.Get()) < 1 || H5Tis_variable_str(type.Get()) <= 0 ||
      H5Sget_simple_extent_ndims(space.Get()) != 1)
  {
    return Json::Value(Json::objectValue);
  }
  // The first string only.
  const Handle  memory(H5Tcopy(H5T_C_S1), H5Tclose);
  const hsize_t start = 0, one = 1;
  H5Tset_size(memory.Get(), H5T_VARIABLE);
  H5Tset_cset(memory.Get(), H5Tget_cset(type.Get())); // HDF5 converts neither way between ASCII and UTF-8
  const Handle first(H5Screate_simple(1, &one, nullptr), H5Sclose);
  char *       text = nullptr;
  if (H5Sselect_hyperslab(space.Get(), H5S_SELECT_SET, &start, nullptr, &one, nullptr) < 0 ||
      H5Dread(data.Get(), memory.Get(), first.Get(), space.Get(), H5P_DEFAULT, &text) < 0 || text == nullptr)
  {
    return Json::Value(Json::objectValue);
  }
  // A string is stored once in the file's heap, so its length is bounded by the file's.
  std::string value(text, strnlen(text, MaximumBytesRead));
  H5free_memory(text);
  Charge(m_ReadLeft, value.size(), "text datasets", dataset);
  return Parse(value, dataset);
}

Json::Value
MetadataReader::Columns(const std::string & dataset)
{
  const Handle data = OpenDataset(m_File, dataset);
  if (!data.IsValid())
  {
    return Json::Value(Json::objectValue);
  }
  const EMHDF5::DatasetShape shape = EMHDF5::CheckDataset(
    data.Get(), "VeloxEMDImageIO: " + m_Path + ": " + dataset, itksys::SystemTools::FileLength(m_Path), 2);
  if (shape.ElementSize != 1)
  {
    itkGenericExceptionMacro(<< "VeloxEMDImageIO: " << m_Path << ": " << dataset << " is not text");
  }
  const hsize_t length = shape.Dimensions[0];
  Charge(m_ReadLeft, length, "text datasets", dataset);
  std::vector<hsize_t> start(shape.Dimensions.size(), 0), count = shape.Dimensions;
  if (count.size() == 2)
  {
    count[1] = 1;
  }
  const Handle space(H5Dget_space(data.Get()), H5Sclose);
  const Handle memory(H5Screate_simple(1, &length, nullptr), H5Sclose);
  std::string  text(static_cast<size_t>(length), '\0');
  if (H5Sselect_hyperslab(space.Get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0 ||
      H5Dread(data.Get(), H5T_NATIVE_UCHAR, memory.Get(), space.Get(), H5P_DEFAULT, text.data()) < 0)
  {
    itkGenericExceptionMacro(<< "VeloxEMDImageIO: " << m_Path << ": " << dataset << " could not be read (HDF5 error)");
  }
  return Parse(text, dataset);
}
} // namespace VeloxEMDReading
} // end namespace itk
