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
#include "itkEMChildProcess.h"
#include "itkEMHDF5Support.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"

#include "itkEMTestData.h"
#include "itkImageFileReader.h"
#include "itkImageFileWriter.h"
#include "itkVectorImage.h"

#include "gtest/gtest.h"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <numeric>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
const std::string Folder = "data/eels/LSMO_linescan/";

SpectrumType::Pointer
MakeScan()
{
  auto image = SpectrumType::New();
  image->SetRegions(SpectrumType::SizeType{ { 3, 2 } });
  image->SetNumberOfComponentsPerPixel(4);
  image->Allocate();
  for (unsigned int i = 0; i < 24; ++i)
  {
    image->GetBufferPointer()[i] = 0.5f * static_cast<float>(i) - 3.0f;
  }
  SpectrumType::SpacingType spacing;
  spacing[0] = 0.25;
  spacing[1] = 0.5;
  image->SetSpacing(spacing);
  SpectrumType::PointType origin;
  origin[0] = -1.0;
  origin[1] = 2.0;
  image->SetOrigin(origin);
  auto & d = image->GetMetaDataDictionary();
  itk::EnergyAxis(-5.0, 0.25, 4).WriteTo(d);
  itk::EMMetaData::SetDouble(d, "BeamEnergy", 80.0);
  itk::EMMetaData::SetDouble(d, "ConvergenceSemiAngle", 27.42);
  itk::EMMetaData::SetDouble(d, "CollectionSemiAngle", 33.19);
  itk::EMMetaData::SetString(d, "SignalType", "EELS");
  itk::EMMetaData::SetString(d, "Title", "scan");
  itk::EMMetaData::SetString(d, "SpatialUnits", "nm");
  return image;
}

void
ExpectSameScan(const SpectrumType * a, const SpectrumType * b)
{
  ASSERT_EQ(a->GetLargestPossibleRegion(), b->GetLargestPossibleRegion());
  ASSERT_EQ(a->GetNumberOfComponentsPerPixel(), b->GetNumberOfComponentsPerPixel());
  EXPECT_EQ(a->GetSpacing(), b->GetSpacing());
  EXPECT_EQ(a->GetOrigin(), b->GetOrigin());
  for (unsigned int i = 0; i < 24; ++i)
  {
    EXPECT_EQ(a->GetBufferPointer()[i], b->GetBufferPointer()[i]) << i;
  }
  for (const char * key : { "BeamEnergy", "ConvergenceSemiAngle", "CollectionSemiAngle" })
  {
    EXPECT_EQ(itk::EMMetaData::GetDouble(a->GetMetaDataDictionary(), key),
              itk::EMMetaData::GetDouble(b->GetMetaDataDictionary(), key))
      << key;
  }
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(a->GetMetaDataDictionary(), 4),
            itk::EnergyAxis::ReadFrom(b->GetMetaDataDictionary(), 4));
  EXPECT_EQ(itk::EMMetaData::GetString(b->GetMetaDataDictionary(), "SignalType"), "EELS");
}
} // namespace

