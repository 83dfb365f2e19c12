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
#include "itkMSAImageIO.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"

#include "itkEMTestData.h"
#include "itkImageFileReader.h"
#include "itkImageFileWriter.h"
#include "itkVectorImage.h"

#include "gtest/gtest.h"

#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

namespace
{
using SpectrumType = itk::VectorImage<double, 2>;

bool
Parses(const std::string & text)
{
  std::istringstream      stream(text);
  std::vector<double>     values;
  itk::MetaDataDictionary dictionary;
  try
  {
    itk::MSAImageIO::Parse(stream, values, dictionary);
    return true;
  }
  catch (const itk::ExceptionObject &)
  {
    return false;
  }
}

const std::string Header = "#FORMAT : EMSA/MAS Spectral Data File\n#VERSION : 1.0\n#TITLE : t\n#NPOINTS : 3\n"
                           "#NCOLUMNS : 1\n#XUNITS : eV\n#DATATYPE : Y\n#XPERCHAN : 0.5\n#OFFSET : -2\n";
} // namespace

TEST(MSAImageIO, ReadsTheSharedSpectra)
{
  EM_REQUIRE_SHARED_DATA("data/eels/SrTiO3/hl.msa");
  struct Expected
  {
    std::string File;
    unsigned    Points;
    double      Offset, Dispersion, First, Last, Maximum;
    unsigned    MaximumChannel;
    double      Sum;
  };
  const std::vector<Expected> table{
    { "SrTiO3/hl.msa", 1024, 357.5, 0.2999999, 32830, 9409.286, 38937.72, 362, 18763723.05 },
    { "SrTiO3/ll.msa", 1024, -39.99999, 0.2999999, -0.2857143, 6.285715, 23053.72, 119, 196227.165 },
    { "MnO/coreloss_spectrum.msa", 2048, 360.0, 0.2, 47179, 12924, 47353, 3, 47020089 },
    { "MnO/lowloss_spectrum.msa", 2048, -40.0, 0.2, 35, 17, 44384, 204, 1254382 },
  };
  for (const Expected & e : table)
  {
    const auto image = itk::ReadImage<SpectrumType>(itk::EMTest::SharedDataPath("data/eels/" + e.File));
    ASSERT_EQ(image->GetNumberOfComponentsPerPixel(), e.Points) << e.File;
    const auto axis = itk::EnergyAxis::ReadFrom(image->GetMetaDataDictionary(), e.Points);
    EXPECT_EQ(axis.GetOffset(), e.Offset) << e.File;
    EXPECT_EQ(axis.GetDispersion(), e.Dispersion) << e.File;
    const double * s = image->GetBufferPointer();
    EXPECT_EQ(s[0], e.First) << e.File;
    EXPECT_EQ(s[e.Points - 1], e.Last) << e.File;
    EXPECT_EQ(*std::max_element(s, s + e.Points), e.Maximum) << e.File;
    EXPECT_EQ(static_cast<unsigned>(std::max_element(s, s + e.Points) - s), e.MaximumChannel) << e.File;
    EXPECT_NEAR(std::accumulate(s, s + e.Points, 0.0), e.Sum, 1e-6 * std::abs(e.Sum)) << e.File;
  }
  const auto mno = itk::ReadImage<SpectrumType>(itk::EMTest::SharedDataPath("data/eels/MnO/coreloss_spectrum.msa"));
  EXPECT_EQ(itk::EMMetaData::GetString(mno->GetMetaDataDictionary(), "SignalType"), "EELS");
}

TEST(MSAImageIO, WrittenSpectraReadBackIdentically)
{
  auto image = SpectrumType::New();
  image->SetRegions(SpectrumType::SizeType{ { 1, 1 } });
  image->SetNumberOfComponentsPerPixel(5);
  image->Allocate();
  const double values[5] = { 1.5, -2.25, 1e-300, 123456789.123456789, 0.1 };
  std::copy(values, values + 5, image->GetBufferPointer());
  itk::EnergyAxis(-39.99999, 0.2999999, 5).WriteTo(image->GetMetaDataDictionary());
  itk::EMMetaData::SetDouble(image->GetMetaDataDictionary(), "BeamEnergy", 300.0);
  itk::EMMetaData::SetDouble(image->GetMetaDataDictionary(), "CollectionSemiAngle", 2.675);
  itk::EMMetaData::SetString(image->GetMetaDataDictionary(), "SignalType", "EELS");
  const std::string path = itk::EMTest::OutputPath("roundtrip.msa");
  itk::WriteImage(image, path);
  const auto back = itk::ReadImage<SpectrumType>(path);
  ASSERT_EQ(back->GetNumberOfComponentsPerPixel(), 5u);
  for (int i = 0; i < 5; ++i)
  {
    EXPECT_EQ(back->GetBufferPointer()[i], values[i]) << i;
  }
  const auto & d = back->GetMetaDataDictionary();
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(d, 5), itk::EnergyAxis(-39.99999, 0.2999999, 5));
  EXPECT_EQ(itk::EMMetaData::GetDouble(d, "BeamEnergy"), 300.0);
  EXPECT_EQ(itk::EMMetaData::GetDouble(d, "CollectionSemiAngle"), 2.675);
  EXPECT_EQ(itk::EMMetaData::GetString(d, "SignalType"), "EELS");
  // A spectrum image is not one spectrum: refused, and no file is left behind.
  auto many = SpectrumType::New();
  many->SetRegions(SpectrumType::SizeType{ { 2, 1 } });
  many->SetNumberOfComponentsPerPixel(5);
  many->Allocate(true);
  itk::EnergyAxis(0.0, 1.0, 5).WriteTo(many->GetMetaDataDictionary());
  const std::string refused = itk::EMTest::OutputPath("refused.msa");
  std::remove(refused.c_str());
  EXPECT_THROW(itk::WriteImage(many, refused), itk::ExceptionObject);
  EXPECT_FALSE(itk::EMTest::PathExists(refused));
}

