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
#include "itkHydrogenicCrossSection.h"
#include "itkTabulatedCrossSection.h"

#include "itkEMTestData.h"
#include "itk_H5Cpp.h"
#include "itksys/SystemTools.hxx"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace
{
itk::CrossSectionSettings
SeedSettings()
{
  itk::CrossSectionSettings settings;
  settings.BeamVoltage = 300e3;
  settings.ConvergenceSemiAngle = 1e-9;
  settings.CollectionSemiAngle = 20e-3;
  return settings;
}

const itk::EnergyAxis SeedAxis(200.0, 0.5, 2048);
const double          A0 = itk::EELSConstants::Get(itk::EELSConstantsEnum::PyEELSModel).BohrRadius;
const double          R = itk::EELSConstants::Get(itk::EELSConstantsEnum::PyEELSModel).RydbergEnergy;

std::string
FreshPath(const std::string & name)
{
  const std::string path = itk::EMTest::OutputPath(name);
  itksys::SystemTools::RemoveFile(path);
  return path;
}

// The hydrogenic O K GOS tabulated on a regular free-energy grid (step hE) and a geometric q grid
// covering every node of the seed axis.
struct HydrogenicTable
{
  itk::GOSTable Table;
  double        EnergyStep;
};

HydrogenicTable
TabulateOxygenK(double energyStep, double lastFreeEnergy, unsigned int qCount)
{
  const itk::HydrogenicCrossSection oxygen(8, itk::HydrogenicCrossSection::ShellEnum::K);
  const itk::MomentumTransferGrid   grid(SeedSettings());
  std::vector<double>               q(100), w(100);
  grid.Nodes(oxygen.GetOnsetEnergy() + 0.5, q.data(), w.data());
  const double qFirst = 0.99 * std::sqrt(q.front()) / A0;
  grid.Nodes(SeedAxis.GetLastEnergy(), q.data(), w.data());
  const double qLast = 1.01 * std::sqrt(q.back()) / A0;

  HydrogenicTable result{ {}, energyStep };
  for (double f = 0.0; f <= lastFreeEnergy + 1e-9; f += energyStep)
  {
    result.Table.FreeEnergies.push_back(f);
  }
  for (unsigned int i = 0; i < qCount; ++i)
  {
    result.Table.MomentumTransfers.push_back(qFirst * std::pow(qLast / qFirst, i / (qCount - 1.0)));
  }
  for (const double qq : result.Table.MomentumTransfers)
  {
    for (const double f : result.Table.FreeEnergies)
    {
      result.Table.Values.push_back(oxygen.GOS(oxygen.GetOnsetEnergy() + f, (qq * A0) * (qq * A0), R));
    }
  }
  result.Table.IonizationEnergy = 532.0;
  return result;
}

// Second-difference magnitude of the table along each axis at every node (0 at the borders).
struct Curvatures
{
  std::vector<double> AlongEnergy, AlongQ;
};

Curvatures
TableCurvatures(const itk::GOSTable & t)
{
  const size_t ne = t.FreeEnergies.size(), nq = t.MomentumTransfers.size();
  Curvatures   c{ std::vector<double>(ne * nq, 0.0), std::vector<double>(ne * nq, 0.0) };
  for (size_t i = 0; i < nq; ++i)
  {
    for (size_t k = 0; k < ne; ++k)
    {
      if (k > 0 && k + 1 < ne)
      {
        const double h = t.FreeEnergies[k + 1] - t.FreeEnergies[k];
        c.AlongEnergy[i * ne + k] = std::abs(t.Value(i, k + 1) - 2.0 * t.Value(i, k) + t.Value(i, k - 1)) / (h * h);
      }
      if (i > 0 && i + 1 < nq)
      {
        const double hp = t.MomentumTransfers[i + 1] - t.MomentumTransfers[i];
        const double hm = t.MomentumTransfers[i] - t.MomentumTransfers[i - 1];
        const double d = 2.0 * ((t.Value(i + 1, k) - t.Value(i, k)) / (hp * (hp + hm)) -
                                (t.Value(i, k) - t.Value(i - 1, k)) / (hm * (hp + hm)));
        c.AlongQ[i * ne + k] = std::abs(d);
      }
    }
  }
  return c;
}

// Bound on |table-based - exact| dsigma/dE at energy loss e: for each quadrature node, the
// bilinear-interpolation error h_E^2/8 max|G_EE| + h_q^2/8 max|G_qq| over the cell (second
// differences of the neighbouring nodes), plus the float32 rounding of the stored values.
double
InterpolationBound(const HydrogenicTable & h, const Curvatures & c, double e, double onset)
{
  const itk::GOSTable &           t = h.Table;
  const itk::MomentumTransferGrid grid(SeedSettings());
  std::vector<double>             q(100), w(100);
  const double                    prefactor = grid.Nodes(e, q.data(), w.data());
  const size_t                    ne = t.FreeEnergies.size(), nq = t.MomentumTransfers.size();
  const auto k = std::min<size_t>(static_cast<size_t>((e - onset) / h.EnergyStep), ne - 2);
  double     sum = 0.0;
  for (unsigned int j = 0; j < 100; ++j)
  {
    const double qq = std::sqrt(q[j]) / A0;
    const auto   upper = std::upper_bound(t.MomentumTransfers.begin(), t.MomentumTransfers.end(), qq);
    const size_t i = std::min<size_t>(static_cast<size_t>(upper - t.MomentumTransfers.begin()), nq - 1) - 1;
    double       gEE = 0.0, gqq = 0.0, g = 0.0;
    for (size_t ii = (i > 0 ? i - 1 : 0); ii <= std::min(i + 2, nq - 1); ++ii)
    {
      for (size_t kk = (k > 0 ? k - 1 : 0); kk <= std::min(k + 2, ne - 1); ++kk)
      {
        gEE = std::max(gEE, c.AlongEnergy[ii * ne + kk]);
        gqq = std::max(gqq, c.AlongQ[ii * ne + kk]);
        g = std::max(g, std::abs(t.Value(ii, kk)));
      }
    }
    const double hq = t.MomentumTransfers[i + 1] - t.MomentumTransfers[i];
    sum += w[j] * (h.EnergyStep * h.EnergyStep / 8.0 * gEE + hq * hq / 8.0 * gqq + std::ldexp(g, -24));
  }
  return prefactor * sum;
}
} // namespace

