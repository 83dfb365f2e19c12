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
#ifndef itkEMHDF5Checks_h
#define itkEMHDF5Checks_h

// Reading HDF5 files that may be hostile: every attribute's class, rank and size and every
// dataset's shape, element type, layout, filters and stored bytes are checked before anything is
// read, so a malformed file gives an exception instead of an overflow or a giant allocation.
// Include only from source files of modules that depend on ITKHDF5.

#include "itkEMHDF5Support.h"
#include "itkMacro.h"

#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace itk
{
namespace EMHDF5
{
enum class AttributeStatus
{
  Absent,
  Read,
  Malformed // present, but not one value of the expected kind
};

// Longest string attribute read; HyperSpy's titles and units are far shorter.
constexpr size_t MaximumStringLength = 65536;
// deflate's largest compression ratio is about 1032:1; filtered data that claims more is corrupt.
constexpr hsize_t MaximumCompressionRatio = 1100;

inline bool
HasOneElement(hid_t attribute)
{
  const Handle space(H5Aget_space(attribute), H5Sclose);
  return space.IsValid() && H5Sget_simple_extent_type(space.Get()) != H5S_NULL &&
         H5Sget_simple_extent_npoints(space.Get()) == 1;
}

/** One string (fixed or variable length, any character set) stored as attribute \a name. */
inline AttributeStatus
ReadStringAttribute(hid_t object, const char * name, std::string & value)
{
  if (H5Aexists(object, name) <= 0)
  {
    return AttributeStatus::Absent;
  }
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  const Handle type(attribute.IsValid() ? H5Aget_type(attribute.Get()) : -1, H5Tclose);
  if (!type.IsValid() || H5Tget_class(type.Get()) != H5T_STRING || !HasOneElement(attribute.Get()))
  {
    return AttributeStatus::Malformed;
  }
  const htri_t variable = H5Tis_variable_str(type.Get());
  if (variable < 0)
  {
    return AttributeStatus::Malformed;
  }
  if (variable > 0)
  {
    const Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory.Get(), H5T_VARIABLE);
    H5Tset_cset(memory.Get(), H5Tget_cset(type.Get()));
    char * text = nullptr;
    if (H5Aread(attribute.Get(), memory.Get(), &text) < 0 || text == nullptr)
    {
      return AttributeStatus::Malformed;
    }
    value.assign(text, strnlen(text, MaximumStringLength));
    H5free_memory(text);
    return AttributeStatus::Read;
  }
  const size_t size = H5Tget_size(type.Get());
  if (size == 0 || size > MaximumStringLength)
  {
    return AttributeStatus::Malformed;
  }
  std::string buffer(size, '\0');
  if (H5Aread(attribute.Get(), type.Get(), buffer.data()) < 0)
  {
    return AttributeStatus::Malformed;
  }
  value = buffer.substr(0, buffer.find('\0'));
  return AttributeStatus::Read;
}

/** At most \a largest strings (fixed or variable length) of an attribute or dataset of type \a type
 * and space \a space, one string or a one-dimensional array of them; \a read(memoryType, buffer)
 * reads the whole object. */
template <typename TRead>
AttributeStatus
ReadStringList(hid_t type, hid_t space, const TRead & read, std::vector<std::string> & values, hsize_t largest)
{
  values.clear();
  if (type < 0 || space < 0 || H5Tget_class(type) != H5T_STRING || H5Sget_simple_extent_ndims(space) > 1)
  {
    return AttributeStatus::Malformed;
  }
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  const htri_t   variable = H5Tis_variable_str(type);
  const size_t   size = H5Tget_size(type);
  if (count < 1 || static_cast<hsize_t>(count) > largest || variable < 0 ||
      (variable == 0 && (size == 0 || size * static_cast<size_t>(count) > MaximumStringLength)))
  {
    return AttributeStatus::Malformed;
  }
  if (variable > 0)
  {
    const Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory.Get(), H5T_VARIABLE);
    H5Tset_cset(memory.Get(), H5Tget_cset(type));
    std::vector<char *> texts(static_cast<size_t>(count), nullptr);
    if (read(memory.Get(), static_cast<void *>(texts.data())) < 0)
    {
      return AttributeStatus::Malformed;
    }
    for (char * text : texts)
    {
      values.emplace_back(text != nullptr ? std::string(text, strnlen(text, MaximumStringLength)) : std::string());
      H5free_memory(text);
    }
    return AttributeStatus::Read;
  }
  std::string buffer(size * static_cast<size_t>(count), '\0');
  if (read(type, static_cast<void *>(buffer.data())) < 0)
  {
    return AttributeStatus::Malformed;
  }
  for (hssize_t i = 0; i < count; ++i)
  {
    const std::string item = buffer.substr(static_cast<size_t>(i) * size, size);
    values.push_back(item.substr(0, item.find('\0')));
  }
  return AttributeStatus::Read;
}

