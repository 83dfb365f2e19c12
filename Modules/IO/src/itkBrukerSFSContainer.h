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
#ifndef itkBrukerSFSContainer_h
#define itkBrukerSFSContainer_h

#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace itk
{
/** The single-file system a Bruker .bcf file is (AidAim SFS): a header, then chunks of a fixed
 * size. Each chunk has 32 bytes of header (the next chunk of a chained table at its start) and
 * its data; a tree of 512-byte entries names the files and folders, and each file has a table
 * of the chunks that hold it. Files may be zlib-compressed in blocks (an "AACS" header, then
 * blocks of a 16-byte header and the compressed bytes).
 *
 * Every offset, size and count is checked against the file before it is used; a malformed
 * container gives an itk::ExceptionObject naming what is wrong. Private to BrukerBCFImageIO. */
class BrukerSFSContainer
{
public:
  /** Opens and checks \a path; throws when it is not an SFS container or is malformed. */
  explicit BrukerSFSContainer(const std::string & path);

  /** Whether the 8 bytes at the start of \a path are the SFS signature. */
  static bool
  HasSignature(const std::string & path);

  /** The paths ("EDSDatabase/HeaderData") of the files it holds. */
  std::vector<std::string>
  GetFiles() const;

  bool
  Has(const std::string & file) const;

  /** The whole content of \a file (decompressed); throws beyond \a largest bytes. */
  std::string
  Read(const std::string & file, std::uint64_t largest) const;

  /** The content of \a file (decompressed) in pieces, in order; \a receive returns false to stop. */
  void
  ForEachPiece(const std::string & file, const std::function<bool(const char *, size_t)> & receive) const;

private:
  struct Entry
  {
    std::string                Path;
    std::uint64_t              Size{ 0 };
    bool                       Folder{ false };
    std::vector<std::uint64_t> Chunks; // file offsets of the data of each chunk
  };

  const Entry &
  Find(const std::string & file) const;
  std::string
  ReadStored(const Entry & entry, std::uint64_t offset, std::uint64_t length) const;
  std::string
  ReadAt(std::uint64_t offset, std::uint64_t length) const;
  std::vector<std::uint64_t>
  ChainedChunks(std::uint32_t first, std::uint64_t count) const;
  [[noreturn]] void
  Fail(const std::string & reason) const;

  std::string           m_Path;
  mutable std::ifstream m_File;
  std::uint64_t         m_FileSize{ 0 };
  std::uint64_t         m_ChunkSize{ 0 };
  std::uint64_t         m_Usable{ 0 }; // data bytes per chunk
  bool                  m_Compressed{ false };
  std::vector<Entry>    m_Entries;
};
} // end namespace itk

#endif