TEST(TabulatedCrossSection, TabulatedHydrogenicGOSReproducesTheHydrogenicEdge)
{
  const HydrogenicTable table = TabulateOxygenK(1.0, 700.0, 300);
  const std::string     path = FreshPath("hydrogenic_O.gosh");
  itk::GOSHFile::Write(path, "O", "K1", table.Table);

  const auto tabulated = itk::TabulatedCrossSection::FromGOSH(path, "O", "K");
  ASSERT_EQ(tabulated.GetSubshells().size(), 1u);
  EXPECT_EQ(tabulated.GetOnsetEnergy(), 532.0);
  const auto fromTable = tabulated.Compute(SeedAxis, SeedSettings());
  const auto exact = itk::HydrogenicCrossSection::FromEdge("O", "K").Compute(SeedAxis, SeedSettings());
  const Curvatures curvatures = TableCurvatures(table.Table);

  double worstRatio = 0.0, worstRelative = 0.0, largestBound = 0.0;
  for (size_t i = 0; i < exact.size(); ++i)
  {
    const double e = SeedAxis.GetEnergy(static_cast<double>(i));
    if (e < 532.0)
    {
      EXPECT_EQ(fromTable[i], 0.0);
    }
    if (e <= 532.0)
    {
      continue; // the hydrogenic edge is 0 at its onset, the table starts there
    }
    const double bound = InterpolationBound(table, curvatures, e, 532.0);
    const double error = std::abs(fromTable[i] - exact[i]);
    EXPECT_LE(error, bound) << e << " eV";
    worstRatio = std::max(worstRatio, error / bound);
    worstRelative = std::max(worstRelative, error / exact[i]);
    largestBound = std::max(largestBound, bound / exact[i]);
  }
  std::cout << "table vs hydrogenic O K: largest relative difference " << worstRelative
            << ", largest error / bound " << worstRatio << ", largest relative bound " << largestBound << std::endl;
  EXPECT_LT(largestBound, 1e-3); // a 1 eV x 300 q table is accurate to better than 0.1 %
}

