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
#include "itkHSPYImageIO.h"

#include "itkEMHDF5Support.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace itk
{
namespace
{
using EMHDF5::Handle;
using EMHDF5::QuietErrors;

bool
Exists(hid_t location, const std::string & path)
{
  // Each component must exist before the next is asked for.
  std::string partial;
  for (size_t start = 0; start <= path.size();)
  {
    const size_t slash = std::min(path.find('/', start), path.size());
    partial += (partial.empty() ? "" : "/") + path.substr(start, slash - start);
    if (H5Lexists(location, partial.c_str(), H5P_DEFAULT) <= 0)
    {
      return false;
    }
    start = slash + 1;
  }
  return true;
}

bool
HasAttribute(hid_t object, const char * name)
{
  return H5Aexists(object, name) > 0;
}

std::string
StringAttribute(hid_t object, const char * name)
{
  if (!HasAttribute(object, name))
  {
    return "";
  }
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  const Handle type(H5Aget_type(attribute.Get()), H5Tclose);
  if (H5Tget_class(type.Get()) != H5T_STRING)
  {
    return "";
  }
  if (H5Tis_variable_str(type.Get()) > 0)
  {
    const Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory.Get(), H5T_VARIABLE);
    H5Tset_cset(memory.Get(), H5Tget_cset(type.Get()));
    char * text = nullptr;
    if (H5Aread(attribute.Get(), memory.Get(), &text) < 0 || text == nullptr)
    {
      return "";
    }
    std::string value(text);
    const Handle space(H5Aget_space(attribute.Get()), H5Sclose);
    H5Dvlen_reclaim(memory.Get(), space.Get(), H5P_DEFAULT, &text);
    return value;
  }
  const size_t size = H5Tget_size(type.Get());
  if (size > 65536)
  {
    return "";
  }
  std::string value(size, '\0');
  H5Aread(attribute.Get(), type.Get(), value.data());
  return value.substr(0, value.find('\0'));
}

bool
NumberAttribute(hid_t object, const char * name, double & value)
{
  if (!HasAttribute(object, name))
  {
    return false;
  }
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  const Handle type(H5Aget_type(attribute.Get()), H5Tclose);
  const Handle space(H5Aget_space(attribute.Get()), H5Sclose);
  const auto   typeClass = H5Tget_class(type.Get());
  if (H5Sget_simple_extent_npoints(space.Get()) != 1 ||
      (typeClass != H5T_INTEGER && typeClass != H5T_FLOAT && typeClass != H5T_ENUM))
  {
    return false;
  }
  if (typeClass == H5T_ENUM)
  {
    // h5py's booleans: an enum over int8 {FALSE = 0, TRUE = 1}.
    signed char v = 0;
    if (H5Tget_size(type.Get()) != 1 || H5Aread(attribute.Get(), type.Get(), &v) < 0)
    {
      return false;
    }
    value = v;
    return true;
  }
  return H5Aread(attribute.Get(), H5T_NATIVE_DOUBLE, &value) >= 0;
}

void
WriteString(hid_t object, const char * name, const std::string & value)
{
  const Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.Get(), H5T_VARIABLE);
  H5Tset_cset(type.Get(), H5T_CSET_UTF8);
  const Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  const Handle attribute(H5Acreate2(object, name, type.Get(), space.Get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const char * text = value.c_str();
  H5Awrite(attribute.Get(), type.Get(), &text);
}

void
WriteNumber(hid_t object, const char * name, hid_t type, const void * value)
{
  const Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  const Handle attribute(H5Acreate2(object, name, type, space.Get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  H5Awrite(attribute.Get(), type, value);
}

void
WriteBool(hid_t object, const char * name, bool value)
{
  const Handle type(H5Tenum_create(H5T_NATIVE_SCHAR), H5Tclose);
  signed char  no = 0, yes = 1, v = value ? 1 : 0;
  H5Tenum_insert(type.Get(), "FALSE", &no);
  H5Tenum_insert(type.Get(), "TRUE", &yes);
  WriteNumber(object, name, type.Get(), &v);
}

IOComponentEnum
ComponentOf(hid_t type)
{
  const auto   typeClass = H5Tget_class(type);
  const size_t size = H5Tget_size(type);
  if (typeClass == H5T_FLOAT)
  {
    return size == 4 ? IOComponentEnum::FLOAT : size == 8 ? IOComponentEnum::DOUBLE : IOComponentEnum::UNKNOWNCOMPONENTTYPE;
  }
  if (typeClass != H5T_INTEGER)
  {
    return IOComponentEnum::UNKNOWNCOMPONENTTYPE;
  }
  const bool isSigned = H5Tget_sign(type) == H5T_SGN_2;
  switch (size)
  {
    case 1:
      return isSigned ? IOComponentEnum::CHAR : IOComponentEnum::UCHAR;
    case 2:
      return isSigned ? IOComponentEnum::SHORT : IOComponentEnum::USHORT;
    case 4:
      return isSigned ? IOComponentEnum::INT : IOComponentEnum::UINT;
    case 8:
      return isSigned ? IOComponentEnum::LONGLONG : IOComponentEnum::ULONGLONG;
    default:
      return IOComponentEnum::UNKNOWNCOMPONENTTYPE;
  }
}

hid_t
NativeTypeOf(IOComponentEnum component)
{
  switch (component)
  {
    case IOComponentEnum::CHAR:
      return H5T_NATIVE_SCHAR;
    case IOComponentEnum::UCHAR:
      return H5T_NATIVE_UCHAR;
    case IOComponentEnum::SHORT:
      return H5T_NATIVE_SHORT;
    case IOComponentEnum::USHORT:
      return H5T_NATIVE_USHORT;
    case IOComponentEnum::INT:
      return H5T_NATIVE_INT;
    case IOComponentEnum::UINT:
      return H5T_NATIVE_UINT;
    case IOComponentEnum::LONGLONG:
      return H5T_NATIVE_LLONG;
    case IOComponentEnum::ULONGLONG:
      return H5T_NATIVE_ULLONG;
    case IOComponentEnum::FLOAT:
      return H5T_NATIVE_FLOAT;
    case IOComponentEnum::DOUBLE:
      return H5T_NATIVE_DOUBLE;
    default:
      return -1;
  }
}

std::string
SignalGroupName(hid_t experiments, unsigned int index)
{
  const ssize_t length = H5Lget_name_by_idx(experiments, ".", H5_INDEX_NAME, H5_ITER_INC, index, nullptr, 0, H5P_DEFAULT);
  if (length <= 0 || length > 4096)
  {
    return "";
  }
  std::string name(static_cast<size_t>(length) + 1, '\0');
  H5Lget_name_by_idx(experiments, ".", H5_INDEX_NAME, H5_ITER_INC, index, name.data(), name.size(), H5P_DEFAULT);
  name.resize(static_cast<size_t>(length));
  return name;
}
} // namespace

HSPYImageIO::HSPYImageIO()
{
  for (const char * extension : { ".hspy", ".HSPY" })
  {
    this->AddSupportedReadExtension(extension);
    this->AddSupportedWriteExtension(extension);
  }
}

bool
HSPYImageIO::CanReadFile(const char * fileName)
{
  const QuietErrors quiet;
  if (H5Fis_hdf5(fileName) <= 0)
  {
    return false;
  }
  const Handle file(H5Fopen(fileName, H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  return file.IsValid() && StringAttribute(file.Get(), "file_format") == "HyperSpy";
}

void
HSPYImageIO::ReadImageInformation()
{
  const QuietErrors quiet;
  const std::string name = this->GetFileName();
  const auto        fail = [&](const std::string & reason) { itkExceptionMacro(<< "HSPYImageIO: " << name << ": " << reason); };
  if (H5Fis_hdf5(name.c_str()) <= 0)
  {
    fail("not an HDF5 file");
  }
  const Handle file(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.IsValid() || StringAttribute(file.Get(), "file_format") != "HyperSpy")
  {
    fail("not a HyperSpy file (root attribute file_format)");
  }
  if (!Exists(file.Get(), "Experiments"))
  {
    fail("no /Experiments group");
  }
  const Handle experiments(H5Gopen2(file.Get(), "Experiments", H5P_DEFAULT), H5Gclose);
  H5G_info_t   info{};
  if (!experiments.IsValid() || H5Gget_info(experiments.Get(), &info) < 0 || info.nlinks == 0)
  {
    fail("no signal in /Experiments");
  }
  m_NumberOfSignals = static_cast<unsigned int>(info.nlinks);
  if (m_SignalIndex >= m_NumberOfSignals)
  {
    fail("signal " + std::to_string(m_SignalIndex) + " requested, the file has " + std::to_string(m_NumberOfSignals));
  }
  const std::string signalName = SignalGroupName(experiments.Get(), m_SignalIndex);
  const Handle      group(H5Gopen2(experiments.Get(), signalName.c_str(), H5P_DEFAULT), H5Gclose);
  if (!group.IsValid() || !Exists(group.Get(), "data"))
  {
    fail("the signal " + signalName + " has no data");
  }
  m_DataPath = "Experiments/" + signalName + "/data";
  const Handle data(H5Dopen2(group.Get(), "data", H5P_DEFAULT), H5Dclose);
  const Handle space(H5Dget_space(data.Get()), H5Sclose);
  const Handle type(H5Dget_type(data.Get()), H5Tclose);
  const int    rank = H5Sget_simple_extent_ndims(space.Get());
  if (rank < 1 || rank > 3)
  {
    fail("data of rank " + std::to_string(rank) + " (spectra, line scans and spectrum images of rank 1 to 3 are read)");
  }
  std::vector<hsize_t> shape(static_cast<size_t>(rank));
  H5Sget_simple_extent_dims(space.Get(), shape.data(), nullptr);
  const IOComponentEnum component = ComponentOf(type.Get());
  if (component == IOComponentEnum::UNKNOWNCOMPONENTTYPE)
  {
    fail("data of an unsupported type (complex, string or compound)");
  }
  struct Axis
  {
    double      Offset{ 0.0 }, Scale{ 1.0 };
    std::string Units;
    bool        Navigate{ true };
  };
  std::vector<Axis> axes(static_cast<size_t>(rank));
  int               signalAxes = 0;
  for (int a = 0; a < rank; ++a)
  {
    const std::string axisName = "axis-" + std::to_string(a);
    if (!Exists(group.Get(), axisName))
    {
      fail("no " + axisName + " group");
    }
    const Handle axis(H5Gopen2(group.Get(), axisName.c_str(), H5P_DEFAULT), H5Gclose);
    double       size = 0.0, navigate = 1.0;
    if (NumberAttribute(axis.Get(), "size", size) && size != static_cast<double>(shape[a]))
    {
      fail(axisName + " has size " + EMMetaData::FormatDouble(size) + " for a data extent of " + std::to_string(shape[a]));
    }
    NumberAttribute(axis.Get(), "offset", axes[a].Offset);
    NumberAttribute(axis.Get(), "scale", axes[a].Scale);
    axes[a].Units = StringAttribute(axis.Get(), "units");
    if (NumberAttribute(axis.Get(), "navigate", navigate))
    {
      axes[a].Navigate = navigate != 0.0;
    }
    else
    {
      axes[a].Navigate = a + 1 < rank; // files without the flag: the last axis is the signal
    }
    if (!(axes[a].Scale != 0.0) || !std::isfinite(axes[a].Scale) || !std::isfinite(axes[a].Offset))
    {
      fail(axisName + " has scale " + EMMetaData::FormatDouble(axes[a].Scale));
    }
    signalAxes += axes[a].Navigate ? 0 : 1;
  }
  if (signalAxes != 1 || axes.back().Navigate)
  {
    fail("one signal axis, the last, is read (" + std::to_string(signalAxes) + " signal axes found)");
  }
  const Axis & energy = axes.back();
  const double factor = energy.Units == "keV" ? 1000.0 : 1.0;
  if (!(energy.Scale > 0.0))
  {
    fail("the signal axis has a negative scale");
  }
  MetaDataDictionary & dictionary = this->GetMetaDataDictionary();
  EnergyAxis(energy.Offset * factor, energy.Scale * factor, shape.back()).WriteTo(dictionary);
  if (factor != 1.0)
  {
    EMMetaData::SetString(dictionary, "OriginalEnergyUnits", energy.Units);
  }
  this->SetNumberOfDimensions(2);
  this->SetPixelType(IOPixelEnum::VECTOR);
  this->SetComponentType(component);
  this->SetNumberOfComponents(static_cast<unsigned int>(shape.back()));
  // numpy's last navigation axis varies fastest: it is ITK's index 0.
  for (unsigned int d = 0; d < 2; ++d)
  {
    const int a = rank - 2 - static_cast<int>(d); // numpy axis of ITK dimension d
    this->SetDimensions(d, a >= 0 ? shape[a] : 1);
    this->SetSpacing(d, a >= 0 ? std::abs(axes[a].Scale) : 1.0);
    this->SetOrigin(d, a >= 0 ? axes[a].Offset : 0.0);
  }
  if (rank >= 2 && !axes[rank - 2].Units.empty())
  {
    EMMetaData::SetString(dictionary, "SpatialUnits", axes[rank - 2].Units);
  }
  // Metadata.
  const auto numberAt = [&](const std::string & path, const char * attribute, const char * key, double scale) {
    if (Exists(group.Get(), path))
    {
      const Handle object(H5Oopen(group.Get(), path.c_str(), H5P_DEFAULT), H5Oclose);
      double       v = 0.0;
      if (NumberAttribute(object.Get(), attribute, v))
      {
        EMMetaData::SetDouble(dictionary, key, v * scale);
      }
    }
  };
  numberAt("metadata/Acquisition_instrument/TEM", "beam_energy", EMMetaDataKeys::BeamEnergy, 1.0);
  numberAt("metadata/Acquisition_instrument/TEM", "convergence_angle", EMMetaDataKeys::ConvergenceSemiAngle, 1.0);
  numberAt("metadata/Acquisition_instrument/TEM/Detector/EELS", "collection_angle", EMMetaDataKeys::CollectionSemiAngle, 1.0);
  numberAt("metadata/Acquisition_instrument/TEM", "dwell_time", "DwellTime", 1.0);
  if (Exists(group.Get(), "metadata/Signal"))
  {
    const Handle      signal(H5Gopen2(group.Get(), "metadata/Signal", H5P_DEFAULT), H5Gclose);
    const std::string type = StringAttribute(signal.Get(), "signal_type");
    if (!type.empty())
    {
      EMMetaData::SetString(dictionary, EMMetaDataKeys::SignalType, type.rfind("EDS", 0) == 0 ? "EDS" : type);
    }
  }
  if (Exists(group.Get(), "metadata/General"))
  {
    const Handle general(H5Gopen2(group.Get(), "metadata/General", H5P_DEFAULT), H5Gclose);
    EMMetaData::SetString(dictionary, "Title", StringAttribute(general.Get(), "title"));
  }
}

void
HSPYImageIO::Read(void * buffer)
{
  const QuietErrors quiet;
  const Handle      file(H5Fopen(this->GetFileName(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const Handle      data(file.IsValid() ? H5Dopen2(file.Get(), m_DataPath.c_str(), H5P_DEFAULT) : -1, H5Dclose);
  if (!data.IsValid() ||
      H5Dread(data.Get(), NativeTypeOf(this->GetComponentType()), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) < 0)
  {
    itkExceptionMacro(<< "HSPYImageIO: " << this->GetFileName() << ": the data could not be read (HDF5 error)");
  }
}

bool
HSPYImageIO::CanWriteFile(const char * fileName)
{
  const std::string name = fileName;
  return name.size() > 5 && (name.substr(name.size() - 5) == ".hspy" || name.substr(name.size() - 5) == ".HSPY");
}

void
HSPYImageIO::Write(const void * buffer)
{
  const QuietErrors          quiet;
  const MetaDataDictionary & dictionary = this->GetMetaDataDictionary();
  const unsigned int         dimensions = this->GetNumberOfDimensions();
  const SizeValueType        channels = this->GetNumberOfComponents();
  if (dimensions > 2)
  {
    itkExceptionMacro(<< "HSPYImageIO writes 1-D and 2-D spectrum images, not " << dimensions << "-D images");
  }
  const EnergyAxis axis = EnergyAxis::ReadFrom(dictionary, channels);
  const hid_t      native = NativeTypeOf(this->GetComponentType());
  if (native < 0)
  {
    itkExceptionMacro(<< "HSPYImageIO: pixel type " << this->GetComponentTypeAsString(this->GetComponentType())
                      << " is not written");
  }
  // numpy shape: (y, x, E), (x, E) or (E).
  const SizeValueType  nx = this->GetDimensions(0), ny = dimensions > 1 ? this->GetDimensions(1) : 1;
  std::vector<hsize_t> shape;
  std::vector<int>     itkDimensionOf; // per numpy navigation axis
  if (ny > 1)
  {
    shape.push_back(ny);
    itkDimensionOf.push_back(1);
  }
  if (nx > 1 || ny > 1)
  {
    shape.push_back(nx);
    itkDimensionOf.push_back(0);
  }
  shape.push_back(channels);
  const std::string name = this->GetFileName();
  const std::string temporary = name + ".partial";
  bool              ok = true;
  {
    const Handle file(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    ok = file.IsValid();
    if (ok)
    {
      WriteString(file.Get(), "file_format", "HyperSpy");
      WriteString(file.Get(), "file_format_version", "3.1");
      const std::string title = EMMetaData::Has(dictionary, "Title") ? EMMetaData::GetString(dictionary, "Title") : "";
      const Handle      experiments(H5Gcreate2(file.Get(), "Experiments", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle group(H5Gcreate2(experiments.Get(), title.empty() ? "__unnamed__" : title.c_str(), H5P_DEFAULT,
                                    H5P_DEFAULT, H5P_DEFAULT),
                         H5Gclose);
      const Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose);
      const Handle data(H5Dcreate2(group.Get(), "data", native, space.Get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        H5Dclose);
      ok = data.IsValid() && H5Dwrite(data.Get(), native, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) >= 0;
      for (size_t a = 0; a < shape.size() && ok; ++a)
      {
        const bool        signal = a + 1 == shape.size();
        const std::string axisName = "axis-" + std::to_string(a);
        const Handle      axisGroup(H5Gcreate2(group.Get(), axisName.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        const auto        size = static_cast<long long>(shape[a]);
        const int         d = signal ? -1 : itkDimensionOf[a];
        const double      scale = signal ? axis.GetDispersion() : this->GetSpacing(d);
        const double      offset = signal ? axis.GetOffset() : this->GetOrigin(d);
        WriteString(axisGroup.Get(), "name", signal ? "Energy loss" : (d == 0 ? "x" : "y"));
        WriteNumber(axisGroup.Get(), "size", H5T_NATIVE_LLONG, &size);
        WriteNumber(axisGroup.Get(), "scale", H5T_NATIVE_DOUBLE, &scale);
        WriteNumber(axisGroup.Get(), "offset", H5T_NATIVE_DOUBLE, &offset);
        WriteString(axisGroup.Get(), "units",
                    signal ? "eV" : (EMMetaData::Has(dictionary, "SpatialUnits") ? EMMetaData::GetString(dictionary, "SpatialUnits") : ""));
        WriteBool(axisGroup.Get(), "navigate", !signal);
        WriteString(axisGroup.Get(), "_type", "UniformDataAxis");
        WriteBool(axisGroup.Get(), "is_binned", signal);
      }
      // HyperSpy's loader expects the group even when it is empty.
      const Handle original(H5Gcreate2(group.Get(), "original_metadata", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle metadata(H5Gcreate2(group.Get(), "metadata", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle general(H5Gcreate2(metadata.Get(), "General", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      WriteString(general.Get(), "title", title);
      const Handle signalGroup(H5Gcreate2(metadata.Get(), "Signal", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      WriteString(signalGroup.Get(), "signal_type",
                  EMMetaData::Has(dictionary, EMMetaDataKeys::SignalType) ? EMMetaData::GetString(dictionary, EMMetaDataKeys::SignalType) : "EELS");
      const Handle instrument(H5Gcreate2(metadata.Get(), "Acquisition_instrument", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle tem(H5Gcreate2(instrument.Get(), "TEM", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle detector(H5Gcreate2(tem.Get(), "Detector", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle eels(H5Gcreate2(detector.Get(), "EELS", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      for (const auto & [key, object, attribute] :
           { std::make_tuple(EMMetaDataKeys::BeamEnergy, tem.Get(), "beam_energy"),
             std::make_tuple(EMMetaDataKeys::ConvergenceSemiAngle, tem.Get(), "convergence_angle"),
             std::make_tuple(EMMetaDataKeys::CollectionSemiAngle, eels.Get(), "collection_angle") })
      {
        if (EMMetaData::Has(dictionary, key))
        {
          const double v = EMMetaData::GetDouble(dictionary, key);
          WriteNumber(object, attribute, H5T_NATIVE_DOUBLE, &v);
        }
      }
      ok = ok && H5Fflush(file.Get(), H5F_SCOPE_GLOBAL) >= 0;
    }
  }
  if (!ok || std::rename(temporary.c_str(), name.c_str()) != 0)
  {
    std::remove(temporary.c_str());
    itkExceptionMacro(<< "HSPYImageIO: cannot write " << name);
  }
}

void
HSPYImageIO::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "SignalIndex: " << m_SignalIndex << " of " << m_NumberOfSignals << std::endl;
}
} // end namespace itk
