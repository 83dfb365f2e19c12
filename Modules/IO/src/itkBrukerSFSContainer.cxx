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
#include "itkBrukerSFSContainer.h"

#include "itkMacro.h"

#include "itksys/SystemTools.hxx"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace itk
{
namespace
{
constexpr char          Signature[8] = { 'A', 'A', 'M', 'V', 'H', 'F', 'S', 'S' };
constexpr std::uint64_t EntryBytes = 0x200;
constexpr std::uint64_t ChunkHeader = 0x118;  // where a chunk's 32-byte header lies, from its start
constexpr std::uint64_t ChunkData = 0x138;    // where its data begins
constexpr std::uint64_t FirstBlock = 0x80;    // the first compressed block in a compressed file
constexpr std::uint64_t MaximumEntries = 1u << 20;
constexpr std::uint64_t MaximumBlockBytes = std::uint64_t(1) << 28;

template <typename T>
T
Little(const char * bytes)
{
  T value{};
  std::memcpy(&value, bytes, sizeof(T)); // the format is little-endian, as are the hosts built for
  return value;
}
} // namespace

bool
BrukerSFSContainer::HasSignature(const std::string & path)
{
  std::ifstream file(path, std::ios::binary);
  char          bytes[sizeof(Signature)] = {};
  return file.read(bytes, sizeof(bytes)) && std::memcmp(bytes, Signature, sizeof(Signature)) == 0;
}

void
BrukerSFSContainer::Fail(const std::string & reason) const
{
  itkGenericExceptionMacro(<< "BrukerBCFImageIO: " << m_Path << ": " << reason);
}

std::string
BrukerSFSContainer::ReadAt(std::uint64_t offset, std::uint64_t length) const
{
  if (offset > m_FileSize || length > m_FileSize - offset)
  {
    this->Fail("it points beyond its end (offset " + std::to_string(offset) + ", " + std::to_string(length) +
               " bytes, file of " + std::to_string(m_FileSize) + ")");
  }
  std::string bytes(static_cast<size_t>(length), '\0');
  m_File.clear();
  if (!m_File.seekg(static_cast<std::streamoff>(offset)) || !m_File.read(bytes.data(), static_cast<std::streamsize>(length)))
  {
    this->Fail("it could not be read at offset " + std::to_string(offset));
  }
  return bytes;
}

// The data of \a count chunks whose table continues from chunk to chunk: each chunk's header
// starts with the number of the next.
std::vector<std::uint64_t>
BrukerSFSContainer::ChainedChunks(std::uint32_t first, std::uint64_t count) const
{
  std::vector<std::uint64_t> chunks;
  std::uint64_t              chunk = first;
  for (std::uint64_t i = 0; i < count; ++i)
  {
    chunks.push_back(chunk * m_ChunkSize + ChunkData);
    if (i + 1 < count)
    {
      chunk = Little<std::uint32_t>(this->ReadAt(chunk * m_ChunkSize + ChunkHeader, 4).data());
    }
  }
  return chunks;
}

BrukerSFSContainer::BrukerSFSContainer(const std::string & path)
  : m_Path(path)
  , m_File(path, std::ios::binary)
{
  if (!m_File)
  {
    this->Fail("it cannot be opened");
  }
  m_FileSize = itksys::SystemTools::FileLength(path);
  if (m_FileSize < 0x150 || this->ReadAt(0, sizeof(Signature)) != std::string(Signature, sizeof(Signature)))
  {
    this->Fail("not a Bruker SFS container (no AAMVHFSS signature)");
  }
  const std::string header = this->ReadAt(0x124, 0x28);
  m_ChunkSize = Little<std::uint32_t>(header.data() + 4);
  if (m_ChunkSize < ChunkData + EntryBytes || m_ChunkSize > (std::uint64_t(1) << 24))
  {
    this->Fail("a chunk size of " + std::to_string(m_ChunkSize) + " bytes");
  }
  m_Usable = m_ChunkSize - 32;
  const std::uint32_t treeChunk = Little<std::uint32_t>(header.data() + 0x1C);
  const std::uint64_t entries = Little<std::uint32_t>(header.data() + 0x20);
  if (entries == 0 || entries > MaximumEntries || entries * EntryBytes > m_FileSize)
  {
    this->Fail(std::to_string(entries) + " entries in its file tree");
  }

  // The tree: 512-byte entries, as many per chunk as fit, the chunks chained.
  const std::uint64_t perChunk = m_Usable / EntryBytes;
  const std::uint64_t treeChunks = (entries + perChunk - 1) / perChunk;
  std::string         tree;
  for (const std::uint64_t offset : this->ChainedChunks(treeChunk, treeChunks))
  {
    tree += this->ReadAt(offset, std::min(perChunk, entries - tree.size() / EntryBytes) * EntryBytes);
  }
  std::vector<std::int32_t> parents;
  for (std::uint64_t e = 0; e < entries; ++e)
  {
    const char * raw = tree.data() + e * EntryBytes;
    Entry        entry;
    entry.Size = Little<std::uint64_t>(raw + 4);
    entry.Folder = raw[220] != 0;
    entry.Path.assign(raw + 224, strnlen(raw + 224, 256));
    parents.push_back(Little<std::int32_t>(raw + 40));
    if (!entry.Folder)
    {
      if (entry.Size > m_FileSize * 2 + (std::uint64_t(1) << 20))
      {
        // Stored bytes cannot exceed the container (compressed files are stored compressed).
        this->Fail(entry.Path + " declares " + std::to_string(entry.Size) + " bytes");
      }
      const std::uint64_t chunks = (entry.Size + m_Usable - 1) / m_Usable;
      const std::uint64_t pointersPerChunk = m_Usable / 4;
      const std::uint64_t tableChunks = std::max<std::uint64_t>(1, (chunks + pointersPerChunk - 1) / pointersPerChunk);
      std::string         table;
      for (const std::uint64_t offset : this->ChainedChunks(Little<std::uint32_t>(raw), tableChunks))
      {
        table += this->ReadAt(offset, std::min<std::uint64_t>(m_Usable, (chunks - table.size() / 4) * 4));
      }
      for (std::uint64_t c = 0; c < chunks; ++c)
      {
        const std::uint64_t offset = Little<std::uint32_t>(table.data() + c * 4) * m_ChunkSize + ChunkData;
        const std::uint64_t length = c + 1 < chunks ? m_Usable : entry.Size - c * m_Usable;
        if (offset > m_FileSize || length > m_FileSize - offset)
        {
          this->Fail(entry.Path + " has a chunk beyond the end of the file (truncated or corrupt)");
        }
        entry.Chunks.push_back(offset);
      }
    }
    m_Entries.push_back(std::move(entry));
  }
  // Paths from the parents (-1: the root), each chain checked for cycles.
  for (std::uint64_t e = 0; e < entries; ++e)
  {
    std::string  path = m_Entries[e].Path;
    std::int32_t parent = parents[e];
    for (std::uint64_t depth = 0; parent != -1; ++depth)
    {
      if (parent < 0 || static_cast<std::uint64_t>(parent) >= entries || depth > entries)
      {
        this->Fail("its file tree is malformed");
      }
      path = m_Entries[parent].Path + "/" + path;
      parent = parents[parent];
    }
    m_Entries[e].Path = path;
  }
  // Compression is the container's: the first file tells.
  for (const auto & entry : m_Entries)
  {
    if (!entry.Folder && entry.Size >= 4)
    {
      m_Compressed = this->ReadStored(entry, 0, 4) == "AACS";
      break;
    }
  }
}

std::vector<std::string>
BrukerSFSContainer::GetFiles() const
{
  std::vector<std::string> files;
  for (const auto & entry : m_Entries)
  {
    if (!entry.Folder)
    {
      files.push_back(entry.Path);
    }
  }
  return files;
}

bool
BrukerSFSContainer::Has(const std::string & file) const
{
  return std::any_of(m_Entries.begin(), m_Entries.end(), [&](const Entry & e) { return !e.Folder && e.Path == file; });
}

const BrukerSFSContainer::Entry &
BrukerSFSContainer::Find(const std::string & file) const
{
  for (const auto & entry : m_Entries)
  {
    if (!entry.Folder && entry.Path == file)
    {
      return entry;
    }
  }
  this->Fail("no " + file + " in the container");
}

// Stored bytes [offset, offset + length) of a file, across its chunks.
std::string
BrukerSFSContainer::ReadStored(const Entry & entry, std::uint64_t offset, std::uint64_t length) const
{
  if (offset > entry.Size || length > entry.Size - offset)
  {
    this->Fail(entry.Path + ": a read beyond its " + std::to_string(entry.Size) + " bytes");
  }
  std::string bytes;
  bytes.reserve(static_cast<size_t>(length));
  while (length > 0)
  {
    const std::uint64_t chunk = offset / m_Usable, within = offset % m_Usable;
    const std::uint64_t take = std::min(length, m_Usable - within);
    bytes += this->ReadAt(entry.Chunks[chunk] + within, take);
    offset += take;
    length -= take;
  }
  return bytes;
}

void
BrukerSFSContainer::ForEachPiece(const std::string & file, const std::function<bool(const char *, size_t)> & receive) const
{
  const Entry & entry = this->Find(file);
  if (!m_Compressed)
  {
    for (std::uint64_t offset = 0; offset < entry.Size; offset += m_Usable)
    {
      const std::string piece = this->ReadStored(entry, offset, std::min(m_Usable, entry.Size - offset));
      if (!receive(piece.data(), piece.size()))
      {
        return;
      }
    }
    return;
  }
  const std::string header = this->ReadStored(entry, 0, 16);
  const auto        blockBytes = Little<std::uint32_t>(header.data() + 4);
  const auto        blocks = Little<std::uint32_t>(header.data() + 12);
  if (header.compare(0, 4, "AACS") != 0 || blockBytes == 0 || blockBytes > MaximumBlockBytes)
  {
    this->Fail(file + ": a compressed file without a valid AACS header");
  }
  std::string   block(blockBytes, '\0');
  std::uint64_t offset = FirstBlock;
  for (std::uint32_t b = 0; b < blocks; ++b)
  {
    const auto compressedBytes = Little<std::uint32_t>(this->ReadStored(entry, offset, 16).data());
    offset += 16;
    const std::string compressed = this->ReadStored(entry, offset, compressedBytes);
    offset += compressedBytes;
    uLongf    produced = blockBytes;
    const int status = uncompress(reinterpret_cast<Bytef *>(block.data()),
                                  &produced,
                                  reinterpret_cast<const Bytef *>(compressed.data()),
                                  static_cast<uLong>(compressed.size()));
    if (status != Z_OK)
    {
      this->Fail(file + ": compressed block " + std::to_string(b) + " does not decompress (zlib error " +
                 std::to_string(status) + ")");
    }
    if (!receive(block.data(), produced))
    {
      return;
    }
  }
}

std::string
BrukerSFSContainer::Read(const std::string & file, std::uint64_t largest) const
{
  std::string content;
  this->ForEachPiece(file,
                     [&](const char * data, size_t size)
                     {
                       if (content.size() + size > largest)
                       {
                         this->Fail(file + " is larger than " + std::to_string(largest) + " bytes");
                       }
                       content.append(data, size);
                       return true;
                     });
  return content;
}
} // end namespace itk
