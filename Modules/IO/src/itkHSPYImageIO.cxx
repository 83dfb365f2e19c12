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
#include "itkHSPYReading.h"
#include "itkEnergyAxis.h"

#include "itksys/SystemTools.hxx"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <sstream>
#include <vector>

namespace itk
{
namespace
{
using EMHDF5::Handle;
using EMHDF5::QuietErrors;

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
// An axis of a written signal, in numpy order.
struct OutputAxis
{
  hsize_t     Size;
  bool        Signal;
  std::string Name;
  double      Scale, Offset;
  std::string Units;
  bool        Binned;
};

void
WriteStrings(hid_t object, const char * name, const std::vector<std::string> & values)
{
  const Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.Get(), H5T_VARIABLE);
  H5Tset_cset(type.Get(), H5T_CSET_UTF8);
  const hsize_t             count = values.size();
  const Handle              space(H5Screate_simple(1, &count, nullptr), H5Sclose);
  const Handle              attribute(H5Acreate2(object, name, type.Get(), space.Get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  std::vector<const char *> texts;
  for (const auto & value : values)
  {
    texts.push_back(value.c_str());
  }
  H5Awrite(attribute.Get(), type.Get(), texts.data());
}

// Writes the data in pieces of whole rows of the slowest axis, telling the caller after each.
bool
WriteData(hid_t                        data,
          hid_t                        native,
          const std::vector<hsize_t> & shape,
          const void *                 buffer,
          EMChildProcess::Channel &    channel)
{
  constexpr hsize_t pieceBytes = hsize_t(16) << 20;
  const hsize_t     rows = shape.front();
  const hsize_t     rowBytes =
    H5Tget_size(native) * std::accumulate(shape.begin() + 1, shape.end(), hsize_t(1), std::multiplies<>());
  const hsize_t        step = std::max<hsize_t>(1, pieceBytes / std::max<hsize_t>(rowBytes, 1));
  const Handle         fileSpace(H5Dget_space(data), H5Sclose);
  std::vector<hsize_t> start(shape.size(), 0);
  std::vector<hsize_t> count = shape;
  for (hsize_t row = 0; row < rows; row += step)
  {
    start[0] = row;
    count[0] = std::min(step, rows - row);
    const Handle memory(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose);
    if (H5Sselect_hyperslab(fileSpace.Get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0 ||
        H5Dwrite(data,
                 native,
                 memory.Get(),
                 fileSpace.Get(),
                 H5P_DEFAULT,
                 static_cast<const char *>(buffer) + row * rowBytes) < 0)
    {
      return false;
    }
    const char progress = 1;
    channel.Send(&progress, 1);
  }
  return true;
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
  const std::string path = fileName;
  if (!EMHDF5Reading::HasHDF5Signature(path))
  {
    return false;
  }
  bool hyperSpy = false;
  m_ProbeFailure.clear();
  try
  {
    EMChildProcess::Run(
      [&](EMChildProcess::Channel & channel)
      {
        const char answer = HSPYReading::IsHyperSpy(path) ? 1 : 0;
        channel.Send(&answer, 1);
      },
      [&](const char * data, size_t size) { hyperSpy = size == 1 && data[0] == 1; },
      "HSPYImageIO: " + path);
  }
  catch (const ExceptionObject & failure)
  {
    // The HDF5 library failed on the file: claim it when its name says HyperSpy, so that
    // ReadImageInformation reports the failure (at once) instead of "no reader".
    const std::string extension = itksys::SystemTools::GetFilenameLastExtension(path);
    hyperSpy = extension == ".hspy" || extension == ".HSPY";
    m_ProbeFailure = failure.GetDescription();
    m_ProbedFile = path;
  }
  return hyperSpy;
}

void
HSPYImageIO::ReadImageInformation()
{
  const std::string name = this->GetFileName();
  if (!EMHDF5Reading::HasHDF5Signature(name))
  {
    itkExceptionMacro(<< "HSPYImageIO: " << name << ": not an HDF5 file");
  }
  if (!m_ProbeFailure.empty() && m_ProbedFile == name)
  {
    throw ExceptionObject(__FILE__, __LINE__, m_ProbeFailure, ITK_LOCATION);
  }
  const unsigned int            index = m_SignalIndex;
  const EMHDF5Reading::Header header = EMHDF5Reading::ReadInChildProcess(
    [&]() { return HSPYReading::ReadHeader(name, index); }, "HSPYImageIO: reading " + name);
  if (!header.Warning.empty())
  {
    itkWarningMacro(<< name << ": " << header.Warning);
  }
  m_NumberOfSignals = header.NumberOfSignals;
  m_DataPath = header.DataPath;
  EMHDF5Reading::ApplyTo(header, *this);
  m_MapsFirst = header.MapsFirst;
}

void
HSPYImageIO::Read(void * buffer)
{
  const std::string     name = this->GetFileName();
  const SizeValueType   expected = this->GetImageSizeInBytes();
  SizeValueType         received = 0;
  const std::string     dataPath = m_DataPath;
  const IOComponentEnum component = this->GetComponentType();
  // A stack of maps arrives map after map; ITK wants the maps of a pixel together.
  std::vector<char> maps(m_MapsFirst ? expected : 0);
  char *            target = m_MapsFirst ? maps.data() : static_cast<char *>(buffer);
  const auto        receive = [&](const char * data, size_t size) {
    if (size > expected - received)
    {
      itkExceptionMacro(<< "HSPYImageIO: " << name << ": more data than the header declares");
    }
    std::memcpy(target + received, data, size);
    received += size;
  };
  const EMChildProcess::NotSharedWithChild notShared(target, expected);
  EMChildProcess::Run([&](EMChildProcess::Channel & channel) { HSPYReading::SendData(name, dataPath, component, channel); },
                      receive,
                      "HSPYImageIO: reading " + name);
  if (received != expected)
  {
    itkExceptionMacro(<< "HSPYImageIO: " << name << ": " << received << " of " << expected << " bytes of data read");
  }
  if (m_MapsFirst)
  {
    const SizeValueType n = this->GetNumberOfComponents();
    const SizeValueType bytes = this->GetComponentSize();
    const SizeValueType pixels = expected / (n * bytes);
    for (SizeValueType e = 0; e < n; ++e)
    {
      for (SizeValueType p = 0; p < pixels; ++p)
      {
        std::memcpy(static_cast<char *>(buffer) + (p * n + e) * bytes, maps.data() + (e * pixels + p) * bytes, bytes);
      }
    }
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
  const SizeValueType        components = this->GetNumberOfComponents();
  const hid_t                native = EMHDF5Reading::NativeType(this->GetComponentType());
  if (native < 0)
  {
    itkExceptionMacro(<< "HSPYImageIO: pixel type " << this->GetComponentTypeAsString(this->GetComponentType())
                      << " is not written");
  }
  const auto text = [&](const char * key) {
    return EMMetaData::Has(dictionary, key) ? EMMetaData::GetString(dictionary, key) : std::string();
  };
  const std::string spatialUnits = text("SpatialUnits");
  // The axes in numpy order: navigation axes first, then the signal axes.
  std::vector<OutputAxis> axes;
  const auto              spatialAxis = [&](unsigned int d, bool signal) {
    static const char * names[3] = { "x", "y", "z" };
    axes.push_back({ this->GetDimensions(d), signal, names[d], this->GetSpacing(d), this->GetOrigin(d), spatialUnits, false });
  };
  const bool spectra = EnergyAxis::IsDefinedIn(dictionary);
  const bool mapsFirst = !spectra && components > 1;
  if (spectra)
  {
    // (y, x, E), (x, E) or (E): a spectrum image, line scan or spectrum.
    if (dimensions > 2)
    {
      itkExceptionMacro(<< "HSPYImageIO writes 1-D and 2-D spectrum images, not " << dimensions << "-D ones");
    }
    const EnergyAxis    axis = EnergyAxis::ReadFrom(dictionary, components);
    const SizeValueType nx = this->GetDimensions(0), ny = dimensions > 1 ? this->GetDimensions(1) : 1;
    if (ny > 1)
    {
      spatialAxis(1, false);
    }
    if (nx > 1 || ny > 1)
    {
      spatialAxis(0, false);
    }
    axes.push_back({ components, true, "Energy loss", axis.GetDispersion(), axis.GetOffset(), "eV", true });
  }
  else
  {
    // (y, x) an image; (n, y, x) a stack of n maps; (z, y, x) a stack of slices.
    if (dimensions < 2 || dimensions > 3 || (mapsFirst && dimensions != 2))
    {
      itkExceptionMacro(<< "HSPYImageIO writes 2-D images, stacks of 2-D maps and 3-D volumes, not a " << dimensions
                        << "-D image of " << components << " values per pixel");
    }
    if (mapsFirst)
    {
      axes.push_back({ components, false, "map", 1.0, 0.0, "", false });
    }
    if (dimensions == 3)
    {
      spatialAxis(2, false);
    }
    spatialAxis(1, true);
    spatialAxis(0, true);
  }
  std::vector<hsize_t> shape;
  for (const auto & axis : axes)
  {
    shape.push_back(axis.Size);
  }
  // The elements of a map or of each map of a stack ("C N O" in Element): the sample's elements.
  std::vector<std::string> elements;
  if (!spectra)
  {
    std::istringstream names(text(EMMetaDataKeys::Element));
    for (std::string name; names >> name;)
    {
      elements.push_back(name);
    }
    if (elements.size() != components)
    {
      elements.clear();
    }
  }
  const std::string title = text("Title");
  const std::string signalType = EMMetaData::Has(dictionary, EMMetaDataKeys::SignalType) ? text(EMMetaDataKeys::SignalType)
                                 : spectra                                                ? "EELS"
                                                                                          : "";
  const std::string name = this->GetFileName();
  const std::string temporary = name + ".partial";
  // libhdf5 writes in a child process: when a write fails (a full disk) it cannot close the file
  // and crashes at exit, which must not be the caller's exit. The caller renames the result.
  const auto write = [&](EMChildProcess::Channel & channel) {
    const QuietErrors quiet;
    const hid_t       fileId = H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    bool              ok = fileId >= 0;
    if (ok)
    {
      // The handle drops one reference; H5Fclose below drops the last and reports the last flush.
      const Handle file(H5Iinc_ref(fileId) >= 0 ? fileId : -1, H5Fclose);
      WriteString(file.Get(), "file_format", "HyperSpy");
      WriteString(file.Get(), "file_format_version", "3.1");
      const Handle experiments(H5Gcreate2(file.Get(), "Experiments", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle group(
        H5Gcreate2(experiments.Get(), title.empty() ? "__unnamed__" : title.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        H5Gclose);
      const Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose);
      const Handle data(H5Dcreate2(group.Get(), "data", native, space.Get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        H5Dclose);
      // A stack is stored map after map: its values are gathered here, in the child's memory.
      std::vector<char> maps;
      if (mapsFirst)
      {
        const SizeValueType bytes = this->GetComponentSize();
        const SizeValueType pixels = this->GetImageSizeInPixels();
        maps.resize(pixels * components * bytes);
        for (SizeValueType p = 0; p < pixels; ++p)
        {
          for (SizeValueType e = 0; e < components; ++e)
          {
            std::memcpy(maps.data() + (e * pixels + p) * bytes, static_cast<const char *>(buffer) + (p * components + e) * bytes,
                        bytes);
          }
        }
      }
      ok = data.IsValid() && WriteData(data.Get(), native, shape, mapsFirst ? maps.data() : buffer, channel);
      for (size_t a = 0; a < axes.size() && ok; ++a)
      {
        const OutputAxis & axis = axes[a];
        const std::string  axisName = "axis-" + std::to_string(a);
        const Handle axisGroup(H5Gcreate2(group.Get(), axisName.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        const auto   size = static_cast<long long>(axis.Size);
        WriteString(axisGroup.Get(), "name", axis.Name);
        WriteNumber(axisGroup.Get(), "size", H5T_NATIVE_LLONG, &size);
        WriteNumber(axisGroup.Get(), "scale", H5T_NATIVE_DOUBLE, &axis.Scale);
        WriteNumber(axisGroup.Get(), "offset", H5T_NATIVE_DOUBLE, &axis.Offset);
        WriteString(axisGroup.Get(), "units", axis.Units);
        WriteBool(axisGroup.Get(), "navigate", !axis.Signal);
        WriteString(axisGroup.Get(), "_type", "UniformDataAxis");
        WriteBool(axisGroup.Get(), "is_binned", axis.Binned);
      }
      // HyperSpy's loader expects the group even when it is empty.
      const Handle original(H5Gcreate2(group.Get(), "original_metadata", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle metadata(H5Gcreate2(group.Get(), "metadata", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      const Handle general(H5Gcreate2(metadata.Get(), "General", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      WriteString(general.Get(), "title", title);
      const Handle signalGroup(H5Gcreate2(metadata.Get(), "Signal", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      WriteString(signalGroup.Get(), "signal_type", signalType);
      if (!elements.empty())
      {
        const Handle sample(H5Gcreate2(metadata.Get(), "Sample", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        WriteStrings(sample.Get(), "elements", elements);
      }
      const Handle instrument(
        H5Gcreate2(metadata.Get(), "Acquisition_instrument", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
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
    if (!ok || H5Fclose(fileId) < 0)
    {
      itkGenericExceptionMacro(<< "HSPYImageIO: cannot write " << name << " (HDF5 error; disk full?)");
    }
  };
  try
  {
    EMChildProcess::Run(write, [](const char *, size_t) {}, "HSPYImageIO: writing " + name);
  }
  catch (const ExceptionObject &)
  {
    std::remove(temporary.c_str());
    throw;
  }
  if (std::rename(temporary.c_str(), name.c_str()) != 0)
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
