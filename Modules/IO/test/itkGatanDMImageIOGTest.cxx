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
#include "itkGatanDMImageIO.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"

#include "itkEMTestData.h"
#include "itkImageFileReader.h"
#include "itkVectorImage.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
const std::string Folder = "data/dm/";

std::string
Path(const std::string & file)
{
  return itk::EMTest::SharedDataPath(Folder + file);
}

std::string
Key(const itk::MetaDataDictionary & dictionary, const std::string & key)
{
  return itk::EMMetaData::Has(dictionary, key) ? itk::EMMetaData::GetString(dictionary, key) : "(missing)";
}

std::vector<char>
ReadBytes(const std::string & path)
{
  std::ifstream file(path, std::ios::binary);
  return { std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>() };
}

// Parses bytes as a DM file; true when it parsed, false for an itk::ExceptionObject.
bool
Parses(const std::vector<char> & bytes)
{
  std::istringstream    stream(std::string(bytes.begin(), bytes.end()));
  itk::GatanDMTagTree   tree;
  try
  {
    tree.Parse(stream, bytes.size());
    return true;
  }
  catch (const itk::ExceptionObject &)
  {
    return false;
  }
}
} // namespace

TEST(GatanDMImageIO, SpectrumImageDM4)
{
  EM_REQUIRE_SHARED_DATA(Folder + "EELS_SI.dm4");
  const auto image = itk::ReadImage<SpectrumType>(Path("EELS_SI.dm4"));
  ASSERT_EQ(image->GetLargestPossibleRegion().GetSize(), (SpectrumType::SizeType{ { 2, 2 } }));
  ASSERT_EQ(image->GetNumberOfComponentsPerPixel(), 2048u);
  const auto & d = image->GetMetaDataDictionary();
  const auto   axis = itk::EnergyAxis::ReadFrom(d, 2048);
  EXPECT_EQ(axis.GetOffset(), 300.0);
  EXPECT_EQ(axis.GetDispersion(), 1.0);
  EXPECT_DOUBLE_EQ(image->GetSpacing()[0], 0.0019920736085623503);
  EXPECT_EQ(Key(d, "SpatialUnits"), "\xC2\xB5m");
  EXPECT_EQ(itk::EMMetaData::GetDouble(d, "BeamEnergy"), 200.0);
  EXPECT_EQ(itk::EMMetaData::GetDouble(d, "ConvergenceSemiAngle"), 21.0);
  EXPECT_EQ(itk::EMMetaData::GetDouble(d, "CollectionSemiAngle"), 62.0);
  EXPECT_EQ(Key(d, "SignalType"), "EELS");
  EXPECT_EQ(Key(d, "Title"), "EELS_SI");
  const float * s = image->GetBufferPointer();
  EXPECT_EQ(s[0], 8473.005859375f);
  EXPECT_EQ(s[1], 8634.40234375f);
  EXPECT_EQ(s[2], 8471.6513671875f);
  EXPECT_EQ(s[2046], 74.2900390625f);
  EXPECT_EQ(s[2047], 75.013916015625f);
  EXPECT_EQ(std::accumulate(s, s + 2048, 0.0), 1858965.5185546875);
  EXPECT_EQ(s[2048], 7891.005859375f);       // pixel (1, 0)
  EXPECT_EQ(s[2049], 8126.40234375f);
  EXPECT_EQ(s[3 * 2048], 8271.005859375f);   // pixel (1, 1)
  EXPECT_EQ(s[3 * 2048 + 1], 8151.40234375f);
  // Dual-EELS linkage: the sibling UID is stored as int32.
  EXPECT_EQ(Key(d, "DM.ImageList.[1].ImageTags.EELS.Acquisition.Dual acquire sibling.UID.0"), "671447002");
  EXPECT_EQ(Key(d, "DM.ImageList.[1].UniqueID.[0]"), "488274193");
}