/** At most \a largest strings stored as attribute \a name (see ReadStringList). */
inline AttributeStatus
ReadStringListAttribute(hid_t object, const char * name, std::vector<std::string> & values, hsize_t largest = 4096)
{
  values.clear();
  if (H5Aexists(object, name) <= 0)
  {
    return AttributeStatus::Absent;
  }
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  const Handle type(attribute.IsValid() ? H5Aget_type(attribute.Get()) : -1, H5Tclose);
  const Handle space(attribute.IsValid() ? H5Aget_space(attribute.Get()) : -1, H5Sclose);
  return ReadStringList(
    type.Get(), space.Get(), [&](hid_t memory, void * buffer) { return H5Aread(attribute.Get(), memory, buffer); },
    values, largest);
}

/** At most \a largest strings stored as dataset \a name of group \a group (HyperSpy 1.x writes a
 * list of strings so, as "_list_<key>"; see ReadStringList). */
inline AttributeStatus
ReadStringListDataset(hid_t group, const char * name, std::vector<std::string> & values, hsize_t largest = 4096)
{
  values.clear();
  if (H5Lexists(group, name, H5P_DEFAULT) <= 0)
  {
    return AttributeStatus::Absent;
  }
  const Handle dataset(H5Oopen(group, name, H5P_DEFAULT), H5Oclose);
  if (!dataset.IsValid() || H5Iget_type(dataset.Get()) != H5I_DATASET)
  {
    return AttributeStatus::Malformed;
  }
  const Handle type(H5Dget_type(dataset.Get()), H5Tclose);
  const Handle space(H5Dget_space(dataset.Get()), H5Sclose);
  return ReadStringList(
    type.Get(),
    space.Get(),
    [&](hid_t memory, void * buffer) { return H5Dread(dataset.Get(), memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer); },
    values,
    largest);
}

/** One integer, floating-point or h5py boolean (an enum over int8) stored as attribute \a name. */
inline AttributeStatus
ReadNumberAttribute(hid_t object, const char * name, double & value)
{
  if (H5Aexists(object, name) <= 0)
  {
    return AttributeStatus::Absent;
  }
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
  const Handle type(attribute.IsValid() ? H5Aget_type(attribute.Get()) : -1, H5Tclose);
  if (!type.IsValid() || !HasOneElement(attribute.Get()))
  {
    return AttributeStatus::Malformed;
  }
  const H5T_class_t typeClass = H5Tget_class(type.Get());
  if (typeClass == H5T_ENUM)
  {
    signed char flag = 0;
    if (H5Tget_size(type.Get()) != 1 || H5Aread(attribute.Get(), type.Get(), &flag) < 0)
    {
      return AttributeStatus::Malformed;
    }
    value = flag;
    return AttributeStatus::Read;
  }
  if ((typeClass != H5T_INTEGER && typeClass != H5T_FLOAT) || H5Tget_size(type.Get()) > 8 ||
      H5Aread(attribute.Get(), H5T_NATIVE_DOUBLE, &value) < 0)
  {
    return AttributeStatus::Malformed;
  }
  return AttributeStatus::Read;
}

