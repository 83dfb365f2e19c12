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
#include "itkGOSHFile.h"

#include "itkMacro.h"
#include "itkEMHDF5Support.h"
#include "itksys/SystemTools.hxx"

#include <cmath>
#include <fstream>

namespace itk
{
namespace
{
constexpr hsize_t LargestTable = hsize_t(1) << 28; // values; larger files are taken as corrupt
using EMHDF5::Handle;
using EMHDF5::QuietErrors;

bool
LinkExists(hid_t location, const std::string & name)
{
  return H5Lexists(location, name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<double>
ReadDataset(hid_t group, const std::string & name, const std::string & where, std::vector<hsize_t> & dimensions)
{
  if (!LinkExists(group, name))
  {
    itkGenericExceptionMacro(<< "GOSHFile: " << where << " has no dataset \"" << name << "\"");
  }
  const Handle dataset(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose);
  const Handle space(dataset.IsValid() ? H5Dget_space(dataset.Get()) : -1, H5Sclose);
  const int    rank = space.IsValid() ? H5Sget_simple_extent_ndims(space.Get()) : -1;
  if (rank < 1 || rank > 3)
  {
    itkGenericExceptionMacro(<< "GOSHFile: " << where << "/" << name << " is not a 1- to 3-dimensional dataset");
  }
  dimensions.assign(static_cast<size_t>(rank), 0);
  H5Sget_simple_extent_dims(space.Get(), dimensions.data(), nullptr);
  hsize_t count = 1;
  for (const hsize_t d : dimensions)
  {
    count *= d;
    if (d == 0 || count > LargestTable)
    {
      itkGenericExceptionMacro(<< "GOSHFile: " << where << "/" << name << " has an empty or implausibly large shape");
    }
  }
  std::vector<double> values(count);
  if (H5Dread(dataset.Get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
  {
    itkGenericExceptionMacro(<< "GOSHFile: cannot read " << where << "/" << name << " as numbers");
  }
  return values;
}

std::vector<double>
ReadVector(hid_t group, const std::string & name, const std::string & where)
{
  std::vector<hsize_t> dimensions;
  std::vector<double>  values = ReadDataset(group, name, where, dimensions);
  size_t               nonUnit = 0;
  for (const hsize_t d : dimensions)
  {
    nonUnit += d > 1;
  }
  if (nonUnit > 1)
  {
    itkGenericExceptionMacro(<< "GOSHFile: " << where << "/" << name << " is not a vector");
  }
  return values;
}

double
ReadOptionalAttribute(hid_t group, const char * object, const char * attribute)
{
  if (!LinkExists(group, object) || H5Aexists_by_name(group, object, attribute, H5P_DEFAULT) <= 0)
  {
    return 0.0;
  }
  const Handle handle(H5Aopen_by_name(group, object, attribute, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const Handle space(handle.IsValid() ? H5Aget_space(handle.Get()) : -1, H5Sclose);
  if (!space.IsValid() || H5Sget_simple_extent_npoints(space.Get()) != 1)
  {
    return 0.0; // not a single number (e.g. a string attribute): treated as absent
  }
  double value = 0.0;
  if (H5Aread(handle.Get(), H5T_NATIVE_DOUBLE, &value) < 0 || !std::isfinite(value))
  {
    return 0.0;
  }
  return value;
}

Handle
OpenGroup(hid_t location, const std::string & name, const std::string & where)
{
  if (!LinkExists(location, name))
  {
    itkGenericExceptionMacro(<< "GOSHFile: " << where << " has no group \"" << name << "\"");
  }
  Handle group(H5Gopen2(location, name.c_str(), H5P_DEFAULT), H5Gclose);
  if (!group.IsValid())
  {
    itkGenericExceptionMacro(<< "GOSHFile: " << where << "/" << name << " is not a group");
  }
  return group;
}

Handle
OpenFile(const std::string & path, unsigned int flags)
{
  if (!itksys::SystemTools::FileExists(path, true))
  {
    itkGenericExceptionMacro(<< "GOSHFile: no such file: " << path);
  }
  if (H5Fis_hdf5(path.c_str()) <= 0)
  {
    itkGenericExceptionMacro(<< "GOSHFile: not an HDF5 file: " << path);
  }
  Handle file(H5Fopen(path.c_str(), flags, H5P_DEFAULT), H5Fclose);
  if (!file.IsValid())
  {
    itkGenericExceptionMacro(<< "GOSHFile: cannot open " << path);
  }
  return file;
}

void
WriteDataset(hid_t group, const char * name, hid_t fileType, const std::vector<hsize_t> & dimensions,
             const double * values)
{
  const Handle space(H5Screate_simple(static_cast<int>(dimensions.size()), dimensions.data(), nullptr), H5Sclose);
  const Handle dataset(H5Dcreate2(group, name, fileType, space.Get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                       H5Dclose);
  if (!dataset.IsValid() || H5Dwrite(dataset.Get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) < 0)
  {
    itkGenericExceptionMacro(<< "GOSHFile: cannot write dataset " << name);
  }
}

void
WriteAttribute(hid_t object, const char * name, double value)
{
  const Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  const Handle attribute(H5Acreate2(object, name, H5T_IEEE_F64LE, space.Get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!attribute.IsValid() || H5Awrite(attribute.Get(), H5T_NATIVE_DOUBLE, &value) < 0)
  {
    itkGenericExceptionMacro(<< "GOSHFile: cannot write attribute " << name);
  }
}

bool
StrictlyIncreasing(const std::vector<double> & values)
{
  for (size_t i = 0; i < values.size(); ++i)
  {
    if (!std::isfinite(values[i]) || (i > 0 && !(values[i] > values[i - 1])))
    {
      return false;
    }
  }
  return !values.empty();
}

// The table's group, datasets and metadata in an open file (a table of that name is replaced).
void
WriteTable(hid_t file, const std::string & path, const std::string & element, const std::string & table,
           const GOSTable & gos)
{
  if (!LinkExists(file, element))
  {
    const Handle created(H5Gcreate2(file, element.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  }
  const Handle elementGroup = OpenGroup(file, element, path);
  if (LinkExists(elementGroup.Get(), table))
  {
    H5Ldelete(elementGroup.Get(), table.c_str(), H5P_DEFAULT);
  }
  const Handle group(H5Gcreate2(elementGroup.Get(), table.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  if (!group.IsValid())
  {
    itkGenericExceptionMacro(<< "GOSHFile: cannot create " << path << ":/" << element << "/" << table);
  }
  const hsize_t nq = gos.MomentumTransfers.size();
  const hsize_t ne = gos.FreeEnergies.size();
  WriteDataset(group.Get(), "data", H5T_IEEE_F32LE, { nq, ne, 1 }, gos.Values.data());
  WriteDataset(group.Get(), "free_energies", H5T_IEEE_F64LE, { ne }, gos.FreeEnergies.data());
  WriteDataset(group.Get(), "q", H5T_IEEE_F64LE, { nq }, gos.MomentumTransfers.data());
  const Handle metadata(H5Gcreate2(group.Get(), "metadata", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  WriteAttribute(metadata.Get(), "ionization_energy", gos.IonizationEnergy);
}
} // namespace

void
GOSTable::Validate(const std::string & what) const
{
  if (!StrictlyIncreasing(FreeEnergies))
  {
    itkGenericExceptionMacro(<< "GOS table " << what << ": the free energies must be finite and strictly increasing");
  }
  if (!StrictlyIncreasing(MomentumTransfers) || !(MomentumTransfers.front() > 0.0))
  {
    itkGenericExceptionMacro(<< "GOS table " << what << ": q must be positive and strictly increasing");
  }
  if (Values.size() != FreeEnergies.size() * MomentumTransfers.size())
  {
    itkGenericExceptionMacro(<< "GOS table " << what << ": " << Values.size() << " values for "
                             << MomentumTransfers.size() << " q x " << FreeEnergies.size() << " energies");
  }
  for (const double v : Values)
  {
    if (!std::isfinite(v))
    {
      itkGenericExceptionMacro(<< "GOS table " << what << ": the table holds a non-finite value");
    }
  }
}

std::vector<std::string>
GOSHFile::GetTableNames(const std::string & path, const std::string & element)
{
  const QuietErrors quiet;
  const Handle      file = OpenFile(path, H5F_ACC_RDONLY);
  const Handle      group = OpenGroup(file.Get(), element, path);
  hsize_t           count = 0;
  H5Gget_num_objs(group.Get(), &count);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < count; ++i)
  {
    char          name[256];
    const ssize_t length = H5Gget_objname_by_idx(group.Get(), i, name, sizeof(name));
    if (length > 0 && static_cast<size_t>(length) < sizeof(name) &&
        H5Gget_objtype_by_idx(group.Get(), i) == H5G_GROUP)
    {
      names.emplace_back(name);
    }
  }
  return names;
}

GOSTable
GOSHFile::Read(const std::string & path, const std::string & element, const std::string & table)
{
  const QuietErrors quiet;
  const Handle      file = OpenFile(path, H5F_ACC_RDONLY);
  const Handle      elementGroup = OpenGroup(file.Get(), element, path);
  const std::string where = path + ":/" + element + "/" + table;
  const Handle      group = OpenGroup(elementGroup.Get(), table, path + ":/" + element);

  GOSTable gos;
  gos.FreeEnergies = ReadVector(group.Get(), "free_energies", where);
  gos.MomentumTransfers = ReadVector(group.Get(), "q", where);
  std::vector<hsize_t> dimensions;
  gos.Values = ReadDataset(group.Get(), "data", where, dimensions);
  const bool layoutOk = dimensions.size() >= 2 && dimensions[0] == gos.MomentumTransfers.size() &&
                        dimensions[1] == gos.FreeEnergies.size() && (dimensions.size() == 2 || dimensions[2] == 1);
  if (!layoutOk)
  {
    itkGenericExceptionMacro(<< "GOSHFile: " << where << "/data does not have the shape (n_q = "
                             << gos.MomentumTransfers.size() << ", n_E = " << gos.FreeEnergies.size() << "[, 1])");
  }
  gos.IonizationEnergy = ReadOptionalAttribute(group.Get(), "metadata", "ionization_energy");
  if (gos.IonizationEnergy == 0.0)
  {
    gos.IonizationEnergy = ReadOptionalAttribute(group.Get(), "metadata", "onset");
  }
  gos.Validate(where);
  return gos;
}

void
GOSHFile::Write(const std::string & path, const std::string & element, const std::string & table, const GOSTable & gos)
{
  gos.Validate(element + "/" + table);
  const QuietErrors quiet;
  if (itksys::SystemTools::FileExists(path, true))
  {
    const Handle file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
    if (!file.IsValid())
    {
      itkGenericExceptionMacro(<< "GOSHFile: cannot open " << path << " for writing");
    }
    WriteTable(file.Get(), path, element, table, gos);
    return;
  }
  // A new file is built in memory and then written in one checked stream: HDF5 writing to a full
  // disk cannot close the file, and an open file makes the library loop at the program's exit.
  std::vector<char> image;
  {
    const Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    if (!access.IsValid() || H5Pset_fapl_core(access.Get(), 1 << 20, false) < 0)
    {
      itkGenericExceptionMacro(<< "GOSHFile: no in-memory HDF5 file for " << path);
    }
    const Handle file(H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, access.Get()), H5Fclose);
    if (!file.IsValid())
    {
      itkGenericExceptionMacro(<< "GOSHFile: cannot create " << path);
    }
    WriteTable(file.Get(), path, element, table, gos);
    const ssize_t size = H5Fflush(file.Get(), H5F_SCOPE_LOCAL) < 0 ? -1 : H5Fget_file_image(file.Get(), nullptr, 0);
    image.resize(size > 0 ? static_cast<size_t>(size) : 0);
    if (size <= 0 || H5Fget_file_image(file.Get(), image.data(), image.size()) != size)
    {
      itkGenericExceptionMacro(<< "GOSHFile: cannot build " << path << " in memory");
    }
  }
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream.write(image.data(), static_cast<std::streamsize>(image.size()));
  stream.close();
  if (!stream)
  {
    itksys::SystemTools::RemoveFile(path);
    itkGenericExceptionMacro(<< "GOSHFile: cannot write " << path << " (a full disk?)");
  }
}
} // end namespace itk