TEST(GatanDMImageIO, SpectrumDM3)
{
  EM_REQUIRE_SHARED_DATA(Folder + "EELS_STO.dm3");
  const auto image = itk::ReadImage<SpectrumType>(Path("EELS_STO.dm3"));
  ASSERT_EQ(image->GetLargestPossibleRegion().GetSize(), (SpectrumType::SizeType{ { 1, 1 } }));
  ASSERT_EQ(image->GetNumberOfComponentsPerPixel(), 2048u);
  const auto axis = itk::EnergyAxis::ReadFrom(image->GetMetaDataDictionary(), 2048);
  EXPECT_EQ(axis.GetOffset(), 350.0);
  EXPECT_EQ(axis.GetDispersion(), 0.25);
  const float * s = image->GetBufferPointer();
  EXPECT_EQ(s[0], 185028.0f);
  EXPECT_EQ(s[3], 183839.0f);
  EXPECT_EQ(s[2047], 23100.0f);
  EXPECT_EQ(std::max_element(s, s + 2048) - s, 445);
  EXPECT_EQ(*std::max_element(s, s + 2048), 235408.0f);
  EXPECT_EQ(std::accumulate(s, s + 2048, 0.0), 162759720.0);
  EXPECT_EQ(itk::EMMetaData::GetDouble(image->GetMetaDataDictionary(), "ConvergenceSemiAngle"), 30.0);
  EXPECT_EQ(itk::EMMetaData::GetDouble(image->GetMetaDataDictionary(), "CollectionSemiAngle"), 33.0);
}

TEST(GatanDMImageIO, DM3AndDM4DecodeAlike)
{
  EM_REQUIRE_SHARED_DATA(Folder + "dmTest_float32_nonSquare_diffPixelSize.dm3");
  using ImageType = itk::Image<float, 2>;
  for (const char * extension : { ".dm3", ".dm4" })
  {
    const auto image = itk::ReadImage<ImageType>(Path(std::string("dmTest_float32_nonSquare_diffPixelSize") + extension));
    ASSERT_EQ(image->GetLargestPossibleRegion().GetSize(), (ImageType::SizeType{ { 128, 64 } })) << extension;
    // x in nm (scale 1), y in Å (scale 2): one unit, nm. (The specification's spacing (1, 2) mixes
    // the two units; y was read as 2 nm.)
    EXPECT_EQ(image->GetSpacing()[0], 1.0);
    EXPECT_NEAR(image->GetSpacing()[1], 0.2, 1e-15);
    EXPECT_EQ(Key(image->GetMetaDataDictionary(), "SpatialUnits"), "nm");
    double sum = 0.0;
    for (int y = 0; y < 64; ++y)
    {
      for (int x = 0; x < 128; ++x)
      {
        ASSERT_EQ(image->GetPixel({ { x, y } }), static_cast<float>(x)) << extension;
        sum += image->GetPixel({ { x, y } });
      }
    }
    EXPECT_EQ(sum, 520192.0);
  }
}

TEST(GatanDMImageIO, EDSSpectrumInKeV)
{
  EM_REQUIRE_SHARED_DATA(Folder + "test-EDS_spectrum.dm3");
  const auto image = itk::ReadImage<itk::VectorImage<double, 2>>(Path("test-EDS_spectrum.dm3"));
  ASSERT_EQ(image->GetNumberOfComponentsPerPixel(), 4096u);
  const auto & d = image->GetMetaDataDictionary();
  const auto   axis = itk::EnergyAxis::ReadFrom(d, 4096);
  EXPECT_NEAR(axis.GetOffset(), -477.99998168647306, 1e-9);
  EXPECT_NEAR(axis.GetDispersion(), 4.999999888241291, 1e-12);
  EXPECT_EQ(Key(d, "SignalType"), "EDS");
  EXPECT_EQ(Key(d, "OriginalEnergyUnits"), "keV");
  const double * s = image->GetBufferPointer();
  EXPECT_EQ(s[0], 0.0);
  EXPECT_EQ(std::max_element(s, s + 4096) - s, 96);
  EXPECT_EQ(s[96], 3525.0);
  EXPECT_EQ(std::accumulate(s, s + 4096, 0.0), 17051.0);
}