TEST(HSPYImageIO, ReadsTheLSMOLineScan)
{
  EM_REQUIRE_SHARED_DATA(Folder + "LSMO_linescan.hspy");
  const auto core = itk::ReadImage<SpectrumType>(itk::EMTest::SharedDataPath(Folder + "LSMO_linescan.hspy"));
  ASSERT_EQ(core->GetLargestPossibleRegion().GetSize(), (SpectrumType::SizeType{ { 40, 1 } }));
  ASSERT_EQ(core->GetNumberOfComponentsPerPixel(), 586u);
  const auto & d = core->GetMetaDataDictionary();
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(d, 586), itk::EnergyAxis(428.5, 0.5, 586));
  // The specification quotes values rounded to 6 significant digits (sums to 1e-7: accumulated
  // in float32); h5py reads exactly these numbers.
  EXPECT_NEAR(core->GetSpacing()[0], 0.00321902, 5e-9);
  EXPECT_EQ(itk::EMMetaData::GetString(d, "SpatialUnits"), "\xC2\xB5m");
  EXPECT_EQ(itk::EMMetaData::GetDouble(d, "BeamEnergy"), 80.0);
  EXPECT_EQ(itk::EMMetaData::GetDouble(d, "ConvergenceSemiAngle"), 27.42);
  EXPECT_EQ(itk::EMMetaData::GetDouble(d, "CollectionSemiAngle"), 33.19);
  EXPECT_EQ(itk::EMMetaData::GetString(d, "SignalType"), "EELS");
  const float * s = core->GetBufferPointer();
  EXPECT_NEAR(s[0], 210323.0, 0.5);
  EXPECT_NEAR(s[1], 209497.0, 0.5);
  EXPECT_NEAR(s[2], 211016.0, 0.5);
  EXPECT_NEAR(s[585], 97997.6, 0.05);
  EXPECT_NEAR(s[39 * 586 + 585], 149423.0, 0.5);
  EXPECT_NEAR(std::accumulate(s, s + 586, 0.0), 81179337.8, 1e-7 * 81179337.8);
  // The exact float32 values, as h5py reads them.
  EXPECT_EQ(s[0], 210322.86f);
  EXPECT_EQ(s[2], 211015.94f);
  EXPECT_EQ(s[585], 97997.57f);
  EXPECT_EQ(s[39 * 586 + 585], 149422.56f);
  EXPECT_EQ(std::accumulate(s, s + 586, 0.0), 81179345.4609375);
  const auto low = itk::ReadImage<SpectrumType>(itk::EMTest::SharedDataPath(Folder + "LSMO_linescan_low_loss.hspy"));
  ASSERT_EQ(low->GetNumberOfComponentsPerPixel(), 1024u);
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(low->GetMetaDataDictionary(), 1024), itk::EnergyAxis(-50.0, 0.5, 1024));
  const float * l = low->GetBufferPointer();
  EXPECT_NEAR(l[0], 89.5906, 5e-5);
  EXPECT_EQ(std::max_element(l, l + 1024) - l, 106);
  EXPECT_NEAR(*std::max_element(l, l + 1024), 405804.0, 0.5);
  EXPECT_EQ(std::max_element(l + 39 * 1024, l + 40 * 1024) - (l + 39 * 1024), 107);
  EXPECT_NEAR(std::accumulate(l, l + 1024, 0.0), 1254863.06, 1e-6 * 1254863.06);
}

TEST(HSPYImageIO, WrittenFilesReadBackIdentically)
{
  const auto        scan = MakeScan();
  const std::string path = itk::EMTest::OutputPath("roundtrip.hspy");
  itk::WriteImage(scan, path);
  const auto back = itk::ReadImage<SpectrumType>(path);
  ExpectSameScan(scan, back);
  EXPECT_EQ(itk::EMMetaData::GetString(back->GetMetaDataDictionary(), "Title"), "scan");
}

TEST(HSPYImageIO, HyperSpyReadsOursAndWeReadHyperSpys)
{
  const std::string python = itk::EMTest::PythonExecutable();
  if (python.empty() || std::system((python + " -c 'import hyperspy.api' > /dev/null 2>&1").c_str()) != 0)
  {
    GTEST_SKIP() << "HyperSpy (Debian python3-hyperspy) is not available";
  }
  const auto        scan = MakeScan();
  const std::string ours = itk::EMTest::OutputPath("ours.hspy");
  const std::string theirs = itk::EMTest::OutputPath("theirs.hspy");
  itk::WriteImage(scan, ours);
  // HyperSpy loads our file, checks it against the same numbers, and saves it again as its own.
  const std::string script = itk::EMTest::OutputPath("hyperspy_roundtrip.py");
  std::ofstream(script)
    << "import sys, warnings, logging\n"
       "warnings.simplefilter('ignore'); logging.disable(logging.WARNING)\n"
       "import numpy as np, hyperspy.api as hs\n"
       "s = hs.load(sys.argv[1])\n"
       "assert s.data.shape == (2, 3, 4), s.data.shape\n"
       "assert np.array_equal(s.data.ravel(), 0.5 * np.arange(24, dtype=np.float32) - 3)\n"
       "e = s.axes_manager.signal_axes[0]\n"
       "assert (e.offset, e.scale, e.units) == (-5.0, 0.25, 'eV'), (e.offset, e.scale, e.units)\n"
       "x, y = s.axes_manager.navigation_axes\n"
       "assert (x.offset, x.scale, x.size, y.offset, y.scale, y.size) == (-1.0, 0.25, 3, 2.0, 0.5, 2)\n"
       "tem = s.metadata.Acquisition_instrument.TEM\n"
       "assert (tem.beam_energy, tem.convergence_angle, tem.Detector.EELS.collection_angle) == (80.0, 27.42, 33.19)\n"
       "assert s.metadata.Signal.signal_type == 'EELS'\n"
       "s.save(sys.argv[2], overwrite=True)\n";
  ASSERT_EQ(std::system((python + " " + script + " " + ours + " " + theirs).c_str()), 0)
    << "HyperSpy rejected our file";
  ExpectSameScan(scan, itk::ReadImage<SpectrumType>(theirs));
}

