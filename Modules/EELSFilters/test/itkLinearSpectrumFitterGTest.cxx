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
#include "itkLinearSpectrumFitter.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <random>

namespace
{
using itk::LinearSpectrumFitter;
using itk::QuantificationFitterEnum;

// Columns of a small spectrum model: a decaying background, a step edge and a peak.
std::vector<std::vector<double>>
Columns(size_t n)
{
  std::vector<std::vector<double>> columns(3, std::vector<double>(n));
  for (size_t k = 0; k < n; ++k)
  {
    const double e = 1.0 + static_cast<double>(k) / static_cast<double>(n);
    columns[0][k] = std::pow(e, -3.0);
    columns[1][k] = k > n / 3 ? std::pow(e, -1.5) : 0.0;
    columns[2][k] = std::exp(-0.5 * std::pow((static_cast<double>(k) - 0.7 * n) / 5.0, 2));
  }
  return columns;
}

std::vector<const double *>
Pointers(const std::vector<std::vector<double>> & columns)
{
  std::vector<const double *> pointers;
  for (const auto & c : columns)
  {
    pointers.push_back(c.data());
  }
  return pointers;
}

std::vector<double>
Model(const std::vector<std::vector<double>> & columns, const std::vector<double> & x)
{
  std::vector<double> y(columns[0].size(), 0.0);
  for (size_t j = 0; j < columns.size(); ++j)
  {
    for (size_t k = 0; k < y.size(); ++k)
    {
      y[k] += x[j] * columns[j][k];
    }
  }
  return y;
}
} // namespace

TEST(LinearSpectrumFitter, RecoversNoiselessCoefficientsWithEveryFitter)
{
  const auto                columns = Columns(400);
  const std::vector<double> truth{ 5000.0, 800.0, 300.0 };
  const auto                y = Model(columns, truth);
  for (const auto fitter : { QuantificationFitterEnum::OrdinaryLeastSquares, QuantificationFitterEnum::WeightedLeastSquares,
                             QuantificationFitterEnum::PoissonMaximumLikelihood })
  {
    LinearSpectrumFitter::Settings settings;
    settings.Fitter = fitter;
    const LinearSpectrumFitter      solver(3, settings);
    LinearSpectrumFitter::Workspace workspace;
    LinearSpectrumFitter::Result    result;
    solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
    ASSERT_TRUE(result.Valid) << fitter;
    for (size_t j = 0; j < 3; ++j)
    {
      EXPECT_NEAR(result.Coefficients[j], truth[j], 1e-9 * truth[j]) << fitter << " column " << j;
    }
    EXPECT_NEAR(result.ReducedChiSquare, 0.0, 1e-12);
    EXPECT_NEAR(result.ReducedDeviance, 0.0, 1e-10);
  }
}

TEST(LinearSpectrumFitter, CRLBOfOneColumnIsAnalytic)
{
  // M = theta a: F = sum a^2 / (theta a) = sum a / theta, so CRLB = sqrt(theta / sum a).
  std::vector<std::vector<double>> columns(1, std::vector<double>(200));
  double                           sum = 0.0;
  for (size_t k = 0; k < 200; ++k)
  {
    columns[0][k] = 1.0 + std::sin(0.05 * static_cast<double>(k));
    sum += columns[0][k];
  }
  const double                    theta = 37.5;
  const auto                      y = Model(columns, { theta });
  const LinearSpectrumFitter      solver(1, {});
  LinearSpectrumFitter::Workspace workspace;
  LinearSpectrumFitter::Result    result;
  solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  ASSERT_TRUE(result.Valid);
  EXPECT_NEAR(result.CRLB[0], std::sqrt(theta / sum), 1e-13);
}

