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
#include "itkHSPYReading.h"
#include "itkEMHDF5Reading.h"

#include "itkEMHDF5Checks.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkSpatialUnits.h"

#include "itksys/SystemTools.hxx"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>

namespace itk
{
namespace HSPYReading
{
namespace
{
using EMHDF5::Handle;
using EMHDF5::QuietErrors;
using EMHDF5Reading::ComponentOf;
using EMHDF5Reading::Exists;
using EMHDF5Reading::MaximumNumberOfSignals;
using EMHDF5Reading::NativeType;

// Pieces of data sent to the caller at a time.
constexpr hsize_t PieceBytes = hsize_t(16) << 20;

// Optional metadata: absent or malformed values are skipped.
std::string
OptionalString(hid_t object, const char * name)
{
  std::string value;
  return EMHDF5::ReadStringAttribute(object, name, value) == EMHDF5::AttributeStatus::Read ? value : std::string();
}

std::string
SignalGroupName(hid_t experiments, unsigned int index)
{
  const ssize_t length =
    H5Lget_name_by_idx(experiments, ".", H5_INDEX_NAME, H5_ITER_INC, index, nullptr, 0, H5P_DEFAULT);
  if (length <= 0 || length > 4096)
  {
    return "";
  }
  std::string name(static_cast<size_t>(length) + 1, '\0');
  H5Lget_name_by_idx(experiments, ".", H5_INDEX_NAME, H5_ITER_INC, index, name.data(), name.size(), H5P_DEFAULT);
  name.resize(static_cast<size_t>(length));
  return name;
}

// HyperSpy's own test: the root's file_format is "HyperSpy", or, in files of format 1.0, which
// had no attributes at the root, there is an /Experiments group.
bool
IsHyperSpyFile(hid_t file)
{
  std::string                   format;
  const EMHDF5::AttributeStatus status = EMHDF5::ReadStringAttribute(file, "file_format", format);
  return status == EMHDF5::AttributeStatus::Read ? format == "HyperSpy"
                                                 : status == EMHDF5::AttributeStatus::Absent && Exists(file, "Experiments");
}

Handle
OpenHyperSpyFile(const std::string & path)
{
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.IsValid() || !IsHyperSpyFile(file.Get()))
  {
    itkGenericExceptionMacro(<< "HSPYImageIO: " << path << ": not a HyperSpy file (root attribute file_format)");
  }
  return file;
}

// Where a signal's metadata lies. Before format 1.2 HyperSpy kept it in mapped_parameters, the
// microscope in TEM, the signal type and the title at its root; before 1.1 they may be named
// signal and name.
struct MetadataLayout
{
  std::string TEM{ "metadata/Acquisition_instrument/TEM" };
  std::string EELS{ "metadata/Acquisition_instrument/TEM/Detector/EELS" };
  std::string Signal{ "metadata/Signal" };
  std::string Sample{ "metadata/Sample" };
  std::string General{ "metadata/General" };
  bool        OldNames{ false };
};

MetadataLayout
LayoutOf(hid_t file)
{
  std::string text;
  double      number = 1.0; // no version: format 1.0
  if (EMHDF5::ReadStringAttribute(file, "file_format_version", text) == EMHDF5::AttributeStatus::Read)
  {
    number = std::strtod(text.c_str(), nullptr);
  }
  else
  {
    EMHDF5::ReadNumberAttribute(file, "file_format_version", number);
  }
  MetadataLayout layout;
  if (number < 1.15) // 1.0 and 1.1; 1.2 and later have "metadata"
  {
    layout = { "mapped_parameters/TEM", "mapped_parameters/TEM/EELS", "mapped_parameters",
               "mapped_parameters/Sample", "mapped_parameters", number < 1.05 };
  }
  return layout;
}

} // namespace

bool
IsHyperSpy(const std::string & path)
{
  const QuietErrors quiet;
  const Handle      file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  return file.IsValid() && IsHyperSpyFile(file.Get());
}

Header
ReadHeader(const std::string & name, unsigned int index)
{
  const QuietErrors quiet;
  const auto        fail = [&](const std::string & reason)
  { itkGenericExceptionMacro(<< "HSPYImageIO: " << name << ": " << reason); };
  const Handle file = OpenHyperSpyFile(name);
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
  if (info.nlinks > MaximumNumberOfSignals)
  {
    fail(std::to_string(info.nlinks) + " signals in /Experiments (corrupt)");
  }
  Header header;
  header.NumberOfSignals = static_cast<unsigned int>(info.nlinks);
  if (index >= header.NumberOfSignals)
  {
    fail("signal " + std::to_string(index) + " requested, the file has " + std::to_string(header.NumberOfSignals));
  }
  const std::string signalName = SignalGroupName(experiments.Get(), index);
  const Handle group(signalName.empty() ? -1 : H5Gopen2(experiments.Get(), signalName.c_str(), H5P_DEFAULT), H5Gclose);
  if (!group.IsValid() || !Exists(group.Get(), "data"))
  {
    fail("the signal " + signalName + " has no data");
  }
  header.DataPath = "Experiments/" + signalName + "/data";
  const Handle data(H5Dopen2(group.Get(), "data", H5P_DEFAULT), H5Dclose);
  if (!data.IsValid())
  {
    fail("the data of signal " + signalName + " is not a dataset");
  }
  const EMHDF5::DatasetShape checked = EMHDF5::CheckDataset(
    data.Get(), "HSPYImageIO: " + name + ": " + header.DataPath, itksys::SystemTools::FileLength(name), 3);
  const std::vector<hsize_t> & shape = checked.Dimensions;
  const int                    rank = static_cast<int>(shape.size());
  if (shape.back() > std::numeric_limits<unsigned int>::max())
  {
    fail(std::to_string(shape.back()) + " channels per spectrum");
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
    if (!axis.IsValid())
    {
      fail(axisName + " is not a group");
    }
    // The calibration must be trustworthy: a malformed value is an error, not a default.
    const auto number = [&](const char * attribute, double & value)
    {
      const auto status = EMHDF5::ReadNumberAttribute(axis.Get(), attribute, value);
      if (status == EMHDF5::AttributeStatus::Malformed)
      {
        fail(axisName + " attribute " + attribute + " is not one number");
      }
      return status == EMHDF5::AttributeStatus::Read;
    };
    double size = 0.0, navigate = 1.0;
    if (number("size", size) && size != static_cast<double>(shape[a]))
    {
      fail(axisName + " has size " + EMMetaData::FormatDouble(size) + " for a data extent of " +
           std::to_string(shape[a]));
    }
    number("offset", axes[a].Offset);
    number("scale", axes[a].Scale);
    if (EMHDF5::ReadStringAttribute(axis.Get(), "units", axes[a].Units) == EMHDF5::AttributeStatus::Malformed)
    {
      fail(axisName + " attribute units is not one string");
    }
    // Files without the flag: the last axis is the signal.
    axes[a].Navigate = number("navigate", navigate) ? navigate != 0.0 : a + 1 < rank;
    if (!(axes[a].Scale != 0.0) || !std::isfinite(axes[a].Scale) || !std::isfinite(axes[a].Offset))
    {
      fail(axisName + " has scale " + EMMetaData::FormatDouble(axes[a].Scale));
    }
    signalAxes += axes[a].Navigate ? 0 : 1;
  }
  // The signal axes are the last ones: one (spectra) or two (an image, or a stack of images).
  bool signalLast = true;
  for (int a = 0; a < rank; ++a)
  {
    signalLast = signalLast && axes[a].Navigate == (a < rank - signalAxes);
  }
  if (!signalLast || signalAxes < 1 || signalAxes > 2)
  {
    fail("the signal axes must be the last one or two (" + std::to_string(signalAxes) + " signal axes found)");
  }
  MetaDataDictionary dictionary;
  header.Component = ComponentOf(checked);
  // ITK's spatial axes, fastest first (numpy's last spatial axis varies fastest); each has its
  // own units, and the image gets one.
  std::vector<int> spatial;
  if (signalAxes == 1)
  {
    const Axis & energy = axes.back();
    const double factor = energy.Units == "keV" ? 1000.0 : 1.0;
    if (!(energy.Scale > 0.0))
    {
      fail("the signal axis has a negative scale");
    }
    EnergyAxis(energy.Offset * factor, energy.Scale * factor, shape.back()).WriteTo(dictionary);
    if (factor != 1.0)
    {
      EMMetaData::SetString(dictionary, "OriginalEnergyUnits", energy.Units);
    }
    header.Pixel = IOPixelEnum::VECTOR;
    header.Components = static_cast<unsigned int>(shape.back());
    spatial = { rank - 2, rank - 3 };
  }
  else
  {
    // An image (y, x), or a stack of n images (n, y, x): a VectorImage of n maps per pixel, the
    // maps' values made contiguous per pixel when read.
    header.Pixel = rank == 3 ? IOPixelEnum::VECTOR : IOPixelEnum::SCALAR;
    header.Components = rank == 3 ? static_cast<unsigned int>(shape.front()) : 1;
    header.MapsFirst = rank == 3;
    spatial = { rank - 1, rank - 2 };
  }
  std::vector<std::string> units;
  for (const int a : spatial)
  {
    if (a >= 0)
    {
      units.push_back(axes[a].Units);
    }
  }
  const SpatialUnits::Unified unified = SpatialUnits::Unify(units);
  for (unsigned int d = 0; d < 2; ++d)
  {
    const int    a = spatial[d];
    const double factor = a >= 0 ? unified.Factors[d] : 1.0;
    header.Dimensions.push_back(a >= 0 ? shape[a] : 1);
    header.Spacing.push_back(a >= 0 ? std::abs(axes[a].Scale) * factor : 1.0);
    header.Origin.push_back(a >= 0 ? axes[a].Offset * factor : 0.0);
  }
  if (!unified.Units.empty())
  {
    EMMetaData::SetString(dictionary, "SpatialUnits", unified.Units);
  }
  header.Warning = unified.Warning;
  // Metadata.
  const auto open = [&](const std::string & path)
  { return Handle(Exists(group.Get(), path) ? H5Oopen(group.Get(), path.c_str(), H5P_DEFAULT) : -1, H5Oclose); };
  const auto numberAt = [&](const std::string & path, const char * attribute, const char * key)
  {
    const Handle object = open(path);
    double       v = 0.0;
    if (object.IsValid() && EMHDF5::ReadNumberAttribute(object.Get(), attribute, v) == EMHDF5::AttributeStatus::Read &&
        std::isfinite(v))
    {
      EMMetaData::SetDouble(dictionary, key, v);
    }
  };
  const auto stringAt = [&](const std::string & path, const char * attribute)
  {
    const Handle object = open(path);
    return object.IsValid() ? OptionalString(object.Get(), attribute) : std::string();
  };
  const MetadataLayout layout = LayoutOf(file.Get());
  numberAt(layout.TEM, "beam_energy", EMMetaDataKeys::BeamEnergy);
  numberAt(layout.TEM, "convergence_angle", EMMetaDataKeys::ConvergenceSemiAngle);
  numberAt(layout.EELS, "collection_angle", EMMetaDataKeys::CollectionSemiAngle);
  numberAt(layout.TEM, "dwell_time", "DwellTime");
  std::string type = stringAt(layout.Signal, "signal_type");
  type = type.empty() && layout.OldNames ? stringAt(layout.Signal, "signal") : type;
  if (!type.empty())
  {
    EMMetaData::SetString(dictionary, EMMetaDataKeys::SignalType, type.rfind("EDS", 0) == 0 ? "EDS" : type);
  }
  if (signalAxes == 2)
  {
    // A map's (or each map's of a stack) element, from the sample's element list.
    const Handle             sample = open(layout.Sample);
    std::vector<std::string> elements;
    // HyperSpy 2 stores the list as an attribute, HyperSpy 1 as a dataset "_list_elements".
    const auto listed = [&]() {
      const EMHDF5::AttributeStatus status = EMHDF5::ReadStringListAttribute(sample.Get(), "elements", elements);
      return status == EMHDF5::AttributeStatus::Absent
               ? EMHDF5::ReadStringListDataset(sample.Get(), "_list_elements", elements) == EMHDF5::AttributeStatus::Read
               : status == EMHDF5::AttributeStatus::Read;
    };
    if (sample.IsValid() && listed() && elements.size() == header.Components)
    {
      std::string names;
      for (const auto & element : elements)
      {
        names += (names.empty() ? "" : " ") + element;
      }
      EMMetaData::SetString(dictionary, EMMetaDataKeys::Element, names);
    }
  }
  std::string title = stringAt(layout.General, "title");
  title = title.empty() && layout.OldNames ? stringAt(layout.General, "name") : title;
  if (!title.empty())
  {
    EMMetaData::SetString(dictionary, "Title", title);
  }
  for (const auto & key : dictionary.GetKeys())
  {
    header.Entries.emplace_back(key, EMMetaData::GetString(dictionary, key));
  }
  return header;
}

void
SendData(const std::string &       path,
         const std::string &       dataPath,
         IOComponentEnum           component,
         EMChildProcess::Channel & channel)
{
  const QuietErrors quiet;
  const Handle      file = OpenHyperSpyFile(path);
  const Handle      data(H5Dopen2(file.Get(), dataPath.c_str(), H5P_DEFAULT), H5Dclose);
  if (!data.IsValid())
  {
    itkGenericExceptionMacro(<< "HSPYImageIO: " << path << ": " << dataPath << " is gone");
  }
  // The file may have changed since its header was read: check it again.
  const EMHDF5::DatasetShape shape = EMHDF5::CheckDataset(
    data.Get(), "HSPYImageIO: " + path + ": " + dataPath, itksys::SystemTools::FileLength(path), 3);
  if (ComponentOf(shape) != component)
  {
    itkGenericExceptionMacro(<< "HSPYImageIO: " << path << ": " << dataPath << " changed while it was read");
  }
  // Whole rows of the slowest axis, about PieceBytes at a time.
  const hsize_t        rows = shape.Dimensions.front();
  const hsize_t        rowBytes = shape.Bytes / rows;
  const hsize_t        step = std::max<hsize_t>(1, PieceBytes / rowBytes);
  std::vector<char>    piece(static_cast<size_t>(std::min(rows, step) * rowBytes));
  const Handle         fileSpace(H5Dget_space(data.Get()), H5Sclose);
  std::vector<hsize_t> start(shape.Dimensions.size(), 0);
  std::vector<hsize_t> count = shape.Dimensions;
  for (hsize_t row = 0; row < rows; row += step)
  {
    start[0] = row;
    count[0] = std::min(step, rows - row);
    const Handle memory(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose);
    if (H5Sselect_hyperslab(fileSpace.Get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0 ||
        H5Dread(data.Get(), NativeType(component), memory.Get(), fileSpace.Get(), H5P_DEFAULT, piece.data()) < 0)
    {
      itkGenericExceptionMacro(<< "HSPYImageIO: " << path << ": the data could not be read (HDF5 error)");
    }
    channel.Send(piece.data(), static_cast<size_t>(count[0] * rowBytes));
  }
}

} // namespace HSPYReading
} // end namespace itk