/** What a checked dataset holds. */
struct DatasetShape
{
  std::vector<hsize_t> Dimensions; // HDF5 (C) order, slowest first
  size_t               ElementSize{ 0 };
  H5T_class_t          Class{ H5T_NO_CLASS };
  bool                 Signed{ false };
  hsize_t              Bytes{ 0 };
  bool                 Unwritten{ false }; // no value stored: every value reads as the fill value
};

/** The element type when it is one of the standard integer or IEEE floating-point types (either
 * byte order); others (bit fields, odd precisions, compound, strings) are refused, so that HDF5's
 * conversion to the native type is a plain copy or byte swap. */
inline bool
IsStandardNumberType(hid_t type)
{
  for (const hid_t standard :
       { H5T_STD_I8LE,  H5T_STD_I8BE,  H5T_STD_U8LE,   H5T_STD_U8BE,   H5T_STD_I16LE,  H5T_STD_I16BE, H5T_STD_U16LE,
         H5T_STD_U16BE, H5T_STD_I32LE, H5T_STD_I32BE,  H5T_STD_U32LE,  H5T_STD_U32BE,  H5T_STD_I64LE, H5T_STD_I64BE,
         H5T_STD_U64LE, H5T_STD_U64BE, H5T_IEEE_F32LE, H5T_IEEE_F32BE, H5T_IEEE_F64LE, H5T_IEEE_F64BE })
  {
    if (H5Tequal(type, standard) > 0)
    {
      return true;
    }
  }
  return false;
}

/** Checks dataset \a dataset (called \a where in messages) of a file of \a fileSize bytes before
 * any of its values is read: a simple dataspace of rank 1 to \a maximumRank with non-zero extents
 * whose product fits in memory; a standard number type; contiguous, chunked or compact storage
 * inside this file (no external or virtual storage); no filters but deflate, shuffle and
 * fletcher32; and stored bytes that can hold the declared extent (all of it for unfiltered data,
 * at most the deflate ratio for compressed data). Throws naming the problem. A dataset none of
 * whose values was written is refused, unless \a unwrittenReadsAsFill (its values are then the
 * fill value, as HDF5 defines, and Unwritten says so). */