TEST(GatanDMImageIO, STEMImageOriginSign)
{
  EM_REQUIRE_SHARED_DATA(Folder + "test_STEM_image.dm3");
  using ImageType = itk::Image<unsigned int, 2>;
  const auto image = itk::ReadImage<ImageType>(Path("test_STEM_image.dm3"));
  ASSERT_EQ(image->GetLargestPossibleRegion().GetSize(), (ImageType::SizeType{ { 68, 68 } }));
  EXPECT_DOUBLE_EQ(image->GetOrigin()[0], 51.44736957550049);
  EXPECT_DOUBLE_EQ(image->GetOrigin()[1], 42.500000953674316);
  EXPECT_DOUBLE_EQ(image->GetSpacing()[0], 0.24853801727294922);
  EXPECT_EQ(image->GetPixel({ { 0, 0 } }), 33121u);
  EXPECT_EQ(image->GetPixel({ { 3, 0 } }), 32719u);
  EXPECT_EQ(image->GetPixel({ { 0, 1 } }), 32411u);
  const unsigned int * p = image->GetBufferPointer();
  EXPECT_EQ(*std::min_element(p, p + 68 * 68), 29407u);
  EXPECT_EQ(*std::max_element(p, p + 68 * 68), 36106u);
  EXPECT_EQ(std::accumulate(p, p + 68 * 68, 0.0), 150998555.0);
  EXPECT_EQ(itk::EMMetaData::GetDouble(image->GetMetaDataDictionary(), "BeamEnergy"), 200.0);
}

TEST(GatanDMImageIO, MalformedFilesAreRejected)
{
  EM_REQUIRE_SHARED_DATA(Folder + "EELS_SI.dm4");
  for (const char * file : { "EELS_SI.dm4", "EELS_STO.dm3", "test_STEM_image.dm3" })
  {
    const auto bytes = ReadBytes(Path(file));
    ASSERT_TRUE(Parses(bytes)) << file;
    // Truncated at every 1/16 of the length.
    for (int k = 0; k < 16; ++k)
    {
      EXPECT_FALSE(Parses(std::vector<char>(bytes.begin(), bytes.begin() + bytes.size() * k / 16))) << file << " " << k;
    }
    // Random single-byte corruptions: parsed or rejected, never a crash or a huge allocation.
    std::mt19937                         generator(17);
    std::uniform_int_distribution<size_t> position(0, bytes.size() - 1);
    unsigned int                         rejected = 0;
    for (int trial = 0; trial < 300; ++trial)
    {
      auto damaged = bytes;
      damaged[position(generator)] ^= static_cast<char>(1 << (trial % 8));
      rejected += Parses(damaged) ? 0 : 1;
    }
    std::cout << file << ": " << rejected << " of 300 single-bit corruptions rejected" << std::endl;
  }
  const auto bytes = ReadBytes(Path("EELS_STO.dm3"));
  auto       version = bytes;
  version[3] = 5;
  EXPECT_FALSE(Parses(version));
  auto order = bytes;
  order[11] = 2;
  EXPECT_FALSE(Parses(order));
  auto root = bytes;
  root[4] = 0x7f; // root length far beyond the file
  EXPECT_FALSE(Parses(root));
  EXPECT_FALSE(Parses(std::vector<char>(bytes.begin(), bytes.begin() + 10)));
}

