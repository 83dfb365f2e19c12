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
#ifndef itkGatanDMTagTree_h
#define itkGatanDMTagTree_h

#include "AnalyticalEMIOExport.h"
#include "itkIntTypes.h"

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace itk
{
/** \class GatanDMTagTree
 * \brief The tag tree of a Gatan DigitalMicrograph DM3 or DM4 file, parsed with every read
 * bounded by the file size.
 *
 * Header fields and tag structure are big-endian; payloads use the byte order the header gives.
 * Tags are stored under dot-joined paths ("ImageList.[1].ImageData.DataType"), unnamed list
 * entries as [0], [1], ... in order. A data tag keeps its element type code, its element count,
 * and the file offset and size of its payload, so that large arrays (the pixels) are read later
 * without being held here; scalars, structs and arrays of up to 16 numbers are decoded, and arrays
 * of uint16 up to 1024 long (DM's UTF-16 text) as text.
 *
 * Parse() throws an itk::ExceptionObject naming the byte offset for anything malformed: a wrong
 * version or byte-order flag, a root longer than the file, a tag kind other than group (20) or
 * data (21), a missing "%%%%", unknown type codes, a count or length past the end of its
 * parent, more than 1024 info words, structs of 0 or more than 256 fields, nesting deeper than
 * 64 groups, or more than a million tags.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT GatanDMTagTree
{
public:
  struct Tag
  {
    int                 ElementType{ 0 }; // DM type code of the elements (15: struct)
    bool                IsArray{ false };
    SizeValueType       Count{ 1 };       // elements (1 for a scalar or struct)
    SizeValueType       Offset{ 0 };      // payload position in the file
    SizeValueType       Bytes{ 0 };       // payload size
    std::vector<double> Numbers;          // decoded values (scalars, structs, short arrays)
    std::string         Text;             // decoded UTF-16 text (uint16 arrays)
    bool                HasText{ false };
  };

  /** Parses the tag tree of the \a size bytes of \a stream (positioned anywhere). */
  void
  Parse(std::istream & stream, SizeValueType size);

  int
  GetVersion() const
  {
    return m_Version;
  }
  bool
  IsLittleEndian() const
  {
    return m_LittleEndian;
  }
  const std::map<std::string, Tag> &
  GetTags() const
  {
    return m_Tags;
  }
  /** The tag at \a path, or null. */
  const Tag *
  Find(const std::string & path) const;
  /** The first decoded number of the tag at \a path, or \a fallback. */
  double
  GetNumber(const std::string & path, double fallback) const;
  /** The text of the tag at \a path, or "". */
  std::string
  GetText(const std::string & path) const;
  /** The number of unnamed entries [0], [1], ... directly below the group \a path. */
  SizeValueType
  CountEntries(const std::string & path) const;

  /** Size in bytes of a simple DM type code, 0 for others. */
  static unsigned int
  TypeSize(int code);

private:
  class Reader;
  void
  ParseGroup(Reader & reader, const std::string & path, unsigned int depth, SizeValueType end);
  void
  ParseData(Reader & reader, const std::string & path, SizeValueType end);

  int                        m_Version{ 0 };
  bool                       m_LittleEndian{ true };
  std::map<std::string, Tag>           m_Tags;
  std::map<std::string, SizeValueType> m_UnnamedEntries; // per group path
  SizeValueType                        m_NumberOfTags{ 0 };
};
} // end namespace itk

#endif
