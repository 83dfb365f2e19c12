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
#include "itkVeloxEMDReading.h"
#include "itkVeloxEMDMetadata.h"

#include "itkEELSEdgeTable.h"
#include "itkEMImageFiles.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkSpatialUnits.h"

#include "itksys/SystemTools.hxx"

#include <algorithm>
#include <cstring>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <sstream>

namespace itk
{
namespace VeloxEMDReading
{
namespace
{
using EMHDF5::Handle;
using EMHDF5::QuietErrors;

// Stream values read from the file at a time.
constexpr hsize_t StreamPiece = hsize_t(1) << 22;
// Bytes of image data sent to the caller at a time.
constexpr hsize_t PieceBytes = hsize_t(16) << 20;

enum class Kind
{
  Image,
  Spectrum,
  SpectrumImage, // EDS: decoded from event streams
  EELSSpectrumImage
};

struct Signal
{
  Kind                     Type{ Kind::Image };
  std::string              Name;
  std::vector<std::string> Groups; // one, or every stream of a spectrum image
  std::vector<hsize_t>     Shape;  // image (height, width, frames); spectrum (channels, n);
                                   // spectrum image (height, width, channels)
  std::string              Detector;
  SizeValueType            Frames{ 1 }; // 0: to be counted from the stream
  IOComponentEnum          Component{ IOComponentEnum::UINT };
  Json::Value              Metadata;
  bool                     Unwritten{ false }; // no value stored in the file
  std::string              Unreadable;         // why the values cannot be read, listed all the same
};

[[noreturn]] void
Fail(const std::string & path, const std::string & reason)
{
  itkGenericExceptionMacro(<< "VeloxEMDImageIO: " << path << ": " << reason);
}

// The names of the links in group \a path, in name order (empty when there is no such group).
std::vector<std::string>
Children(hid_t file, const std::string & path)
{
  std::vector<std::string> names;
  if (!EMHDF5Reading::Exists(file, path))
  {
    return names;
  }
  const Handle group(H5Gopen2(file, path.c_str(), H5P_DEFAULT), H5Gclose);
  H5G_info_t   info{};
  if (!group.IsValid() || H5Gget_info(group.Get(), &info) < 0 || info.nlinks > EMHDF5Reading::MaximumNumberOfSignals)
  {
    return names;
  }
  for (hsize_t i = 0; i < info.nlinks; ++i)
  {
    const ssize_t length =
      H5Lget_name_by_idx(group.Get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length <= 0 || length > 4096)
    {
      continue;
    }
    std::string name(static_cast<size_t>(length) + 1, '\0');
    H5Lget_name_by_idx(group.Get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    name.resize(static_cast<size_t>(length));
    names.push_back(path + "/" + name);
  }
  return names;
}

Handle
OpenVelox(const std::string & path)
{
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.IsValid())
  {
    Fail(path, "not an HDF5 file the HDF5 library can open");
  }
  const std::string format = TextAt(MetadataReader(file.Get(), path).Text("Version"), { "format" });
  if (format != "Velox" && format != "DevelopersKit")
  {
    Fail(path, "not a Velox EMD file (its /Version does not say Velox)");
  }
  return file;
}

EMHDF5::DatasetShape
CheckedData(hid_t file, const std::string & dataPath, const std::string & path, int rank)
{
  const Handle data = OpenDataset(file, dataPath);
  if (!data.IsValid())
  {
    Fail(path, dataPath + " is missing");
  }
  // Velox leaves the data of an empty acquisition unwritten; it reads as the fill value.
  return EMHDF5::CheckDataset(
    data.Get(), "VeloxEMDImageIO: " + path + ": " + dataPath, itksys::SystemTools::FileLength(path), rank, true);
}

// The energy calibration (eV) of the detector a signal names: the first detector whose name
// contains it, in the metadata's order.
bool
EnergyCalibration(const Json::Value & metadata, double & offset, double & dispersion)
{
  const std::string detector = TextAt(metadata, { "BinaryResult", "Detector" });
  const Json::Value & detectors = Member(metadata, { "Detectors" });
  for (unsigned int d = 0; !detector.empty() && d < 1000; ++d)
  {
    const std::string   key = "Detector-" + std::to_string(d);
    const Json::Value & entry = Member(detectors, { key.c_str() });
    if (entry.isNull())
    {
      break;
    }
    if (TextAt(entry, { "DetectorName" }).find(detector) != std::string::npos)
    {
      dispersion = NumberAt(entry, { "Dispersion" });
      offset = NumberAt(entry, { "OffsetEnergy" });
      return std::isfinite(dispersion) && dispersion > 0.0 && std::isfinite(offset);
    }
  }
  return false;
}

// Frames of the spectrum image: Velox's SpectrumImageSettings, else the stream's table of
// frame locations; 0 when only the stream itself can tell.
SizeValueType
RecordedFrames(MetadataReader & texts, const std::string & firstStream, const std::string & path)
{
  const hid_t file = texts.File();
  for (const auto & group : Children(file, "Data/SpectrumImage"))
  {
    const double frames = NumberAt(texts.Text(group + "/SpectrumImageSettings"), { "endFramePosition" });
    if (std::isfinite(frames) && frames >= 1.0 && frames < 1e9)
    {
      return static_cast<SizeValueType>(frames);
    }
  }
  if (EMHDF5Reading::Exists(file, firstStream + "/FrameLocationTable"))
  {
    const EMHDF5::DatasetShape table = CheckedData(file, firstStream + "/FrameLocationTable", path, 2);
    return static_cast<SizeValueType>(table.Dimensions[0]);
  }
  return 0;
}

// Velox stores DPC and FFT images as complex values, a compound of two floats.
bool
IsComplex(hid_t file, const std::string & dataPath)
{
  const Handle data = OpenDataset(file, dataPath);
  const Handle type(data.IsValid() ? H5Dget_type(data.Get()) : -1, H5Tclose);
  return type.IsValid() && H5Tget_class(type.Get()) == H5T_COMPOUND && H5Tget_nmembers(type.Get()) == 2 &&
         H5Tget_member_class(type.Get(), 0) == H5T_FLOAT && H5Tget_member_class(type.Get(), 1) == H5T_FLOAT;
}

// The labels Velox shows for its images ("HAADF", "Fe", "Fe-EELS"), by the image's group name:
// Presentation/Displays/ImageDisplay (dataPath, display.label), or in version 11 files
// Displays/ImageDisplay (id, and data naming a dataset that holds the dataPath).
std::map<std::string, std::string>
ImageLabels(MetadataReader & texts)
{
  const hid_t                        file = texts.File();
  std::map<std::string, std::string> labels;
  const auto                         add = [&](const std::string & dataPath, const std::string & label) {
    if (!dataPath.empty() && !label.empty())
    {
      labels[dataPath.substr(dataPath.find_last_of('/') + 1)] = label;
    }
  };
  for (const auto & display : Children(file, "Presentation/Displays/ImageDisplay"))
  {
    const Json::Value value = texts.Text(display);
    add(TextAt(value, { "dataPath" }), TextAt(value, { "display", "label" }));
  }
  for (const auto & display : Children(file, "Displays/ImageDisplay"))
  {
    const Json::Value value = texts.Text(display);
    const std::string reference = TextAt(value, { "data" });
    if (!reference.empty() && reference.size() < 4096)
    {
      add(TextAt(texts.Text(reference.substr(reference.front() == '/' ? 1 : 0)), { "dataPath" }),
          TextAt(value, { "id" }));
    }
  }
  return labels;
}

// The spectrum image's calibration (Data/SpectrumImage's BinaryResult): what newer files give in
// place of the images' own pixel size.
Json::Value
ScanCalibration(MetadataReader & texts)
{
  for (const auto & group : Children(texts.File(), "Data/SpectrumImage"))
  {
    Json::Value metadata = texts.Columns(group + "/Metadata");
    if (!Member(metadata, { "BinaryResult", "PixelSize" }).isNull())
    {
      return metadata;
    }
  }
  return Json::Value(Json::objectValue);
}

std::vector<Signal>
ListSignals(MetadataReader & texts, const std::string & path)
{
  const hid_t                              file = texts.File();
  std::vector<Signal>                      signals;
  std::vector<hsize_t>                     scan; // (height, width) of the first image: the scan
  const std::map<std::string, std::string> labels = ImageLabels(texts);
  for (const auto & group : Children(file, "Data/Image"))
  {
    Signal image;
    image.Type = Kind::Image;
    image.Groups = { group };
    image.Metadata = texts.Columns(group + "/Metadata");
    image.Detector = TextAt(image.Metadata, { "BinaryResult", "Detector" });
    const auto label = labels.find(group.substr(group.find_last_of('/') + 1));
    image.Name = label != labels.end() ? label->second : image.Detector;
    if (IsComplex(file, group + "/Data"))
    {
      image.Unreadable = "complex values (a DPC or FFT image)";
      signals.push_back(std::move(image));
      continue;
    }
    const EMHDF5::DatasetShape shape = CheckedData(file, group + "/Data", path, 3);
    if (shape.Dimensions.size() != 3)
    {
      Fail(path, group + "/Data is not (height, width, frames)");
    }
    image.Shape = shape.Dimensions;
    image.Frames = static_cast<SizeValueType>(shape.Dimensions[2]);
    image.Component = EMHDF5Reading::ComponentOf(shape);
    image.Unwritten = shape.Unwritten;
    if (scan.empty())
    {
      scan = { shape.Dimensions[0], shape.Dimensions[1] };
    }
    signals.push_back(std::move(image));
  }
  for (const auto & group : Children(file, "Data/Spectrum"))
  {
    Signal spectrum;
    spectrum.Type = Kind::Spectrum;
    spectrum.Groups = { group };
    const EMHDF5::DatasetShape shape = CheckedData(file, group + "/Data", path, 2);
    spectrum.Shape = { shape.Dimensions[0], shape.Dimensions.size() == 2 ? shape.Dimensions[1] : 1 };
    spectrum.Component = EMHDF5Reading::ComponentOf(shape);
    spectrum.Metadata = texts.Columns(group + "/Metadata");
    spectrum.Name = spectrum.Detector = TextAt(spectrum.Metadata, { "BinaryResult", "Detector" });
    spectrum.Unwritten = shape.Unwritten;
    signals.push_back(std::move(spectrum));
  }
  // EELS spectrum images, stored (x, energy, y) or (x, energy), each with its calibration.
  for (const auto & group : Children(file, "Data/EelsSpectrumImage"))
  {
    Signal eels;
    eels.Type = Kind::EELSSpectrumImage;
    eels.Groups = { group };
    const EMHDF5::DatasetShape shape = CheckedData(file, group + "/Data", path, 3);
    if (shape.Unwritten || shape.Dimensions.size() < 2)
    {
      Fail(path, group + "/Data is not an EELS spectrum image (x, energy, y)");
    }
    eels.Shape = { shape.Dimensions.size() == 3 ? shape.Dimensions[2] : 1, shape.Dimensions[0], shape.Dimensions[1] };
    eels.Component = EMHDF5Reading::ComponentOf(shape);
    eels.Metadata = texts.Columns(group + "/Metadata");
    eels.Metadata["Acquisition"] = texts.Columns(group + "/AcquisitionMetadata");
    eels.Detector = TextAt(eels.Metadata, { "BinaryResult", "Detector" });
    const size_t number = std::count_if(signals.begin(), signals.end(), [](const Signal & s) { return s.Type == Kind::EELSSpectrumImage; });
    eels.Name = number == 0 ? "EELS" : "EELS " + std::to_string(number + 1);
    signals.push_back(std::move(eels));
  }
  // The streams of a scan: summed as "EDS", and each on its own when there are several.
  const std::vector<std::string> streams = Children(file, "Data/SpectrumStream");
  if (streams.empty() || scan.empty())
  {
    return signals;
  }
  std::vector<Signal> parts;
  for (const auto & group : streams)
  {
    Signal stream;
    stream.Type = Kind::SpectrumImage;
    stream.Groups = { group };
    const EMHDF5::DatasetShape shape = CheckedData(file, group + "/Data", path, 2);
    if (shape.Unwritten || shape.Class != H5T_INTEGER || (shape.Dimensions.size() == 2 && shape.Dimensions[1] != 1))
    {
      Fail(path, group + "/Data is not a stream of channel numbers");
    }
    const double channels = NumberAt(texts.Text(group + "/AcquisitionSettings"), { "bincount" });
    if (!(channels >= 1.0 && channels <= 65535.0))
    {
      Fail(path, group + "/AcquisitionSettings has no valid bincount");
    }
    stream.Shape = { scan[0], scan[1], static_cast<hsize_t>(channels) };
    stream.Metadata = texts.Columns(group + "/Metadata");
    stream.Name = TextAt(stream.Metadata, { "BinaryResult", "Detector" });
    parts.push_back(std::move(stream));
  }
  Signal sum = parts.front();
  sum.Name = "EDS";
  sum.Frames = RecordedFrames(texts, streams.front(), path);
  sum.Groups = streams;
  for (auto & part : parts)
  {
    if (part.Shape != sum.Shape)
    {
      Fail(path, "its spectrum streams have different channel counts");
    }
    part.Frames = sum.Frames;
  }
  signals.push_back(std::move(sum));
  if (parts.size() > 1)
  {
    signals.insert(signals.end(), parts.begin(), parts.end());
  }
  return signals;
}

size_t
Resolve(const std::vector<Signal> & signals, const Selection & selection, const std::string & path)
{
  if (signals.empty())
  {
    Fail(path, "no image, spectrum or spectrum stream under /Data");
  }
  size_t index = selection.Index;
  if (!selection.Name.empty())
  {
    const auto named = std::find_if(signals.begin(), signals.end(), [&](const Signal & signal) {
      return EMImageFiles::SameName(signal.Name, selection.Name);
    });
    if (named == signals.end())
    {
      Fail(path, "no signal named " + selection.Name);
    }
    index = static_cast<size_t>(named - signals.begin());
  }
  if (index >= signals.size())
  {
    Fail(path, "signal " + std::to_string(index) + " requested, the file has " + std::to_string(signals.size()));
  }
  if (!signals[index].Unreadable.empty())
  {
    Fail(path, "signal " + std::to_string(index) + " (" + signals[index].Name + ") holds " + signals[index].Unreadable +
                 ", which are not read");
  }
  return index;
}

std::string
Describe(size_t index, const Signal & signal)
{
  std::ostringstream text;
  text << index << ": " << (signal.Name.empty() ? "(unnamed)" : signal.Name) << ", ";
  if (!signal.Unreadable.empty())
  {
    text << "not read: " << signal.Unreadable;
    return text.str();
  }
  switch (signal.Type)
  {
    case Kind::Image:
      text << "image " << signal.Shape[1] << " x " << signal.Shape[0] << ", " << signal.Frames << " frame"
           << (signal.Frames == 1 ? "" : "s");
      break;
    case Kind::Spectrum:
      text << "spectrum of " << signal.Shape[0] << " channels" << (signal.Shape[1] > 1 ? " x " : "")
           << (signal.Shape[1] > 1 ? std::to_string(signal.Shape[1]) : "");
      break;
    case Kind::EELSSpectrumImage:
      text << "EELS spectrum image " << signal.Shape[1] << " x " << signal.Shape[0] << " x " << signal.Shape[2]
           << " channels";
      break;
    case Kind::SpectrumImage:
      text << "EDS spectrum image " << signal.Shape[1] << " x " << signal.Shape[0] << " x " << signal.Shape[2]
           << " channels, ";
      if (signal.Frames > 0)
      {
        text << signal.Frames << " frame" << (signal.Frames == 1 ? "" : "s");
      }
      else
      {
        text << "frames counted on reading";
      }
      if (signal.Groups.size() > 1)
      {
        text << ", sum of " << signal.Groups.size() << " detectors";
      }
      break;
  }
  return text.str();
}

// The number of frames in a stream without a record of them: its pixel ends over the scan.
SizeValueType
CountFrames(hid_t file, const Signal & signal, const std::string & path)
{
  SizeValueType       ends = 0;
  const SizeValueType pixels = signal.Shape[0] * signal.Shape[1];
  const Handle        data = OpenDataset(file, signal.Groups.front() + "/Data");
  const Handle        space(H5Dget_space(data.Get()), H5Sclose);
  hsize_t             dimensions[2] = { 0, 1 };
  H5Sget_simple_extent_dims(space.Get(), dimensions, nullptr);
  std::vector<std::uint32_t> values(static_cast<size_t>(std::min(dimensions[0], StreamPiece)));
  for (hsize_t start = 0; start < dimensions[0]; start += StreamPiece)
  {
    const hsize_t count[2] = { std::min(StreamPiece, dimensions[0] - start), 1 };
    const hsize_t offset[2] = { start, 0 };
    const Handle  memory(H5Screate_simple(1, count, nullptr), H5Sclose);
    if (H5Sselect_hyperslab(space.Get(), H5S_SELECT_SET, offset, nullptr, count, nullptr) < 0 ||
        H5Dread(data.Get(), H5T_NATIVE_UINT32, memory.Get(), space.Get(), H5P_DEFAULT, values.data()) < 0)
    {
      Fail(path, signal.Groups.front() + "/Data could not be read (HDF5 error)");
    }
    ends += static_cast<SizeValueType>(std::count(values.begin(), values.begin() + count[0], 65535u));
  }
  return std::max<SizeValueType>(1, (ends + pixels - 1) / pixels);
}

void
CheckFrames(const Selection & selection, SizeValueType frames, const std::string & path)
{
  const SizeValueType last = selection.LastFrame == 0 ? frames : selection.LastFrame;
  if (selection.FirstFrame >= last || last > frames)
  {
    Fail(path,
         "frames " + std::to_string(selection.FirstFrame) + " to " + std::to_string(last) +
           " requested, the signal has " + std::to_string(frames));
  }
}

// Pixel size and offset, converted to nm.
void
SetSpatialAxes(const Json::Value & metadata, EMHDF5Reading::Header & header, MetaDataDictionary & dictionary)
{
  const double nanometres = SpatialUnits::NanometresPer(TextAt(metadata, { "BinaryResult", "PixelUnitX" }));
  const double width = NumberAt(metadata, { "BinaryResult", "PixelSize", "width" });
  const double height = NumberAt(metadata, { "BinaryResult", "PixelSize", "height" });
  const double x = NumberAt(metadata, { "BinaryResult", "Offset", "x" });
  const double y = NumberAt(metadata, { "BinaryResult", "Offset", "y" });
  const bool   calibrated = nanometres > 0.0 && width > 0.0 && height > 0.0 && std::isfinite(width * height);
  header.Spacing = { calibrated ? width * nanometres : 1.0, calibrated ? height * nanometres : 1.0 };
  header.Origin = { calibrated && std::isfinite(x) ? x * nanometres : 0.0,
                    calibrated && std::isfinite(y) ? y * nanometres : 0.0 };
  if (calibrated)
  {
    EMMetaData::SetString(dictionary, "SpatialUnits", "nm");
  }
  else
  {
    header.Warning = "no pixel size in its metadata: the spacing is 1";
  }
}
} // namespace

bool
IsVelox(const std::string & path)
{
  const QuietErrors quiet;
  const Handle      file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.IsValid())
  {
    return false;
  }
  const std::string format = TextAt(MetadataReader(file.Get(), path).Text("Version"), { "format" });
  return format == "Velox" || format == "DevelopersKit";
}

EMHDF5Reading::Header
ReadHeader(const std::string & path, const Selection & selection)
{
  const QuietErrors         quiet;
  const Handle              file = OpenVelox(path);
  MetadataReader            texts(file.Get(), path);
  std::vector<Signal>       signals = ListSignals(texts, path);
  const size_t              index = Resolve(signals, selection, path);
  Signal &                  signal = signals[index];
  EMHDF5Reading::Header     header;
  MetaDataDictionary        dictionary;
  header.NumberOfSignals = static_cast<unsigned int>(signals.size());
  for (size_t s = 0; s < signals.size(); ++s)
  {
    header.Signals.push_back(Describe(s, signals[s]));
  }
  header.Component = signal.Component;
  if (signal.Type != Kind::Spectrum)
  {
    // Newer files record the pixel size with the spectrum image only: it holds for the signals
    // of the scan's shape (the first image's).
    const bool own = !Member(signal.Metadata, { "BinaryResult", "PixelSize" }).isNull();
    const auto scan = std::find_if(
      signals.begin(), signals.end(), [](const Signal & s) { return s.Type == Kind::Image && s.Unreadable.empty(); });
    const bool ofScan = scan != signals.end() && scan->Shape[0] == signal.Shape[0] && scan->Shape[1] == signal.Shape[1];
    SetSpatialAxes(own || !ofScan ? signal.Metadata : ScanCalibration(texts), header, dictionary);
  }
  double offset = 0.0, dispersion = 0.0;
  bool   energy = EnergyCalibration(signal.Metadata, offset, dispersion);
  switch (signal.Type)
  {
    case Kind::EELSSpectrumImage:
      header.DataPath = "eels";
      header.Pixel = IOPixelEnum::VECTOR;
      header.Components = static_cast<unsigned int>(signal.Shape[2]);
      header.Dimensions = { signal.Shape[1], signal.Shape[0] };
      offset = NumberAt(signal.Metadata, { "Acquisition", "Data", "offset" });
      dispersion = NumberAt(signal.Metadata, { "Acquisition", "Data", "dispersion" });
      energy = std::isfinite(offset) && dispersion > 0.0;
      break;
    case Kind::Image:
    {
      CheckFrames(selection, signal.Frames, path);
      const SizeValueType last = selection.LastFrame == 0 ? signal.Frames : selection.LastFrame;
      header.DataPath = "image";
      header.Pixel = IOPixelEnum::SCALAR;
      header.Components = 1;
      header.Dimensions = { signal.Shape[1], signal.Shape[0] };
      if (last - selection.FirstFrame > 1)
      {
        header.Dimensions.push_back(last - selection.FirstFrame);
        header.Spacing.push_back(1.0);
        header.Origin.push_back(static_cast<double>(selection.FirstFrame));
      }
      break;
    }
    case Kind::Spectrum:
      header.DataPath = "spectrum";
      header.Pixel = IOPixelEnum::VECTOR;
      header.Components = static_cast<unsigned int>(signal.Shape[0]);
      header.Dimensions = { signal.Shape[1], 1 };
      header.Spacing = { 1.0, 1.0 };
      header.Origin = { 0.0, 0.0 };
      break;
    case Kind::SpectrumImage:
      if (signal.Frames == 0)
      {
        signal.Frames = CountFrames(file.Get(), signal, path);
      }
      CheckFrames(selection, signal.Frames, path);
      header.DataPath = "stream";
      header.Pixel = IOPixelEnum::VECTOR;
      header.Component = IOComponentEnum::UINT; // counts summed over frames and detectors
      header.Components = static_cast<unsigned int>(signal.Shape[2]);
      header.Dimensions = { signal.Shape[1], signal.Shape[0] };
      EMMetaData::SetString(dictionary,
                            "Frames",
                            std::to_string(selection.FirstFrame) + " " +
                              std::to_string(selection.LastFrame == 0 ? signal.Frames : selection.LastFrame));
      break;
  }
  if (signal.Type != Kind::Image)
  {
    if (!energy)
    {
      Fail(path, "no energy calibration for " + signal.Name);
    }
    EnergyAxis(offset, dispersion, header.Components).WriteTo(dictionary);
    EMMetaData::SetString(dictionary, EMMetaDataKeys::SignalType, signal.Type == Kind::EELSSpectrumImage ? "EELS" : "EDS");
  }
  else
  {
    // An element map ("Fe", "Fe-EELS"): its element.
    try
    {
      const std::string symbol = signal.Name.substr(0, signal.Name.find('-'));
      EELSEdgeTable::GetAtomicNumber(symbol);
      EMMetaData::SetString(dictionary, EMMetaDataKeys::Element, symbol);
    }
    catch (const ExceptionObject &)
    {
    }
  }
  if (signal.Unwritten)
  {
    header.Warning = "no value of " + signal.Name + " is stored in the file: every value is the fill value";
  }
  const double volts = NumberAt(signal.Metadata, { "Optics", "AccelerationVoltage" });
  if (std::isfinite(volts) && volts > 0.0)
  {
    EMMetaData::SetDouble(dictionary, EMMetaDataKeys::BeamEnergy, volts / 1000.0);
  }
  if (!signal.Name.empty())
  {
    EMMetaData::SetString(dictionary, "Title", signal.Name);
  }
  if (!signal.Detector.empty() || !signal.Name.empty())
  {
    EMMetaData::SetString(dictionary, "Detector", signal.Detector.empty() ? signal.Name : signal.Detector);
  }
  for (const auto & key : dictionary.GetKeys())
  {
    header.Entries.emplace_back(key, EMMetaData::GetString(dictionary, key));
  }
  return header;
}

namespace
{
// The image's rows and frames of \a region, read as (rows, width, frames) and sent frame by frame.
void
SendImage(hid_t                     file,
          const Signal &            signal,
          const Selection &         selection,
          const ImageIORegion &     region,
          const std::string &       path,
          EMChildProcess::Channel & channel)
{
  const Handle          data = OpenDataset(file, signal.Groups.front() + "/Data");
  const IOComponentEnum component = signal.Component;
  const hid_t           native = EMHDF5Reading::NativeType(component);
  const size_t          bytes = H5Tget_size(native);
  const hsize_t         width = signal.Shape[1];
  const hsize_t         firstRow = region.GetIndex(1), rows = region.GetSize(1);
  const hsize_t firstFrame = selection.FirstFrame + (region.GetImageDimension() > 2 ? region.GetIndex(2) : 0);
  const hsize_t frames = region.GetImageDimension() > 2 ? region.GetSize(2) : 1;
  // A band of rows at a time, all frames of the region, put in ITK's order (frame slowest).
  const hsize_t     band = std::max<hsize_t>(1, PieceBytes / std::max<hsize_t>(1, width * frames * bytes));
  std::vector<char> stored;
  std::vector<char> out(static_cast<size_t>(frames * rows * width * bytes));
  const Handle      space(H5Dget_space(data.Get()), H5Sclose);
  for (hsize_t row = firstRow; row < firstRow + rows; row += band)
  {
    const hsize_t count[3] = { std::min(band, firstRow + rows - row), width, frames };
    const hsize_t start[3] = { row, 0, firstFrame };
    stored.resize(static_cast<size_t>(count[0] * width * frames * bytes));
    const Handle memory(H5Screate_simple(3, count, nullptr), H5Sclose);
    if (H5Sselect_hyperslab(space.Get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0 ||
        H5Dread(data.Get(), native, memory.Get(), space.Get(), H5P_DEFAULT, stored.data()) < 0)
    {
      Fail(path, signal.Groups.front() + "/Data could not be read (HDF5 error)");
    }
    for (hsize_t f = 0; f < frames; ++f)
    {
      for (hsize_t p = 0; p < count[0] * width; ++p)
      {
        std::memcpy(&out[((f * rows + row - firstRow) * width + p) * bytes], &stored[(p * frames + f) * bytes], bytes);
      }
    }
  }
  channel.Send(out.data(), out.size());
}

// Rows of an EELS spectrum image, stored (x, energy, y): read a band of rows at a time and sent
// in ITK's order (energy fastest, then x, then y).
void
SendEELS(hid_t file, const Signal & signal, const ImageIORegion & region, const std::string & path, EMChildProcess::Channel & channel)
{
  const Handle  data = OpenDataset(file, signal.Groups.front() + "/Data");
  const hid_t   native = EMHDF5Reading::NativeType(signal.Component);
  const size_t  bytes = H5Tget_size(native);
  const hsize_t width = signal.Shape[1], channels = signal.Shape[2];
  const hsize_t firstRow = region.GetIndex(1), rows = region.GetSize(1);
  const bool    lines = signal.Shape[0] == 1 && H5Sget_simple_extent_ndims(Handle(H5Dget_space(data.Get()), H5Sclose).Get()) == 2;
  const hsize_t band = std::max<hsize_t>(1, PieceBytes / std::max<hsize_t>(1, width * channels * bytes));
  const Handle  space(H5Dget_space(data.Get()), H5Sclose);
  std::vector<char> stored, sent;
  for (hsize_t row = firstRow; row < firstRow + rows; row += band)
  {
    const hsize_t count[3] = { width, channels, std::min(band, firstRow + rows - row) };
    const hsize_t start[3] = { 0, 0, row };
    stored.resize(static_cast<size_t>(width * channels * count[2] * bytes));
    sent.resize(stored.size());
    const Handle memory(H5Screate_simple(lines ? 2 : 3, count, nullptr), H5Sclose);
    if (H5Sselect_hyperslab(space.Get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0 ||
        H5Dread(data.Get(), native, memory.Get(), space.Get(), H5P_DEFAULT, stored.data()) < 0)
    {
      Fail(path, signal.Groups.front() + "/Data could not be read (HDF5 error)");
    }
    for (hsize_t r = 0; r < count[2]; ++r)
    {
      for (hsize_t x = 0; x < width; ++x)
      {
        for (hsize_t e = 0; e < channels; ++e)
        {
          std::memcpy(&sent[((r * width + x) * channels + e) * bytes], &stored[((x * channels + e) * count[2] + r) * bytes], bytes);
        }
      }
    }
    channel.Send(sent.data(), sent.size());
  }
}

void
SendSpectrum(hid_t file, const Signal & signal, const std::string & path, EMChildProcess::Channel & channel)
{
  const Handle  data = OpenDataset(file, signal.Groups.front() + "/Data");
  const hid_t   native = EMHDF5Reading::NativeType(signal.Component);
  const size_t  bytes = H5Tget_size(native);
  const hsize_t channels = signal.Shape[0], spectra = signal.Shape[1];
  std::vector<char> stored(static_cast<size_t>(channels * spectra * bytes)), sent(stored.size());
  if (H5Dread(data.Get(), native, H5S_ALL, H5S_ALL, H5P_DEFAULT, stored.data()) < 0)
  {
    Fail(path, signal.Groups.front() + "/Data could not be read (HDF5 error)");
  }
  // Stored (channels, n): each spectrum's channels made contiguous.
  for (hsize_t c = 0; c < channels; ++c)
  {
    for (hsize_t s = 0; s < spectra; ++s)
    {
      std::memcpy(&sent[(s * channels + c) * bytes], &stored[(c * spectra + s) * bytes], bytes);
    }
  }
  channel.Send(sent.data(), sent.size());
}

// Where frames start in a stream, when the file records it and the record is consistent.
std::vector<std::uint64_t>
FrameLocations(hid_t file, const std::string & group, hsize_t values, const std::string & path)
{
  const std::string tablePath = group + "/FrameLocationTable";
  if (!EMHDF5Reading::Exists(file, tablePath))
  {
    return {};
  }
  const EMHDF5::DatasetShape shape = CheckedData(file, tablePath, path, 2);
  const Handle               table = OpenDataset(file, tablePath);
  std::vector<std::uint64_t> locations(static_cast<size_t>(shape.Bytes / shape.ElementSize));
  if (shape.Class != H5T_INTEGER ||
      H5Dread(table.Get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, locations.data()) < 0 ||
      !std::is_sorted(locations.begin(), locations.end()) || locations.empty() || locations.front() != 0 ||
      locations.back() > values)
  {
    return {};
  }
  return locations;
}

void
SendStreams(hid_t                     file,
            const Signal &            signal,
            const Selection &         selection,
            const std::string &       path,
            EMChildProcess::Channel & channel)
{
  for (const auto & group : signal.Groups)
  {
    const Handle               data = OpenDataset(file, group + "/Data");
    const EMHDF5::DatasetShape shape = CheckedData(file, group + "/Data", path, 2);
    const hsize_t              values = shape.Dimensions[0];
    // Skip the frames before the selection, and stop after it, where the file says where they are.
    const std::vector<std::uint64_t> locations = FrameLocations(file, group, values, path);
    hsize_t                          begin = 0, end = values;
    StreamRecord                     record;
    if (selection.FirstFrame < locations.size())
    {
      begin = locations[selection.FirstFrame];
      record.FirstFrame = selection.FirstFrame;
    }
    if (selection.LastFrame > 0 && selection.LastFrame < locations.size())
    {
      end = locations[selection.LastFrame];
    }
    record.Width = shape.ElementSize <= 2 ? 2 : 4;
    record.Count = end - begin;
    channel.Send(&record, sizeof(record));
    const hid_t        native = record.Width == 2 ? H5T_NATIVE_UINT16 : H5T_NATIVE_UINT32;
    std::vector<char>  piece(static_cast<size_t>(std::min(StreamPiece, std::max<hsize_t>(1, end - begin)) * record.Width));
    const Handle       space(H5Dget_space(data.Get()), H5Sclose);
    for (hsize_t start = begin; start < end; start += StreamPiece)
    {
      const hsize_t count[2] = { std::min(StreamPiece, end - start), 1 };
      const hsize_t offset[2] = { start, 0 };
      const Handle  memory(H5Screate_simple(1, count, nullptr), H5Sclose);
      if (H5Sselect_hyperslab(space.Get(), H5S_SELECT_SET, offset, nullptr, count, nullptr) < 0 ||
          H5Dread(data.Get(), native, memory.Get(), space.Get(), H5P_DEFAULT, piece.data()) < 0)
      {
        Fail(path, group + "/Data could not be read (HDF5 error)");
      }
      channel.Send(piece.data(), static_cast<size_t>(count[0] * record.Width));
    }
  }
}
} // namespace

void
SendData(const std::string &       path,
         const Selection &         selection,
         const ImageIORegion &     region,
         EMChildProcess::Channel & channel)
{
  const QuietErrors         quiet;
  const Handle              file = OpenVelox(path);
  MetadataReader            texts(file.Get(), path);
  const std::vector<Signal> signals = ListSignals(texts, path);
  const Signal &            signal = signals[Resolve(signals, selection, path)];
  switch (signal.Type)
  {
    case Kind::Image:
      SendImage(file.Get(), signal, selection, region, path, channel);
      break;
    case Kind::Spectrum:
      SendSpectrum(file.Get(), signal, path, channel);
      break;
    case Kind::SpectrumImage:
      SendStreams(file.Get(), signal, selection, path, channel);
      break;
    case Kind::EELSSpectrumImage:
      SendEELS(file.Get(), signal, region, path, channel);
      break;
  }
}
} // namespace VeloxEMDReading
} // end namespace itk