inline DatasetShape
CheckDataset(hid_t dataset, const std::string & where, hsize_t fileSize, int maximumRank, bool unwrittenReadsAsFill = false)
{
  const auto   fail = [&](const std::string & reason) { itkGenericExceptionMacro(<< where << ": " << reason); };
  const Handle space(H5Dget_space(dataset), H5Sclose);
  const Handle type(H5Dget_type(dataset), H5Tclose);
  const Handle creation(H5Dget_create_plist(dataset), H5Pclose);
  if (!space.IsValid() || !type.IsValid() || !creation.IsValid())
  {
    fail("not a readable dataset");
  }
  if (H5Sget_simple_extent_type(space.Get()) != H5S_SIMPLE)
  {
    fail("not an array");
  }
  const int rank = H5Sget_simple_extent_ndims(space.Get());
  if (rank < 1 || rank > maximumRank)
  {
    fail("an array of rank " + std::to_string(rank) + " (1 to " + std::to_string(maximumRank) + " are read)");
  }
  DatasetShape shape;
  shape.Dimensions.assign(static_cast<size_t>(rank), 0);
  if (H5Sget_simple_extent_dims(space.Get(), shape.Dimensions.data(), nullptr) != rank)
  {
    fail("its shape cannot be read");
  }
  if (!IsStandardNumberType(type.Get()))
  {
    fail("its values are not integers or IEEE floating-point numbers of a standard size");
  }
  shape.Class = H5Tget_class(type.Get());
  shape.ElementSize = H5Tget_size(type.Get());
  shape.Signed = shape.Class == H5T_FLOAT || H5Tget_sign(type.Get()) == H5T_SGN_2;
  constexpr hsize_t largest = std::numeric_limits<hsize_t>::max() / 2;
  hsize_t           bytes = shape.ElementSize;
  for (const hsize_t extent : shape.Dimensions)
  {
    if (extent == 0)
    {
      fail("it is empty");
    }
    if (bytes > largest / extent)
    {
      fail("its shape overflows");
    }
    bytes *= extent;
  }
  shape.Bytes = bytes;

  if (H5Pget_external_count(creation.Get()) != 0)
  {
    fail("its values are stored in other files, which are not read");
  }
  const int filters = H5Pget_nfilters(creation.Get());
  bool      compressed = false;
  for (int f = 0; f < filters; ++f)
  {
    unsigned int       flags = 0;
    size_t             count = 0;
    const H5Z_filter_t filter =
      H5Pget_filter2(creation.Get(), static_cast<unsigned int>(f), &flags, &count, nullptr, 0, nullptr, nullptr);
    if (filter == H5Z_FILTER_DEFLATE)
    {
      compressed = true;
    }
    else if (filter != H5Z_FILTER_SHUFFLE && filter != H5Z_FILTER_FLETCHER32)
    {
      fail("compressed with HDF5 filter " + std::to_string(filter) + " (deflate, shuffle and fletcher32 are read)");
    }
  }
  const H5D_layout_t layout = H5Pget_layout(creation.Get());
  if (layout == H5D_CHUNKED)
  {
    hsize_t   chunk[H5S_MAX_RANK];
    const int chunkRank = H5Pget_chunk(creation.Get(), H5S_MAX_RANK, chunk);
    hsize_t   chunkBytes = shape.ElementSize;
    for (int d = 0; d < chunkRank && chunkRank == rank; ++d)
    {
      chunkBytes = chunk[d] == 0 || chunkBytes > (hsize_t(1) << 32) / chunk[d] ? 0 : chunkBytes * chunk[d];
    }
    if (chunkRank != rank || chunkBytes == 0)
    {
      fail("its chunks do not match its shape");
    }
  }
  else if (layout != H5D_CONTIGUOUS && layout != H5D_COMPACT)
  {
    fail("its storage layout is not read (contiguous, chunked and compact are)");
  }
  if (layout == H5D_CONTIGUOUS && filters > 0)
  {
    fail("filters on contiguous storage");
  }
  if (layout == H5D_CONTIGUOUS)
  {
    // The declared extent must lie inside the file: the stored size of contiguous data is the
    // extent itself, so only its address tells whether the file holds it.
    const haddr_t offset = H5Dget_offset(dataset);
    if (offset == HADDR_UNDEF)
    {
      fail("its values were never written");
    }
    if (offset > fileSize || bytes > fileSize - offset)
    {
      fail("it declares " + std::to_string(bytes) + " bytes at offset " + std::to_string(offset) + " of a file of " +
           std::to_string(fileSize) + " bytes (truncated or corrupt)");
    }
    return shape;
  }
  const hsize_t stored = H5Dget_storage_size(dataset);
  if (stored == 0 && unwrittenReadsAsFill)
  {
    shape.Unwritten = true;
    return shape;
  }
  if (stored == 0)
  {
    fail("its values were never written");
  }
  const hsize_t holds =
    compressed ? (stored > largest / MaximumCompressionRatio ? largest : stored * MaximumCompressionRatio) : stored;
  if (stored > fileSize || bytes > holds)
  {
    fail("it declares " + std::to_string(bytes) + " bytes, of which the file stores " + std::to_string(stored) +
         " (truncated or corrupt)");
  }
  return shape;
}
} // namespace EMHDF5
} // end namespace itk

#endif