TEST(HSPYImageIO, MalformedFilesAreRejected)
{
  const std::string text = itk::EMTest::OutputPath("not_hdf5.hspy");
  std::ofstream(text) << "not an HDF5 file";
  EXPECT_THROW(itk::ReadImage<SpectrumType>(text), itk::ExceptionObject);
  EM_REQUIRE_SHARED_DATA(Folder + "LSMO_linescan.hspy");
  std::ifstream     file(itk::EMTest::SharedDataPath(Folder + "LSMO_linescan.hspy"), std::ios::binary);
  const std::string bytes{ std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>() };
  const std::string truncated = itk::EMTest::OutputPath("truncated.hspy");
  unsigned int      rejected = 0;
  for (int k = 1; k < 16; ++k)
  {
    std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() * k / 16);
    try
    {
      itk::ReadImage<SpectrumType>(truncated);
    }
    catch (const itk::ExceptionObject &)
    {
      ++rejected;
    }
  }
  EXPECT_EQ(rejected, 15u);
}

namespace
{
using itk::EMHDF5::Handle;

// Our own small scan written as .hspy, then opened for editing with the HDF5 C API.
Handle
EditableScan(const std::string & path)
{
  itk::WriteImage(MakeScan(), path);
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
}

// Replaces attribute \a name of \a object by \a count strings (fixed length, or variable).
void
StringArrayAttribute(hid_t object, const char * name, hsize_t count, bool variable)
{
  H5Adelete(object, name);
  const Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.Get(), variable ? H5T_VARIABLE : 800);
  const Handle space(H5Screate_simple(1, &count, nullptr), H5Sclose);
  const Handle attribute(H5Acreate2(object, name, type.Get(), space.Get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  std::string  fixed(800 * count, 'x');
  std::vector<const char *> pointers(count, "HyperSpy");
  ASSERT_GE(H5Awrite(attribute.Get(), type.Get(), variable ? static_cast<const void *>(pointers.data()) : fixed.data()),
            0);
}

std::string
ReadError(const std::string & path)
{
  try
  {
    itk::ReadImage<SpectrumType>(path);
  }
  catch (const itk::ExceptionObject & error)
  {
    return error.GetDescription();
  }
  return "";
}
} // namespace

// Files that once overflowed the stack or the heap: string attributes holding arrays (reached
// from CanReadFile, so from any program that reads any HDF5 file), and channel counts beyond 32 bits.
TEST(HSPYImageIO, HostileFilesGiveExceptions)
{
  const std::string formatFixed = itk::EMTest::OutputPath("hostile_format_fixed.hspy");
  const std::string formatVariable = itk::EMTest::OutputPath("hostile_format_variable.hspy");
  StringArrayAttribute(EditableScan(formatFixed).Get(), "file_format", 50, false);
  StringArrayAttribute(EditableScan(formatVariable).Get(), "file_format", 1000, true);
  for (const auto & path : { formatFixed, formatVariable })
  {
    EXPECT_FALSE(itk::HSPYImageIO::New()->CanReadFile(path.c_str())) << path;
    EXPECT_NE(ReadError(path), "") << path;
  }

  const std::string title = itk::EMTest::OutputPath("hostile_title.hspy");
  {
    const Handle file = EditableScan(title);
    const Handle general(H5Gopen2(file.Get(), "Experiments/scan/metadata/General", H5P_DEFAULT), H5Gclose);
    StringArrayAttribute(general.Get(), "title", 1000, true);
  }
  const auto scan = itk::ReadImage<SpectrumType>(title); // an optional title that is not one string is skipped
  EXPECT_FALSE(itk::EMMetaData::Has(scan->GetMetaDataDictionary(), "Title"));
  ExpectSameScan(MakeScan(), scan);

  const std::string units = itk::EMTest::OutputPath("hostile_units.hspy");
  {
    const Handle file = EditableScan(units);
    const Handle axis(H5Gopen2(file.Get(), "Experiments/scan/axis-2", H5P_DEFAULT), H5Gclose);
    StringArrayAttribute(axis.Get(), "units", 40, false);
  }
  EXPECT_NE(ReadError(units).find("axis-2 attribute units is not one string"), std::string::npos) << ReadError(units);

  // 2^32 + 1 channels declared in a 10 kB file (one compressed chunk written), and 2^31 channels
  // of contiguous storage never written: refused before anything is allocated.
  const std::string huge = itk::EMTest::OutputPath("hostile_channels.hspy");
  const std::string unwritten = itk::EMTest::OutputPath("hostile_unwritten.hspy");
  for (const auto & path : { huge, unwritten })
  {
    const Handle  file = EditableScan(path);
    const Handle  group(H5Gopen2(file.Get(), "Experiments/scan", H5P_DEFAULT), H5Gclose);
    const bool    chunked = path == huge;
    const hsize_t shape[3] = { 2, 3, chunked ? (hsize_t(1) << 32) + 1 : hsize_t(1) << 31 };
    const hsize_t chunk[3] = { 1, 1, 1024 };
    const Handle  space(H5Screate_simple(3, shape, nullptr), H5Sclose);
    const Handle  creation(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    if (chunked)
    {
      H5Pset_chunk(creation.Get(), 3, chunk);
      H5Pset_deflate(creation.Get(), 4);
    }
    H5Ldelete(group.Get(), "data", H5P_DEFAULT);
    const Handle data(
      H5Dcreate2(group.Get(), "data", H5T_IEEE_F32LE, space.Get(), H5P_DEFAULT, creation.Get(), H5P_DEFAULT), H5Dclose);
    ASSERT_TRUE(data.IsValid());
    if (chunked)
    {
      const std::vector<float> ones(1024, 1.0f);
      const hsize_t            start[3] = { 0, 0, 0 };
      const Handle             memory(H5Screate_simple(3, chunk, nullptr), H5Sclose);
      const Handle             selection(H5Dget_space(data.Get()), H5Sclose);
      H5Sselect_hyperslab(selection.Get(), H5S_SELECT_SET, start, nullptr, chunk, nullptr);
      ASSERT_GE(H5Dwrite(data.Get(), H5T_NATIVE_FLOAT, memory.Get(), selection.Get(), H5P_DEFAULT, ones.data()), 0);
    }
  }
  EXPECT_NE(ReadError(huge).find("of which the file stores"), std::string::npos) << ReadError(huge);
  EXPECT_NE(ReadError(unwritten).find("never written"), std::string::npos) << ReadError(unwritten);
}

// What the reader's child process does when the work crashes, hangs or fails.
TEST(HSPYImageIO, ChildProcessContainsCrashesAndHangs)
{
  const auto outcome = [](const std::function<void(itk::EMChildProcess::Channel &)> & work) -> std::string
  {
    std::string received;
    try
    {
      itk::EMChildProcess::Run(
        work, [&](const char * data, size_t size) { received.append(data, size); }, "test");
    }
    catch (const itk::ExceptionObject & error)
    {
      return error.GetDescription();
    }
    return "answer: " + received;
  };
  EXPECT_EQ(outcome([](itk::EMChildProcess::Channel & channel) { channel.Send("abc", 3); }), "answer: abc");
  EXPECT_NE(outcome([](itk::EMChildProcess::Channel &) { std::raise(SIGSEGV); })
              .find("test: the reader crashed on this file (signal 11)"),
            std::string::npos);
  EXPECT_NE(outcome([](itk::EMChildProcess::Channel &) { itkGenericExceptionMacro(<< "refused: reason"); })
              .find("refused: reason"),
            std::string::npos);
  const double limit = itk::EMChildProcess::GetIdleLimit();
  itk::EMChildProcess::SetIdleLimit(0.5);
  EXPECT_NE(outcome(
              [](itk::EMChildProcess::Channel &)
              {
                for (;;)
                {
                  pause();
                }
              })
              .find("no answer for"),
            std::string::npos);
  itk::EMChildProcess::SetIdleLimit(limit);
}

// Maps (HAADF images, elemental maps) and stacks of maps as HyperSpy Signal2D: written, read
// back, read by HyperSpy, and HyperSpy's own read by us.
TEST(HSPYImageIO, ImagesAndStacksOfMaps)
{
  using MapType = itk::Image<float, 2>;
  using VolumeType = itk::Image<float, 3>;
  auto map = MapType::New();
  map->SetRegions(MapType::SizeType{ { 4, 3 } });
  map->Allocate();
  for (unsigned int i = 0; i < 12; ++i)
  {
    map->GetBufferPointer()[i] = static_cast<float>(i) + 0.5f;
  }
  MapType::SpacingType spacing;
  spacing[0] = 0.25;
  spacing[1] = 0.5;
  map->SetSpacing(spacing);
  MapType::PointType origin;
  origin[0] = 1.0;
  origin[1] = -2.0;
  map->SetOrigin(origin);
  itk::EMMetaData::SetString(map->GetMetaDataDictionary(), "SpatialUnits", "nm");
  itk::EMMetaData::SetString(map->GetMetaDataDictionary(), "Element", "Dy");
  const std::string mapPath = itk::EMTest::OutputPath("map.hspy");
  itk::WriteImage(map, mapPath);
  const auto mapBack = itk::ReadImage<MapType>(mapPath);
  ASSERT_EQ(mapBack->GetLargestPossibleRegion(), map->GetLargestPossibleRegion());
  EXPECT_EQ(mapBack->GetSpacing(), map->GetSpacing());
  EXPECT_EQ(mapBack->GetOrigin(), map->GetOrigin());
  EXPECT_TRUE(std::equal(map->GetBufferPointer(), map->GetBufferPointer() + 12, mapBack->GetBufferPointer()));
  EXPECT_EQ(itk::EMMetaData::GetString(mapBack->GetMetaDataDictionary(), "Element"), "Dy");
  EXPECT_FALSE(itk::EnergyAxis::IsDefinedIn(mapBack->GetMetaDataDictionary()));

  auto stack = SpectrumType::New(); // three maps per pixel, no energy axis
  stack->SetRegions(SpectrumType::SizeType{ { 4, 3 } });
  stack->SetNumberOfComponentsPerPixel(3);
  stack->Allocate();
  for (unsigned int i = 0; i < 36; ++i)
  {
    stack->GetBufferPointer()[i] = static_cast<float>(i);
  }
  itk::EMMetaData::SetString(stack->GetMetaDataDictionary(), "Element", "C N O");
  const std::string stackPath = itk::EMTest::OutputPath("stack.hspy");
  itk::WriteImage(stack, stackPath);
  const auto stackBack = itk::ReadImage<SpectrumType>(stackPath);
  ASSERT_EQ(stackBack->GetNumberOfComponentsPerPixel(), 3u);
  EXPECT_TRUE(std::equal(stack->GetBufferPointer(), stack->GetBufferPointer() + 36, stackBack->GetBufferPointer()));
  EXPECT_EQ(itk::EMMetaData::GetString(stackBack->GetMetaDataDictionary(), "Element"), "C N O");

  auto volume = VolumeType::New();
  volume->SetRegions(VolumeType::SizeType{ { 4, 3, 2 } });
  volume->Allocate();
  for (unsigned int i = 0; i < 24; ++i)
  {
    volume->GetBufferPointer()[i] = static_cast<float>(2 * i);
  }
  const std::string volumePath = itk::EMTest::OutputPath("volume.hspy");
  itk::WriteImage(volume, volumePath);
  const auto volumeBack = itk::ReadImage<SpectrumType>(volumePath); // (z, y, x): a stack of slices
  ASSERT_EQ(volumeBack->GetNumberOfComponentsPerPixel(), 2u);
  EXPECT_EQ(volumeBack->GetPixel({ { 3, 2 } })[1], volume->GetPixel({ { 3, 2, 1 } }));

  const std::string python = itk::EMTest::PythonExecutable();
  if (python.empty() || std::system((python + " -c 'import hyperspy.api' > /dev/null 2>&1").c_str()) != 0)
  {
    GTEST_SKIP() << "HyperSpy (Debian python3-hyperspy) is not available";
  }
  const std::string theirs = itk::EMTest::OutputPath("hyperspy_map.hspy");
  const std::string script = itk::EMTest::OutputPath("hyperspy_maps.py");
  std::ofstream(script) << "import sys, warnings, logging\n"
                           "warnings.simplefilter('ignore'); logging.disable(logging.WARNING)\n"
                           "import numpy as np, hyperspy.api as hs\n"
                           "m = hs.load(sys.argv[1])\n"
                           "assert m.axes_manager.signal_dimension == 2 and m.data.shape == (3, 4), m\n"
                           "assert np.array_equal(m.data.ravel(), np.arange(12, dtype=np.float32) + 0.5)\n"
                           "x, y = m.axes_manager.signal_axes\n"
                           "assert (x.scale, x.offset, y.scale, y.offset, x.units) == (0.25, 1.0, 0.5, -2.0, 'nm')\n"
                           "assert list(m.metadata.Sample.elements) == ['Dy'], m.metadata\n"
                           "s = hs.load(sys.argv[2])\n"
                           "assert s.axes_manager.navigation_shape == (3,) and s.data.shape == (3, 3, 4), s\n"
                           "assert list(s.metadata.Sample.elements) == ['C', 'N', 'O']\n"
                           "assert np.array_equal(s.data[1].ravel(), np.arange(36, dtype=np.float32)[1::3])\n"
                           "h = hs.signals.Signal2D(np.arange(20, dtype=np.uint16).reshape(4, 5))\n"
                           "h.axes_manager[0].scale = 0.1; h.axes_manager[0].units = 'nm'\n"
                           "h.axes_manager[1].scale = 2; h.axes_manager[1].units = 'A'\n"
                           "h.save(sys.argv[3], overwrite=True)\n"
                           "e = hs.signals.Signal2D(np.zeros((2, 3, 4), dtype=np.float32))\n"
                           "e.metadata.set_item('Sample.elements', ['Fe', 'O'])\n"
                           "e.save(sys.argv[4], overwrite=True)\n";
  const std::string theirStack = itk::EMTest::OutputPath("hyperspy_stack.hspy");
  ASSERT_EQ(
    std::system((python + " " + script + " " + mapPath + " " + stackPath + " " + theirs + " " + theirStack).c_str()), 0)
    << "HyperSpy did not read our maps as written";
  const auto haadf = itk::ReadImage<MapType>(theirs);
  ASSERT_EQ(haadf->GetLargestPossibleRegion().GetSize(), (MapType::SizeType{ { 5, 4 } }));
  EXPECT_EQ(haadf->GetPixel({ { 4, 3 } }), 19.0f);
  EXPECT_NEAR(haadf->GetSpacing()[0], 0.1, 1e-12);
  EXPECT_NEAR(haadf->GetSpacing()[1], 0.2, 1e-12); // 2 Å in nm, the unit of x
  EXPECT_EQ(itk::EMMetaData::GetString(haadf->GetMetaDataDictionary(), "SpatialUnits"), "nm");
  // HyperSpy 1.7 stores the element list as a dataset (_list_elements), not as an attribute.
  const auto elements = itk::ReadImage<SpectrumType>(theirStack);
  ASSERT_EQ(elements->GetNumberOfComponentsPerPixel(), 2u);
  EXPECT_EQ(itk::EMMetaData::GetString(elements->GetMetaDataDictionary(), "Element"), "Fe O");
}