TEST(GatanDMImageIO, CraftedFilesAreRejected)
{
  // A DM3 file built here: header, then a root group with the given tags.
  const auto be = [](std::vector<char> & out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i)
    {
      out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }
  };
  const auto file = [&](const std::vector<char> & root) {
    std::vector<char> out;
    be(out, 3, 4);
    be(out, root.size(), 4);
    be(out, 1, 4);
    out.insert(out.end(), root.begin(), root.end());
    be(out, 0, 8);
    return out;
  };
  const auto group = [&](std::uint64_t tags) {
    std::vector<char> g{ 0, 0 };
    be(g, tags, 4);
    return g;
  };
  // Nesting deeper than 64 groups.
  std::vector<char> deep = group(1);
  for (int level = 0; level < 70; ++level)
  {
    deep.push_back(20);
    be(deep, 1, 2);
    deep.push_back('g');
    const auto inner = group(1);
    deep.insert(deep.end(), inner.begin(), inner.end());
  }
  EXPECT_FALSE(Parses(file(deep)));
  // A tag kind other than 20 / 21; a missing %%%%; an unknown type; an array past the end.
  std::vector<char> kind = group(1);
  kind.push_back(22);
  be(kind, 0, 2);
  EXPECT_FALSE(Parses(file(kind)));
  const auto dataTag = [&](const std::vector<std::uint64_t> & info, const std::string & marker) {
    std::vector<char> g = group(1);
    g.push_back(21);
    be(g, 1, 2);
    g.push_back('d');
    g.insert(g.end(), marker.begin(), marker.end());
    be(g, info.size(), 4);
    for (const auto word : info)
    {
      be(g, word, 4);
    }
    be(g, 0, 8);
    return g;
  };
  EXPECT_TRUE(Parses(file(dataTag({ 3 }, "%%%%"))));
  EXPECT_FALSE(Parses(file(dataTag({ 3 }, "%%%#"))));
  EXPECT_FALSE(Parses(file(dataTag({ 13 }, "%%%%"))));
  EXPECT_FALSE(Parses(file(dataTag({ 20, 6, 0xffffffffu }, "%%%%")))); // a 16 GiB array
  EXPECT_FALSE(Parses(file(dataTag({ 15, 0, 0 }, "%%%%"))));                         // struct of 0 fields
  EXPECT_FALSE(Parses(file(dataTag({}, "%%%%"))));                                   // no info words
  EXPECT_FALSE(Parses(file(group(std::uint64_t{ 1 } << 31))));                       // tags beyond the bytes
}