TEST(LinearSpectrumFitter, CRLBMatchesTheSpreadOfPoissonFits)
{
  // 2000 Poisson realisations: the standard deviation of each ML coefficient approaches its
  // CRLB (efficient estimator), within the sampling error of a standard deviation (~1.6 %, 3
  // sigma: 5 %).
  const auto                columns = Columns(300);
  const std::vector<double> truth{ 2000.0, 300.0, 80.0 };
  const auto                mean = Model(columns, truth);
  LinearSpectrumFitter::Settings settings;
  settings.Fitter = QuantificationFitterEnum::PoissonMaximumLikelihood;
  const LinearSpectrumFitter      solver(3, settings);
  LinearSpectrumFitter::Workspace workspace;
  LinearSpectrumFitter::Result    result;
  std::mt19937                    generator(11);
  std::vector<double>             sum(3, 0.0), squares(3, 0.0), crlb(3, 0.0), y(300);
  const int                       runs = 2000;
  for (int run = 0; run < runs; ++run)
  {
    for (size_t k = 0; k < 300; ++k)
    {
      y[k] = static_cast<double>(std::poisson_distribution<int>(mean[k])(generator));
    }
    solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
    ASSERT_TRUE(result.Valid);
    for (size_t j = 0; j < 3; ++j)
    {
      sum[j] += result.Coefficients[j];
      squares[j] += result.Coefficients[j] * result.Coefficients[j];
      crlb[j] += result.CRLB[j] / runs;
    }
  }
  for (size_t j = 0; j < 3; ++j)
  {
    const double average = sum[j] / runs;
    const double spread = std::sqrt(squares[j] / runs - average * average);
    std::cout << "column " << j << ": bias " << average - truth[j] << ", std " << spread << ", mean CRLB " << crlb[j]
              << std::endl;
    EXPECT_NEAR(spread / crlb[j], 1.0, 0.05) << j;
    EXPECT_LT(std::abs(average - truth[j]), 4.0 * crlb[j] / std::sqrt(runs)) << j;
  }
}

TEST(LinearSpectrumFitter, ConstraintsGiveTheReducedFitWhenActive)
{
  // Data with a negative third amplitude: with x_2 >= 0 the optimum has x_2 = 0 and the other two
  // equal the unconstrained fit of the first two columns.
  const auto columns = Columns(300);
  const auto y = Model(columns, { 1000.0, 200.0, -50.0 });
  LinearSpectrumFitter::Settings constrained;
  constrained.Constraints = { { 0.0, 0.0, 1.0 } };
  LinearSpectrumFitter::Workspace workspace;
  LinearSpectrumFitter::Result    result, reduced;
  LinearSpectrumFitter(3, constrained).Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  const std::vector<std::vector<double>> two(columns.begin(), columns.begin() + 2);
  LinearSpectrumFitter(2, {}).Fit(Pointers(two).data(), y.data(), y.size(), reduced, workspace);
  ASSERT_TRUE(result.Valid);
  EXPECT_NEAR(result.Coefficients[2], 0.0, 1e-9);
  EXPECT_NEAR(result.Coefficients[0], reduced.Coefficients[0], 1e-8 * std::abs(reduced.Coefficients[0]));
  EXPECT_NEAR(result.Coefficients[1], reduced.Coefficients[1], 1e-8 * std::abs(reduced.Coefficients[1]));
  // Inactive constraints change nothing; a row coupling two columns is honoured.
  const auto positive = Model(columns, { 1000.0, 200.0, 50.0 });
  LinearSpectrumFitter(3, constrained).Fit(Pointers(columns).data(), positive.data(), positive.size(), result, workspace);
  EXPECT_NEAR(result.Coefficients[2], 50.0, 1e-7);
  LinearSpectrumFitter::Settings coupled;
  coupled.Constraints = { { 0.0, 1.0, -10.0 } }; // x_1 >= 10 x_2
  LinearSpectrumFitter(3, coupled).Fit(Pointers(columns).data(), positive.data(), positive.size(), result, workspace);
  ASSERT_TRUE(result.Valid);
  EXPECT_GE(result.Coefficients[1] - 10.0 * result.Coefficients[2], -1e-8);
  EXPECT_NEAR(result.Coefficients[1] - 10.0 * result.Coefficients[2], 0.0, 1e-6 * result.Coefficients[1]);
}