TEST(TabulatedCrossSection, PowerLawBeyondTheTable)
{
  const HydrogenicTable table = TabulateOxygenK(1.0, 400.0, 300); // ends at 932 eV
  itk::TabulatedCrossSection tabulated;
  tabulated.AddSubshell(table.Table, 532.0, 1.0);
  const auto values = tabulated.Compute(SeedAxis, SeedSettings());
  const auto exact = itk::HydrogenicCrossSection::FromEdge("O", "K").Compute(SeedAxis, SeedSettings());
  const auto last = SeedAxis.GetIndex(932.0);
  const auto previous = SeedAxis.GetIndex(931.0);
  // Beyond the table: exactly the power law through the last two tabulated energies, whose
  // values agree with the hydrogenic edge (previous test), so its exponent is theirs.
  const double exponent = std::log(exact[previous] / exact[last]) / std::log(932.0 / 931.0);
  double       worstShape = 0.0, worstTail = 0.0;
  for (auto i = last + 1; i < values.size(); ++i)
  {
    const double e = SeedAxis.GetEnergy(static_cast<double>(i));
    worstShape = std::max(worstShape, std::abs(values[i] / (values[last] * std::pow(e / 932.0, -exponent)) - 1.0));
    worstTail = std::max(worstTail, std::abs(values[i] / exact[i] - 1.0));
  }
  std::cout << "power-law continuation 932-1223.5 eV: exponent " << exponent << ", within " << worstTail
            << " of the hydrogenic tail" << std::endl;
  EXPECT_LT(worstShape, 1e-4);
}

TEST(TabulatedCrossSection, BoundStatesAndOccupancy)
{
  // A continuum that starts at the onset plus one bound state 3 eV below it.
  itk::GOSTable table;
  table.FreeEnergies = { -3.0, 0.0, 10.0, 20.0 };
  for (unsigned int i = 0; i < 200; ++i)
  {
    table.MomentumTransfers.push_back(1e9 * std::pow(100.0, i / 199.0));
  }
  const auto boundGOS = [](double qq) { return 1e-3 * std::exp(-qq / 3e10); };
  for (const double qq : table.MomentumTransfers)
  {
    table.Values.insert(table.Values.end(), { boundGOS(qq), 0.0, 0.0, 0.0 });
  }
  itk::TabulatedCrossSection tabulated;
  tabulated.AddSubshell(table, 600.0, 0.5);
  const itk::EnergyAxis axis(560.0, 0.25, 256);
  const auto            values = tabulated.Compute(axis, SeedSettings());

  // sigma_b from the same quadrature with the exact row function, and the bound on the linear
  // interpolation of the row in q: h^2/8 max|G''| per node, G'' = G / (3e10)^2, largest at the
  // left end of the cell.
  const itk::MomentumTransferGrid grid(SeedSettings());
  std::vector<double>             q(100), w(100);
  const double                    prefactor = grid.Nodes(597.0, q.data(), w.data());
  double                          sigmaB = 0.0, bound = 0.0;
  for (unsigned int j = 0; j < 100; ++j)
  {
    const double qq = std::sqrt(q[j]) / A0;
    const auto   upper = std::upper_bound(table.MomentumTransfers.begin(), table.MomentumTransfers.end(), qq);
    const double left = *(upper - 1), h = *upper - left;
    sigmaB += w[j] * boundGOS(qq);
    bound += w[j] * h * h / 8.0 * boundGOS(left) / (3e10 * 3e10);
  }
  sigmaB *= prefactor;
  bound *= prefactor;
  double sum = 0.0, first = 0.0, second = 0.0;
  for (size_t i = 0; i < values.size(); ++i)
  {
    const double e = axis.GetEnergy(static_cast<double>(i));
    sum += values[i];
    first += values[i] * e;
    second += values[i] * e * e;
  }
  const double mean = first / sum;
  EXPECT_NEAR(sum, 0.5 * sigmaB, 0.5 * bound); // occupancy 0.5
  EXPECT_NEAR(mean, 597.0, 1e-9);
  EXPECT_NEAR(std::sqrt(second / sum - mean * mean), 0.5, 1e-9); // two channels of 0.25 eV
}

