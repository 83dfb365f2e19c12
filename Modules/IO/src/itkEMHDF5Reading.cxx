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
#include "itkEMHDF5Reading.h"

#include "itkEMChildProcess.h"
#include "itkEMMetaData.h"

#include "itksys/SystemTools.hxx"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>

namespace itk
{
namespace EMHDF5Reading
{
namespace
{
// Serialisation of the header: lengths and numbers as 64-bit values, strings as length + bytes.
class Writer
{
public:
  void
  Number(std::uint64_t value)
  {
    Text.append(reinterpret_cast<const char *>(&value), sizeof(value));
  }
  void
  Real(double value)
  {
    Text.append(reinterpret_cast<const char *>(&value), sizeof(value));
  }
  void
  String(const std::string & value)
  {
    this->Number(value.size());
    Text += value;
  }
  std::string Text;
};

class Reader
{
public:
  Reader(const std::string & text, const std::string & reader) : m_Text(text), m_ReaderName(reader) {}
  std::uint64_t
  Number(std::uint64_t largest)
  {
    std::uint64_t value = 0;
    this->Take(&value, sizeof(value));
    if (value > largest)
    {
      this->Fail();
    }
    return value;
  }
  double
  Real()
  {
    double value = 0.0;
    this->Take(&value, sizeof(value));
    if (!std::isfinite(value))
    {
      this->Fail();
    }
    return value;
  }
  std::string
  String()
  {
    const auto  size = static_cast<size_t>(this->Number(m_Text.size() - m_Position));
    std::string value = m_Text.substr(m_Position, size);
    m_Position += size;
    return value;
  }
  bool
  AtEnd() const
  {
    return m_Position == m_Text.size();
  }
  [[noreturn]] void
  Fail() const
  {
    itkGenericExceptionMacro(<< m_ReaderName << ": the reader process sent a malformed header");
  }

private:
  void
  Take(void * value, size_t size)
  {
    if (m_Text.size() - m_Position < size)
    {
      this->Fail();
    }
    std::memcpy(value, m_Text.data() + m_Position, size);
    m_Position += size;
  }
  const std::string & m_Text;
  const std::string & m_ReaderName;
  size_t              m_Position{ 0 };
};
} // namespace

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

IOComponentEnum
ComponentOf(const EMHDF5::DatasetShape & shape)
{
  if (shape.Class == H5T_FLOAT)
  {
    return shape.ElementSize == 4 ? IOComponentEnum::FLOAT : IOComponentEnum::DOUBLE;
  }
  switch (shape.ElementSize)
  {
    case 1:
      return shape.Signed ? IOComponentEnum::CHAR : IOComponentEnum::UCHAR;
    case 2:
      return shape.Signed ? IOComponentEnum::SHORT : IOComponentEnum::USHORT;
    case 4:
      return shape.Signed ? IOComponentEnum::INT : IOComponentEnum::UINT;
    default:
      return shape.Signed ? IOComponentEnum::LONGLONG : IOComponentEnum::ULONGLONG;
  }
}

bool
HasHDF5Signature(const std::string & path)
{
  static const char signature[8] = { '\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n' };
  std::ifstream     file(path, std::ios::binary);
  const auto        size = static_cast<std::uint64_t>(itksys::SystemTools::FileLength(path));
  for (std::uint64_t offset = 0; file && offset + sizeof(signature) <= size; offset = offset == 0 ? 512 : offset * 2)
  {
    char bytes[sizeof(signature)];
    if (file.seekg(static_cast<std::streamoff>(offset)).read(bytes, sizeof(bytes)) &&
        std::memcmp(bytes, signature, sizeof(signature)) == 0)
    {
      return true;
    }
  }
  return false;
}

hid_t
NativeType(IOComponentEnum component)
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
Serialize(const Header & header)
{
  Writer out;
  out.Number(header.NumberOfSignals);
  out.String(header.DataPath);
  out.Number(static_cast<std::uint64_t>(header.Component));
  out.Number(header.Pixel == IOPixelEnum::SCALAR ? 0 : 1);
  out.Number(header.MapsFirst ? 1 : 0);
  out.Number(header.Components);
  out.Number(header.Dimensions.size());
  for (size_t d = 0; d < header.Dimensions.size(); ++d)
  {
    out.Number(header.Dimensions[d]);
    out.Real(header.Spacing[d]);
    out.Real(header.Origin[d]);
  }
  out.String(header.Warning);
  out.Number(header.Signals.size());
  for (const auto & signal : header.Signals)
  {
    out.String(signal);
  }
  out.Number(header.Entries.size());
  for (const auto & [key, value] : header.Entries)
  {
    out.String(key);
    out.String(value);
  }
  return out.Text;
}

Header
Deserialize(const std::string & text, const std::string & reader)
{
  constexpr std::uint64_t largest = std::uint64_t(1) << 48;
  Reader                  in(text, reader);
  Header                  header;
  header.NumberOfSignals = static_cast<unsigned int>(in.Number(MaximumNumberOfSignals));
  header.DataPath = in.String();
  const auto component = static_cast<IOComponentEnum>(in.Number(static_cast<std::uint64_t>(IOComponentEnum::DOUBLE)));
  if (NativeType(component) < 0)
  {
    in.Fail();
  }
  header.Component = component;
  header.Pixel = in.Number(1) == 0 ? IOPixelEnum::SCALAR : IOPixelEnum::VECTOR;
  header.MapsFirst = in.Number(1) == 1;
  header.Components = static_cast<unsigned int>(in.Number(std::numeric_limits<unsigned int>::max()));
  const auto    dimensions = in.Number(3);
  std::uint64_t pixels = header.Components;
  for (std::uint64_t d = 0; d < dimensions; ++d)
  {
    header.Dimensions.push_back(in.Number(largest));
    header.Spacing.push_back(in.Real());
    header.Origin.push_back(in.Real());
    if (header.Dimensions.back() == 0 || pixels == 0 || header.Dimensions.back() > largest / pixels)
    {
      in.Fail();
    }
    pixels *= header.Dimensions.back();
  }
  header.Warning = in.String();
  const auto signals = in.Number(MaximumNumberOfSignals);
  for (std::uint64_t s = 0; s < signals; ++s)
  {
    header.Signals.push_back(in.String());
  }
  const auto entries = in.Number(10000);
  for (std::uint64_t e = 0; e < entries; ++e)
  {
    std::string key = in.String();
    header.Entries.emplace_back(std::move(key), in.String());
  }
  if (dimensions == 0 || !in.AtEnd())
  {
    in.Fail();
  }
  return header;
}
Header
ReadInChildProcess(const std::function<Header()> & read, const std::string & what)
{
  std::string answer;
  EMChildProcess::Run(
    [&](EMChildProcess::Channel & channel)
    {
      const std::string text = Serialize(read());
      channel.Send(text.data(), text.size());
    },
    [&](const char * data, size_t size)
    {
      if (answer.size() + size > (size_t(1) << 24))
      {
        itkGenericExceptionMacro(<< what << ": the reader process sent an oversized header");
      }
      answer.append(data, size);
    },
    what);
  return Deserialize(answer, what);
}

void
ApplyTo(const Header & header, ImageIOBase & io)
{
  MetaDataDictionary & dictionary = io.GetMetaDataDictionary();
  for (const auto & [key, value] : header.Entries)
  {
    EMMetaData::SetString(dictionary, key, value);
  }
  io.SetNumberOfDimensions(static_cast<unsigned int>(header.Dimensions.size()));
  io.SetPixelType(header.Pixel);
  io.SetComponentType(header.Component);
  io.SetNumberOfComponents(header.Components);
  for (unsigned int d = 0; d < header.Dimensions.size(); ++d)
  {
    io.SetDimensions(d, header.Dimensions[d]);
    io.SetSpacing(d, header.Spacing[d]);
    io.SetOrigin(d, header.Origin[d]);
  }
}
} // namespace EMHDF5Reading
} // end namespace itk