TEST(LinearSpectrumFitter, BadSpectraGiveInvalidResults)
{
  auto                            columns = Columns(100);
  auto                            y = Model(columns, { 100.0, 10.0, 1.0 });
  const LinearSpectrumFitter      solver(3, {});
  LinearSpectrumFitter::Workspace workspace;
  LinearSpectrumFitter::Result    result;
  y[5] = std::nan("");
  solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  EXPECT_FALSE(result.Valid);
  EXPECT_TRUE(std::isnan(result.Coefficients[0]));
  y[5] = 1.0;
  std::fill(columns[2].begin(), columns[2].end(), 0.0); // a zero column: singular
  solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  EXPECT_FALSE(result.Valid);
  columns[2] = columns[1]; // collinear
  solver.Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
  EXPECT_FALSE(result.Valid);
  solver.Fit(Pointers(columns).data(), y.data(), 3, result, workspace); // channels <= columns
  EXPECT_FALSE(result.Valid);
  EXPECT_THROW(LinearSpectrumFitter(0, {}), itk::ExceptionObject);
  LinearSpectrumFitter::Settings wrongRow;
  wrongRow.Constraints = { { 1.0 } };
  EXPECT_THROW(LinearSpectrumFitter(3, wrongRow), itk::ExceptionObject);
}