namespace
{
// A DM3 file written here: big-endian structure, little-endian payloads.
class DM3Builder
{
public:
  using Bytes = std::vector<char>;
  static void
  BigEndian(Bytes & out, std::uint64_t v, int bytes)
  {
    for (int i = bytes - 1; i >= 0; --i)
    {
      out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }
  }
  static void
  LittleEndian(Bytes & out, std::uint64_t v, int bytes)
  {
    for (int i = 0; i < bytes; ++i)
    {
      out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }
  }
  static Bytes
  Group(const std::vector<Bytes> & entries)
  {
    Bytes out{ 0, 0 };
    BigEndian(out, entries.size(), 4);
    for (const Bytes & e : entries)
    {
      out.insert(out.end(), e.begin(), e.end());
    }
    return out;
  }
  static Bytes
  Named(int kind, const std::string & label, const Bytes & body)
  {
    Bytes out{ static_cast<char>(kind) };
    BigEndian(out, label.size(), 2);
    out.insert(out.end(), label.begin(), label.end());
    out.insert(out.end(), body.begin(), body.end());
    return out;
  }
  static Bytes
  GroupEntry(const std::string & label, const std::vector<Bytes> & entries)
  {
    return Named(20, label, Group(entries));
  }
  static Bytes
  Data(const std::string & label, const std::vector<std::uint64_t> & info, const Bytes & payload)
  {
    Bytes body{ '%', '%', '%', '%' };
    BigEndian(body, info.size(), 4);
    for (const auto word : info)
    {
      BigEndian(body, word, 4);
    }
    body.insert(body.end(), payload.begin(), payload.end());
    return Named(21, label, body);
  }
  static Bytes
  UInt32(const std::string & label, std::uint32_t v)
  {
    Bytes payload;
    Payload(payload, v, 4);
    return Data(label, { 5 }, payload);
  }
  static inline bool PayloadLittleEndian = true;
  static void
  Payload(Bytes & out, std::uint64_t v, int bytes)
  {
    PayloadLittleEndian ? LittleEndian(out, v, bytes) : BigEndian(out, v, bytes);
  }
  static Bytes
  File(const Bytes & root)
  {
    Bytes out;
    BigEndian(out, 3, 4);
    BigEndian(out, root.size(), 4);
    BigEndian(out, PayloadLittleEndian ? 1 : 0, 4);
    out.insert(out.end(), root.begin(), root.end());
    BigEndian(out, 0, 8);
    return out;
  }
  static Bytes
  Float32(const std::string & label, float v)
  {
    std::uint32_t bits;
    std::memcpy(&bits, &v, 4);
    Bytes payload;
    Payload(payload, bits, 4);
    return Data(label, { 6 }, payload);
  }
  static Bytes
  Text(const std::string & label, const std::u16string & text)
  {
    Bytes payload;
    for (const char16_t c : text)
    {
      Payload(payload, c, 2);
    }
    return Data(label, { 20, 4, text.size() }, payload);
  }
  // An image of float pixels value(i) = i with the given dimensions, DataType and PixelDepth;
  // \a stored pixels are written; with \a calibrations, the scale and units of each dimension.
  static Bytes
  Image(const std::vector<std::uint32_t> & dimensions, std::uint32_t dataType, std::uint32_t depth, std::uint32_t stored,
        const std::vector<std::pair<float, std::u16string>> & calibrations = {})
  {
    std::vector<Bytes> dims;
    for (const auto n : dimensions)
    {
      dims.push_back(UInt32("", n));
    }
    Bytes pixels;
    for (std::uint32_t i = 0; i < stored; ++i)
    {
      float f = static_cast<float>(i);
      std::uint32_t bits;
      std::memcpy(&bits, &f, 4);
      Payload(pixels, bits, 4);
    }
    std::vector<Bytes> dimensionCalibrations;
    for (const auto & [scale, units] : calibrations)
    {
      dimensionCalibrations.push_back(GroupEntry("", { Float32("Origin", 0.0f), Float32("Scale", scale), Text("Units", units) }));
    }
    const Bytes imageData = GroupEntry("ImageData", { Data("Data", { 20, 6, stored }, pixels), UInt32("DataType", dataType),
                                                      UInt32("PixelDepth", depth), GroupEntry("Dimensions", dims),
                                                      GroupEntry("Calibrations", { GroupEntry("Dimension", dimensionCalibrations) }) });
    return File(Group({ GroupEntry("ImageList", { GroupEntry("", { imageData }) }) }));
  }
};

// Reads the bytes through GatanDMImageIO; the message of its exception, or "" when it read.
std::string
ReadError(const std::vector<char> & bytes, const std::string & name)
{
  const std::string path = itk::EMTest::OutputPath(name + ".dm3");
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  try
  {
    itk::ReadImage<itk::Image<float, 2>>(path);
    return "";
  }
  catch (const itk::ExceptionObject & error)
  {
    return error.GetDescription();
  }
}
} // namespace