TEST(GOSHFile, RoundTripAndTableNames)
{
  itk::GOSTable table;
  table.FreeEnergies = { 0.0, 1.0, 2.5 };
  table.MomentumTransfers = { 1e9, 2e9 };
  table.Values = { 1.0, 0.5, 0.25, 2.0, 1.0, 0.5 };
  table.IonizationEnergy = 708.5;
  const std::string path = FreshPath("roundtrip.gosh");
  itk::GOSHFile::Write(path, "Fe", "L23", table);
  itk::GOSHFile::Write(path, "Fe", "L1", table);
  itk::GOSHFile::Write(path, "Fe", "L1", table); // replaces, does not duplicate
  const auto names = itk::GOSHFile::GetTableNames(path, "Fe");
  ASSERT_EQ(names.size(), 2u);
  const auto read = itk::GOSHFile::Read(path, "Fe", "L23");
  EXPECT_EQ(read.FreeEnergies, table.FreeEnergies);
  EXPECT_EQ(read.MomentumTransfers, table.MomentumTransfers);
  EXPECT_EQ(read.Values, table.Values);
  EXPECT_EQ(read.IonizationEnergy, 708.5);
  EXPECT_EQ(read.Value(1, 2), 0.5);
  // The combined Fe L edge: L3 and L2 share L23, L1 has its own table.
  const auto combined = itk::TabulatedCrossSection::FromGOSH(path, "Fe", "L");
  ASSERT_EQ(combined.GetSubshells().size(), 3u);
  EXPECT_EQ(combined.GetSubshells()[0].OnsetEnergy, 708.0);
  EXPECT_DOUBLE_EQ(combined.GetSubshells()[1].OccupancyRatio, 1.0 / 3.0);
  EXPECT_EQ(combined.GetOnsetEnergy(), 708.0);
}

TEST(GOSHFile, RejectsBadFilesAndTables)
{
  EXPECT_THROW(itk::GOSHFile::Read(itk::EMTest::OutputPath("missing.gosh"), "O", "K1"), itk::ExceptionObject);
  const std::string text = FreshPath("not_hdf5.gosh");
  std::ofstream(text) << "not an HDF5 file\n";
  EXPECT_THROW(itk::GOSHFile::Read(text, "O", "K1"), itk::ExceptionObject);

  itk::GOSTable table;
  table.FreeEnergies = { 0.0, 1.0 };
  table.MomentumTransfers = { 1e9, 2e9 };
  table.Values = { 1.0, 2.0, 3.0, 4.0 };
  const std::string path = FreshPath("bad.gosh");
  itk::GOSHFile::Write(path, "O", "K1", table);
  EXPECT_THROW(itk::GOSHFile::Read(path, "N", "K1"), itk::ExceptionObject);
  EXPECT_THROW(itk::GOSHFile::Read(path, "O", "L1"), itk::ExceptionObject);
  EXPECT_THROW(itk::TabulatedCrossSection::FromGOSH(path, "O", "L"), itk::ExceptionObject);

  // Invalid tables are refused before writing and when added.
  auto bad = table;
  bad.FreeEnergies = { 1.0, 0.0 };
  EXPECT_THROW(itk::GOSHFile::Write(path, "O", "K2", bad), itk::ExceptionObject);
  bad = table;
  bad.Values.pop_back();
  EXPECT_THROW(itk::GOSHFile::Write(path, "O", "K2", bad), itk::ExceptionObject);
  bad = table;
  bad.Values[0] = std::nan("");
  itk::TabulatedCrossSection cross;
  EXPECT_THROW(cross.AddSubshell(bad, 532.0, 1.0), itk::ExceptionObject);
  EXPECT_THROW(cross.AddSubshell(table, -1.0, 1.0), itk::ExceptionObject);
  EXPECT_THROW(cross.AddSubshell(table, 532.0, 0.0), itk::ExceptionObject);
  EXPECT_THROW(cross.Compute(SeedAxis, SeedSettings()), itk::ExceptionObject); // no sub-shell

  // A data set whose shape does not match its axes (transposed).
  {
    const hid_t   file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    const hid_t   group = H5Gcreate2(file, "/O/M1", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dataShape[3] = { 3, 2, 1 };
    const hsize_t axisShape[1] = { 2 };
    const hid_t   dataSpace = H5Screate_simple(3, dataShape, nullptr);
    const hid_t   axisSpace = H5Screate_simple(1, axisShape, nullptr);
    const double  zeros[6] = { 0, 0, 0, 0, 0, 0 };
    const double  axisValues[2] = { 1.0, 2.0 };
    for (const char * name : { "free_energies", "q" })
    {
      const hid_t d = H5Dcreate2(group, name, H5T_IEEE_F64LE, axisSpace, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, axisValues);
      H5Dclose(d);
    }
    const hid_t d = H5Dcreate2(group, "data", H5T_IEEE_F32LE, dataSpace, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros);
    H5Dclose(d);
    H5Sclose(dataSpace);
    H5Sclose(axisSpace);
    H5Gclose(group);
    H5Fclose(file);
  }
  EXPECT_THROW(itk::GOSHFile::Read(path, "O", "M1"), itk::ExceptionObject);
}