TEST(MSAImageIO, SyntaxVariants)
{
  EXPECT_TRUE(Parses(Header + "#SPECTRUM :\n1, 2, 3\n#ENDOFDATA :\n"));
  EXPECT_TRUE(Parses(Header + "#SPECTRUM :\r\n1\r\n2\r\n3"));                // CRLF, no last newline
  EXPECT_TRUE(Parses(Header + "#BEAMKV -kV: 300\n#SPECTRUM :\n2.0 E-06 3 4\n")); // unit suffix, split exponent
  std::istringstream      stream("#FORMAT : EMSA/MAS Spectral Data File\n#NPOINTS : 2.00\n#DATATYPE : XY\n"
                                 "#XPERCHAN : 1.0\n#OFFSET : 0\n#XUNITS : keV\n#SPECTRUM :\n0, 5\n1, 6\n");
  std::vector<double>     values;
  itk::MetaDataDictionary dictionary;
  itk::MSAImageIO::Parse(stream, values, dictionary);
  EXPECT_EQ(values, (std::vector<double>{ 5, 6 }));
  EXPECT_EQ(itk::EnergyAxis::ReadFrom(dictionary, 2).GetDispersion(), 1000.0);
}

TEST(MSAImageIO, MalformedInputIsRejected)
{
  const std::string data = "#SPECTRUM :\n1 2 3\n";
  EXPECT_FALSE(Parses("1 2 3\n"));                                            // no header
  EXPECT_FALSE(Parses(Header + "1 2 3\n"));                                   // no #SPECTRUM
  for (const char * keyword : { "#NPOINTS", "#XPERCHAN", "#OFFSET", "#DATATYPE" })
  {
    std::string header = Header;
    header.replace(header.find(keyword), 1, "#X"); // rename the keyword away
    EXPECT_FALSE(Parses(header + data)) << keyword;
  }
  const auto with = [&](const std::string & from, const std::string & to) {
    std::string header = Header;
    header.replace(header.find(from), from.size(), to);
    return header + data;
  };
  EXPECT_FALSE(Parses(with("#NPOINTS : 3", "#NPOINTS : 0")));
  EXPECT_FALSE(Parses(with("#NPOINTS : 3", "#NPOINTS : 2.5")));
  EXPECT_FALSE(Parses(with("#NPOINTS : 3", "#NPOINTS : 1e12")));
  EXPECT_FALSE(Parses(with("#XPERCHAN : 0.5", "#XPERCHAN : 0")));
  EXPECT_FALSE(Parses(with("#XPERCHAN : 0.5", "#XPERCHAN : nan")));
  EXPECT_FALSE(Parses(with("#DATATYPE : Y", "#DATATYPE : XYZ")));
  EXPECT_FALSE(Parses(with("#NCOLUMNS : 1", "#NCOLUMNS : 6")));
  EXPECT_FALSE(Parses(Header + "#SPECTRUM :\n1 2\n"));                        // too few values
  EXPECT_FALSE(Parses(Header + "#SPECTRUM :\n1 x 3\n"));                      // not a number
  EXPECT_FALSE(Parses(Header + "#SPECTRUM :\n1 inf 3\n"));                    // not finite
  EXPECT_FALSE(Parses(Header + "#SPECTRUM :\n1 2\n#TITLE : late\n3\n"));      // header line in the data
  EXPECT_FALSE(Parses(Header + "#SPECTRUM :\n" + std::string(70000, '1') + "\n")); // line over 64 KiB
  EXPECT_FALSE(Parses(Header + "#SPECTRUM :\n1 2 3" + std::string(1, '\0') + "\n")); // binary
  // Truncations of a valid file at every 1/16: rejected unless every value is still there, and
  // rejected too when they cut #ENDOFDATA short (an unknown header line inside the data).
  const std::string whole = Header + "#SPECTRUM :\n1 2 3\n#ENDOFDATA :\n";
  const size_t      complete = whole.find("1 2 3") + 5;
  const size_t      marker = whole.find("#ENDOFDATA") + std::string("#ENDOFDATA").size();
  for (int k = 0; k < 16; ++k)
  {
    const size_t cut = whole.size() * k / 16;
    EXPECT_EQ(Parses(whole.substr(0, cut)), cut >= complete && (cut <= complete + 1 || cut >= marker)) << cut;
  }
}