TEST(GatanDMImageIO, CraftedImagesAreCheckedBeforeAllocation)
{
  using B = DM3Builder;
  const std::string path = itk::EMTest::OutputPath("crafted_good.dm3");
  const auto        good = B::Image({ 3, 2 }, 2, 4, 6);
  std::ofstream(path, std::ios::binary).write(good.data(), static_cast<std::streamsize>(good.size()));
  const auto image = itk::ReadImage<itk::Image<float, 2>>(path);
  ASSERT_EQ(image->GetLargestPossibleRegion().GetSize(), (itk::Image<float, 2>::SizeType{ { 3, 2 } }));
  EXPECT_EQ(image->GetPixel({ { 2, 1 } }), 5.0f);
  const std::vector<std::pair<std::string, std::vector<char>>> bad{
    { "absurd", B::Image({ 1u << 21, 1u << 21 }, 2, 4, 6) }, // 2^42 pixels
    { "complex", B::Image({ 3, 2 }, 3, 8, 12) },
    { "depth", B::Image({ 3, 2 }, 2, 2, 6) },
    { "short", B::Image({ 3, 2 }, 2, 4, 5) },
    { "zero", B::Image({ 3, 0 }, 2, 4, 6) },
    { "rank", B::Image({ 1, 1, 1, 1, 1 }, 2, 4, 1) },
    { "empty", B::File(B::Group({ B::UInt32("Other", 1) })) },
  };
  for (const auto & [name, bytes] : bad)
  {
    const std::string error = ReadError(bytes, name);
    EXPECT_FALSE(error.empty()) << name;
    std::cout << name << ": " << error.substr(error.rfind(": ") + 2) << std::endl;
  }
  // Big-endian payloads (byte-order flag 0) decode to the same image.
  B::PayloadLittleEndian = false;
  const auto bigEndian = B::Image({ 3, 2 }, 2, 4, 6);
  B::PayloadLittleEndian = true;
  const std::string bigPath = itk::EMTest::OutputPath("crafted_big_endian.dm3");
  std::ofstream(bigPath, std::ios::binary).write(bigEndian.data(), static_cast<std::streamsize>(bigEndian.size()));
  const auto big = itk::ReadImage<itk::Image<float, 2>>(bigPath);
  ASSERT_EQ(big->GetLargestPossibleRegion(), image->GetLargestPossibleRegion());
  for (int i = 0; i < 6; ++i)
  {
    EXPECT_EQ(big->GetBufferPointer()[i], image->GetBufferPointer()[i]) << i;
  }
}

// Each axis' own units made one: different length units are converted to nm (a file with axes in
// pm, nm and µm was read as (2, 3, 4) pm); one unit for all axes is kept; units that cannot be
// made one give a warning and no SpatialUnits.
TEST(GatanDMImageIO, EachAxisInItsOwnUnits)
{
  using B = DM3Builder;
  const auto read = [](const std::vector<char> & bytes, const std::string & name) {
    const std::string path = itk::EMTest::OutputPath(name + ".dm3");
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return itk::ReadImage<itk::Image<float, 3>>(path);
  };
  const auto mixed = read(B::Image({ 2, 2, 2 }, 2, 4, 8, { { 2.0f, u"pm" }, { 3.0f, u"nm" }, { 4.0f, u"\u00b5m" } }), "units_mixed");
  EXPECT_NEAR(mixed->GetSpacing()[0], 0.002, 1e-9);
  EXPECT_NEAR(mixed->GetSpacing()[1], 3.0, 1e-9);
  EXPECT_NEAR(mixed->GetSpacing()[2], 4000.0, 1e-6);
  EXPECT_EQ(Key(mixed->GetMetaDataDictionary(), "SpatialUnits"), "nm");
  const auto angstrom = read(B::Image({ 3, 2 }, 2, 4, 6, { { 2.0f, u"nm" }, { 2.0f, u"\u00c5" } }), "units_angstrom");
  EXPECT_NEAR(angstrom->GetSpacing()[1], 0.2, 1e-7); // y = 2 Å, once read as 2 nm
  const auto same = read(B::Image({ 3, 2 }, 2, 4, 6, { { 0.5f, u"\u00b5m" }, { 0.25f, u"\u00b5m" } }), "units_same");
  EXPECT_EQ(same->GetSpacing()[0], 0.5);
  EXPECT_EQ(Key(same->GetMetaDataDictionary(), "SpatialUnits"), "\xC2\xB5m");
  const auto unknown = read(B::Image({ 3, 2 }, 2, 4, 6, { { 0.5f, u"1/nm" }, { 0.25f, u"nm" } }), "units_unknown");
  EXPECT_EQ(unknown->GetSpacing()[0], 0.5);
  EXPECT_FALSE(unknown->GetMetaDataDictionary().HasKey("SpatialUnits"));
}
