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
#include "itkGatanDMTagTree.h"

#include "itkMacro.h"

#include <cstring>
#include <istream>
#include <limits>

namespace itk
{
namespace
{
constexpr unsigned int  MaximumDepth = 64;
constexpr SizeValueType MaximumInfoWords = 1024;
constexpr SizeValueType MaximumTags = 1000000;
constexpr SizeValueType DecodedNumbers = 16;
constexpr SizeValueType DecodedText = 1024;

// Appends the UTF-8 encoding of a code point.
void
AppendUTF8(std::string & out, unsigned int c)
{
  if (c < 0x80)
  {
    out += static_cast<char>(c);
  }
  else if (c < 0x800)
  {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  else if (c < 0x10000)
  {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  else
  {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}
} // namespace

// Reads from the stream with every access checked against the end it is given (the file's, a
// group's or an entry's).
class GatanDMTagTree::Reader
{
public:
  explicit Reader(std::istream & stream)
    : m_Stream(stream)
    , m_Start(static_cast<SizeValueType>(stream.tellg()))
  {}

  SizeValueType
  Position() const
  {
    return m_Position;
  }
  [[noreturn]] void
  Fail(const std::string & reason) const
  {
    itkGenericExceptionMacro(<< "GatanDMImageIO: " << reason << " at byte " << m_Position);
  }
  void
  Require(SizeValueType bytes, SizeValueType end) const
  {
    if (bytes > end || m_Position > end - bytes)
    {
      Fail("a field of " + std::to_string(bytes) + " bytes runs past its end (" + std::to_string(end) + ")");
    }
  }
  void
  Read(void * out, SizeValueType bytes, SizeValueType end)
  {
    Require(bytes, end);
    m_Stream.seekg(static_cast<std::streamoff>(m_Start + m_Position));
    m_Stream.read(static_cast<char *>(out), static_cast<std::streamsize>(bytes));
    if (!m_Stream)
    {
      Fail("the file could not be read");
    }
    m_Position += bytes;
  }
  void
  Skip(SizeValueType bytes, SizeValueType end)
  {
    Require(bytes, end);
    m_Position += bytes;
  }
  void
  SeekTo(SizeValueType position)
  {
    m_Position = position;
  }
  /** An unsigned integer of \a bytes bytes, big-endian or little-endian. */
  std::uint64_t
  Unsigned(unsigned int bytes, bool littleEndian, SizeValueType end)
  {
    unsigned char b[8];
    Read(b, bytes, end);
    std::uint64_t v = 0;
    for (unsigned int i = 0; i < bytes; ++i)
    {
      v = (v << 8) | b[littleEndian ? bytes - 1 - i : i];
    }
    return v;
  }
  /** A value of simple type \a code in the payload byte order, as double. */
  double
  Value(int code, bool littleEndian, SizeValueType end)
  {
    const unsigned int  size = TypeSize(code);
    const std::uint64_t v = Unsigned(size, littleEndian, end);
    switch (code)
    {
      case 2:
        return static_cast<std::int16_t>(v);
      case 3:
        return static_cast<std::int32_t>(v);
      case 4:
      case 5:
      case 8:
      case 10:
        return static_cast<double>(v);
      case 9:
        return static_cast<std::int8_t>(v);
      case 11:
        return static_cast<double>(static_cast<std::int64_t>(v));
      case 12:
        return static_cast<double>(v);
      case 6:
      {
        const auto bits = static_cast<std::uint32_t>(v);
        float      f;
        std::memcpy(&f, &bits, 4);
        return f;
      }
      case 7:
      {
        double d;
        std::memcpy(&d, &v, 8);
        return d;
      }
      default:
        Fail("unknown type code " + std::to_string(code));
    }
  }

private:
  std::istream & m_Stream;
  SizeValueType  m_Start;
  SizeValueType  m_Position{ 0 };
};

unsigned int
GatanDMTagTree::TypeSize(int code)
{
  switch (code)
  {
    case 2:
    case 4:
      return 2;
    case 3:
    case 5:
    case 6:
      return 4;
    case 7:
    case 11:
    case 12:
      return 8;
    case 8:
    case 9:
    case 10:
      return 1;
    default:
      return 0;
  }
}

void
GatanDMTagTree::Parse(std::istream & stream, SizeValueType size)
{
  m_Tags.clear();
  m_UnnamedEntries.clear();
  m_NumberOfTags = 0;
  Reader reader(stream);
  if (size < 16)
  {
    reader.Fail("a file of " + std::to_string(size) + " bytes is too short for a DM header");
  }
  m_Version = static_cast<int>(reader.Unsigned(4, false, size));
  if (m_Version != 3 && m_Version != 4)
  {
    reader.Fail("version " + std::to_string(m_Version) + " is not DM3 or DM4");
  }
  const std::uint64_t rootLength = reader.Unsigned(m_Version == 3 ? 4 : 8, false, size);
  const std::uint64_t order = reader.Unsigned(4, false, size);
  if (order > 1)
  {
    reader.Fail("byte-order flag " + std::to_string(order) + " is neither 0 nor 1");
  }
  m_LittleEndian = order == 1;
  if (rootLength > size - reader.Position())
  {
    reader.Fail("the root group (" + std::to_string(rootLength) + " bytes) is longer than the file");
  }
  this->ParseGroup(reader, "", 0, reader.Position() + rootLength);
}

void
GatanDMTagTree::ParseGroup(Reader & reader, const std::string & path, unsigned int depth, SizeValueType end)
{
  if (depth > MaximumDepth)
  {
    reader.Fail("tag groups nested deeper than " + std::to_string(MaximumDepth));
  }
  const unsigned int wide = m_Version == 3 ? 4 : 8;
  reader.Skip(2, end); // is_sorted, is_open
  const std::uint64_t count = reader.Unsigned(wide, false, end);
  if (count > (end - reader.Position()) / 3)
  {
    reader.Fail("a group of " + std::to_string(count) + " tags does not fit in its bytes");
  }
  SizeValueType unnamed = 0;
  for (std::uint64_t t = 0; t < count; ++t)
  {
    if (++m_NumberOfTags > MaximumTags)
    {
      reader.Fail("more than " + std::to_string(MaximumTags) + " tags");
    }
    const auto          kind = static_cast<int>(reader.Unsigned(1, false, end));
    const std::uint64_t labelLength = reader.Unsigned(2, false, end);
    std::string         label(labelLength, '\0');
    reader.Read(label.data(), labelLength, end);
    if (label.empty())
    {
      label = "[" + std::to_string(unnamed++) + "]";
    }
    SizeValueType entryEnd = end;
    if (m_Version == 4)
    {
      const std::uint64_t length = reader.Unsigned(8, false, end);
      if (length > end - reader.Position())
      {
        reader.Fail("tag " + label + " declares " + std::to_string(length) + " bytes past its group");
      }
      entryEnd = reader.Position() + length;
    }
    const std::string child = path.empty() ? label : path + "." + label;
    if (kind == 20)
    {
      this->ParseGroup(reader, child, depth + 1, entryEnd);
    }
    else if (kind == 21)
    {
      this->ParseData(reader, child, entryEnd);
    }
    else
    {
      reader.Fail("tag kind " + std::to_string(kind) + " (neither group 20 nor data 21)");
    }
    if (m_Version == 4)
    {
      reader.SeekTo(entryEnd); // the declared length wins (it was checked to fit)
    }
  }
  m_UnnamedEntries[path] = unnamed;
}

void
GatanDMTagTree::ParseData(Reader & reader, const std::string & path, SizeValueType end)
{
  const unsigned int wide = m_Version == 3 ? 4 : 8;
  char               marker[4];
  reader.Read(marker, 4, end);
  if (std::memcmp(marker, "%%%%", 4) != 0)
  {
    reader.Fail("data tag " + path + " lacks its %%%% marker");
  }
  const std::uint64_t words = reader.Unsigned(wide, false, end);
  if (words == 0 || words > MaximumInfoWords)
  {
    reader.Fail("data tag " + path + " has " + std::to_string(words) + " info words");
  }
  reader.Require(words * wide, end);
  std::vector<std::uint64_t> info(words);
  for (auto & word : info)
  {
    word = reader.Unsigned(wide, false, end);
  }
  const bool little = m_LittleEndian;
  Tag        tag;
  const auto structFields = [&](SizeValueType first, SizeValueType expectedWords) {
    // info[first] = 15, then name_len, n_fields, (name_len, type) x n_fields: the field types.
    if (words < first + 3)
    {
      reader.Fail("struct tag " + path + " is too short");
    }
    const std::uint64_t fields = info[first + 2];
    if (fields == 0 || fields > 256 || words != expectedWords + 2 * fields)
    {
      reader.Fail("struct tag " + path + " has " + std::to_string(fields) + " fields in " + std::to_string(words) +
                  " info words");
    }
    std::vector<int> types;
    for (std::uint64_t f = 0; f < fields; ++f)
    {
      const auto type = static_cast<int>(info[first + 4 + 2 * f]);
      if (TypeSize(type) == 0)
      {
        reader.Fail("struct tag " + path + " has a field of unknown type " + std::to_string(type));
      }
      types.push_back(type);
    }
    return types;
  };
  const auto code = static_cast<int>(info[0]);
  if (TypeSize(code) > 0)
  {
    if (words != 1)
    {
      reader.Fail("simple tag " + path + " has " + std::to_string(words) + " info words");
    }
    tag.ElementType = code;
    tag.Offset = reader.Position();
    tag.Bytes = TypeSize(code);
    tag.Numbers.push_back(reader.Value(code, little, end));
  }
  else if (code == 18)
  {
    if (words != 2)
    {
      reader.Fail("string tag " + path + " has " + std::to_string(words) + " info words");
    }
    tag.ElementType = 18;
    tag.Offset = reader.Position();
    tag.Bytes = info[1];
    reader.Skip(info[1], end);
  }
  else if (code == 15)
  {
    tag.ElementType = 15;
    tag.Offset = reader.Position();
    for (const int type : structFields(0, 3))
    {
      tag.Numbers.push_back(reader.Value(type, little, end));
      tag.Bytes += TypeSize(type);
    }
  }
  else if (code == 20)
  {
    if (words < 3)
    {
      reader.Fail("array tag " + path + " has " + std::to_string(words) + " info words");
    }
    const auto element = static_cast<int>(info[1]);
    tag.IsArray = true;
    tag.ElementType = element;
    tag.Count = info[words - 1];
    SizeValueType elementSize = TypeSize(element);
    std::vector<int> fieldTypes;
    if (element == 15)
    {
      fieldTypes = structFields(1, 5);
      elementSize = 0;
      for (const int type : fieldTypes)
      {
        elementSize += TypeSize(type);
      }
    }
    else if (elementSize == 0)
    {
      if (m_Version == 4 && (element == 18 || element == 20))
      {
        return; // nested arrays: skipped through the entry length
      }
      reader.Fail("array tag " + path + " has elements of unsupported type " + std::to_string(element));
    }
    else if (words != 3)
    {
      reader.Fail("array tag " + path + " has " + std::to_string(words) + " info words");
    }
    if (tag.Count > std::numeric_limits<SizeValueType>::max() / elementSize)
    {
      reader.Fail("array tag " + path + " is too large");
    }
    tag.Offset = reader.Position();
    tag.Bytes = tag.Count * elementSize;
    reader.Require(tag.Bytes, end);
    if (element == 4 && tag.Count <= DecodedText)
    {
      tag.HasText = true;
      for (SizeValueType i = 0; i < tag.Count; ++i)
      {
        auto unit = static_cast<unsigned int>(reader.Value(4, little, end));
        if (unit >= 0xD800 && unit < 0xDC00 && i + 1 < tag.Count)
        {
          const auto low = static_cast<unsigned int>(reader.Value(4, little, end));
          ++i;
          unit = (low >= 0xDC00 && low < 0xE000) ? 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD;
        }
        else if (unit >= 0xD800 && unit < 0xE000)
        {
          unit = 0xFFFD; // an unpaired surrogate
        }
        AppendUTF8(tag.Text, unit);
      }
    }
    else if (element != 15 && tag.Count <= DecodedNumbers)
    {
      for (SizeValueType i = 0; i < tag.Count; ++i)
      {
        tag.Numbers.push_back(reader.Value(element, little, end));
      }
    }
    reader.SeekTo(tag.Offset);
    reader.Skip(tag.Bytes, end);
  }
  else
  {
    reader.Fail("data tag " + path + " has unknown type code " + std::to_string(code));
  }
  m_Tags[path] = std::move(tag);
}

auto
GatanDMTagTree::Find(const std::string & path) const -> const Tag *
{
  const auto found = m_Tags.find(path);
  return found == m_Tags.end() ? nullptr : &found->second;
}

double
GatanDMTagTree::GetNumber(const std::string & path, double fallback) const
{
  const Tag * tag = this->Find(path);
  return tag != nullptr && !tag->Numbers.empty() ? tag->Numbers.front() : fallback;
}

std::string
GatanDMTagTree::GetText(const std::string & path) const
{
  const Tag * tag = this->Find(path);
  return tag != nullptr ? tag->Text : std::string();
}

SizeValueType
GatanDMTagTree::CountEntries(const std::string & path) const
{
  const auto found = m_UnnamedEntries.find(path);
  return found == m_UnnamedEntries.end() ? 0 : found->second;
}
} // end namespace itk