TEST(LinearSpectrumFitter, ConstrainedOptimumMatchesActiveSetEnumeration)
{
  // Random problems with 4 columns and 6 random homogeneous rows: the active-set solution must be
  // feasible and reach the lowest objective over every feasible equality-constrained optimum
  // (each subset of rows taken as equalities, solved by Lagrange multipliers).
  std::mt19937                           generator(5);
  std::normal_distribution<double>       normal;
  const unsigned int                     p = 4, rows = 6;
  const size_t                           n = 50;
  unsigned int                           activeProblems = 0;
  const auto unconstrained = [](const std::vector<std::vector<double>> & columns, const std::vector<double> & y) {
    LinearSpectrumFitter::Settings plain;
    plain.Fitter = QuantificationFitterEnum::OrdinaryLeastSquares;
    LinearSpectrumFitter::Workspace workspace;
    LinearSpectrumFitter::Result    result;
    LinearSpectrumFitter(static_cast<unsigned int>(columns.size()), plain)
      .Fit(Pointers(columns).data(), y.data(), y.size(), result, workspace);
    double sum = 0.0;
    const auto model = Model(columns, result.Coefficients);
    for (size_t k = 0; k < y.size(); ++k)
    {
      sum += (y[k] - model[k]) * (y[k] - model[k]);
    }
    return sum;
  };
  for (int problem = 0; problem < 200; ++problem)
  {
    std::vector<std::vector<double>> columns(p, std::vector<double>(n));
    std::vector<double>              y(n);
    // Positive columns and rows oriented so that x = (1, 1, 1, 1) is strictly feasible: the
    // feasible cone is never {0}, and the fitted model stays positive enough for the CRLB.
    std::uniform_real_distribution<double> uniform(0.1, 1.0);
    for (auto & column : columns)
    {
      for (double & v : column)
      {
        v = uniform(generator);
      }
    }
    std::vector<double> truth(p);
    for (double & v : truth)
    {
      v = 2.0 + normal(generator);
    }
    y = Model(columns, truth);
    for (double & v : y)
    {
      v += 0.1 * normal(generator);
    }
    LinearSpectrumFitter::Settings settings;
    settings.Fitter = QuantificationFitterEnum::OrdinaryLeastSquares;
    settings.Constraints.assign(rows, std::vector<double>(p));
    for (auto & row : settings.Constraints)
    {
      double sum = 0.0;
      for (double & v : row)
      {
        v = normal(generator);
        sum += v;
      }
      for (double & v : row)
      {
        v = sum < 0.0 ? -v : v;
      }
    }
    LinearSpectrumFitter::Workspace workspace;
    LinearSpectrumFitter::Result    result;
    LinearSpectrumFitter(p, settings).Fit(Pointers(columns).data(), y.data(), n, result, workspace);
    const auto objective = [&](const std::vector<double> & x) {
      double sum = 0.0;
      for (size_t k = 0; k < n; ++k)
      {
        double m = 0.0;
        for (unsigned int j = 0; j < p; ++j)
        {
          m += x[j] * columns[j][k];
        }
        sum += (y[k] - m) * (y[k] - m);
      }
      return sum;
    };
    const auto feasible = [&](const std::vector<double> & x) {
      for (const auto & row : settings.Constraints)
      {
        double v = 0.0;
        for (unsigned int j = 0; j < p; ++j)
        {
          v += row[j] * x[j];
        }
        if (v < -1e-9)
        {
          return false;
        }
      }
      return true;
    };
    ASSERT_TRUE(result.Valid) << problem;
    ASSERT_TRUE(feasible(result.Coefficients)) << problem;
    // Enumerate: minimise ||A x - y||^2 with the rows of the subset held at 0 (null-space of the
    // subset by Gram-Schmidt, least squares in it).
    double best = std::numeric_limits<double>::infinity();
    for (unsigned int subset = 0; subset < (1u << rows); ++subset)
    {
      std::vector<std::vector<double>> basis; // orthonormal rows of the subset
      for (unsigned int i = 0; i < rows; ++i)
      {
        if ((subset >> i & 1u) == 0)
        {
          continue;
        }
        std::vector<double> v = settings.Constraints[i];
        for (const auto & b : basis)
        {
          double d = 0.0;
          for (unsigned int j = 0; j < p; ++j)
          {
            d += v[j] * b[j];
          }
          for (unsigned int j = 0; j < p; ++j)
          {
            v[j] -= d * b[j];
          }
        }
        double norm = 0.0;
        for (const double c : v)
        {
          norm += c * c;
        }
        if (norm > 1e-20)
        {
          for (double & c : v)
          {
            c /= std::sqrt(norm);
          }
          basis.push_back(v);
        }
      }
      if (basis.size() >= p)
      {
        if (0.0 < best)
        {
          best = std::min(best, objective(std::vector<double>(p, 0.0)));
        }
        continue;
      }
      // Projected columns: A (I - B^T B), fitted by the unconstrained solver on its range.
      std::vector<std::vector<double>> projector(p, std::vector<double>(p, 0.0));
      for (unsigned int a = 0; a < p; ++a)
      {
        projector[a][a] = 1.0;
        for (const auto & b : basis)
        {
          for (unsigned int c = 0; c < p; ++c)
          {
            projector[a][c] -= b[a] * b[c];
          }
        }
      }
      // x = P u; minimise over u by normal equations (P^T A^T A P) u = P^T A^T y, pseudo-inverse
      // through a tiny ridge (the null directions of P do not change x).
      std::vector<double> gram(p * p, 0.0), rhs(p, 0.0);
      for (unsigned int a = 0; a < p; ++a)
      {
        for (unsigned int b = 0; b < p; ++b)
        {
          for (size_t k = 0; k < n; ++k)
          {
            double ca = 0.0, cb = 0.0;
            for (unsigned int j = 0; j < p; ++j)
            {
              ca += columns[j][k] * projector[j][a];
              cb += columns[j][k] * projector[j][b];
            }
            gram[a * p + b] += ca * cb;
            if (b == 0)
            {
              rhs[a] += ca * y[k];
            }
          }
        }
        gram[a * p + a] += 1e-12;
      }
      // Gaussian elimination (4 x 4, diagonally loaded).
      for (unsigned int c = 0; c < p; ++c)
      {
        for (unsigned int r = c + 1; r < p; ++r)
        {
          const double f = gram[r * p + c] / gram[c * p + c];
          for (unsigned int k = c; k < p; ++k)
          {
            gram[r * p + k] -= f * gram[c * p + k];
          }
          rhs[r] -= f * rhs[c];
        }
      }
      std::vector<double> u(p);
      for (unsigned int r = p; r-- > 0;)
      {
        double v = rhs[r];
        for (unsigned int k = r + 1; k < p; ++k)
        {
          v -= gram[r * p + k] * u[k];
        }
        u[r] = v / gram[r * p + r];
      }
      std::vector<double> x(p, 0.0);
      for (unsigned int a = 0; a < p; ++a)
      {
        for (unsigned int b = 0; b < p; ++b)
        {
          x[a] += projector[a][b] * u[b];
        }
      }
      if (feasible(x))
      {
        best = std::min(best, objective(x));
      }
    }
    const double ours = objective(result.Coefficients);
    ASSERT_LE(ours, best * (1.0 + 1e-9) + 1e-12) << problem;
    EXPECT_GE(ours, best * (1.0 - 1e-6)) << problem; // the enumeration's ridge costs a little
    activeProblems += ours > unconstrained(columns, y) * (1.0 + 1e-9) ? 1 : 0;
  }
  std::cout << activeProblems << " of 200 problems have active constraints" << std::endl;
  EXPECT_GT(activeProblems, 50u);
}
