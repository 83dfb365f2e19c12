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
#include "itkTVDenoiseSolver.h"
#include "itkPoolMultiThreader.h"

#include "gtest/gtest.h"

#include <cmath>
#include <numeric>
#include <random>

// Analytic and exact properties of the ROF dual solver (double precision unless stated).

namespace
{
using Solver = itk::TVDenoiseSolver<double>;
using Enums = itk::TVDenoiseEnums;
using Sizes = std::vector<itk::SizeValueType>;

std::vector<double>
RandomValues(size_t n, unsigned seed, double low = 0.0, double high = 1.0)
{
  std::mt19937                           generator(seed);
  std::uniform_real_distribution<double> distribution(low, high);
  std::vector<double>                    values(n);
  for (auto & v : values)
  {
    v = distribution(generator);
  }
  return values;
}

size_t
Count(const Sizes & size)
{
  return std::accumulate(size.begin(), size.end(), size_t{ 1 }, std::multiplies<size_t>());
}

// A solver on a grid with unit coefficients, run to a duality gap of 1e-12 relative or 20000
// iterations; tests state their own tolerance on what they compare.
Solver
MakeSolver(const Sizes & size, double lambda, Enums::Norm norm = Enums::Norm::Isotropic)
{
  Solver solver;
  solver.SetGrid(size, std::vector<double>(size.size(), 1.0));
  solver.SetLambda(lambda);
  solver.SetNorm(norm);
  solver.SetTolerance(1e-12);
  solver.SetMaximumNumberOfIterations(20000);
  return solver;
}

std::vector<double>
SolveToConvergence(Solver & solver, const std::vector<double> & f)
{
  std::vector<double> u(f.size());
  solver.Solve(f.data(), u.data());
  return u;
}

double
MaxAbsDifference(const std::vector<double> & a, const std::vector<double> & b)
{
  double worst = 0.0;
  for (size_t i = 0; i < a.size(); ++i)
  {
    worst = std::max(worst, std::abs(a[i] - b[i]));
  }
  return worst;
}

// Exact ||grad||^2 of the Neumann difference operator (spec: 4 sum_d sin^2(pi (n_d - 1) / (2 n_d))).
double
ExactOperatorNorm(const Sizes & size)
{
  double norm = 0.0;
  for (const auto n : size)
  {
    const double s = std::sin(3.14159265358979323846 * (n - 1.0) / (2.0 * n));
    norm += 4.0 * s * s;
  }
  return norm;
}

// Largest eigenvalue of -div grad by power iteration (Rayleigh quotient).
double
PowerIterationNorm(const Sizes & size, unsigned iterations)
{
  Solver solver = MakeSolver(size, 1.0);
  const size_t        n = Count(size);
  std::vector<double> v = RandomValues(n, 7, -1.0, 1.0);
  std::vector<double> gradient(size.size() * n);
  std::vector<double> w(n);
  double              rayleigh = 0.0;
  for (unsigned k = 0; k < iterations; ++k)
  {
    const double norm = std::sqrt(std::inner_product(v.begin(), v.end(), v.begin(), 0.0));
    for (auto & x : v)
    {
      x /= norm;
    }
    solver.Gradient(v.data(), gradient.data());
    solver.Divergence(gradient.data(), w.data());
    rayleigh = -std::inner_product(v.begin(), v.end(), w.begin(), 0.0);
    for (size_t i = 0; i < n; ++i)
    {
      v[i] = -w[i];
    }
  }
  return rayleigh;
}
} // namespace

TEST(TVDenoiseSolver, OperatorNormBoundIsTightAndSafe)
{
  EXPECT_NEAR(ExactOperatorNorm({ 64, 64 }), 7.99518, 1e-5);
  EXPECT_NEAR(ExactOperatorNorm({ 16, 16, 16 }), 11.88471, 1e-5);
  EXPECT_NEAR(ExactOperatorNorm({ 5 }), 3.61803, 1e-5);

  const double norm2D = PowerIterationNorm({ 64, 64 }, 4000);
  EXPECT_NEAR(norm2D, ExactOperatorNorm({ 64, 64 }), 2e-3);
  EXPECT_LE(norm2D, MakeSolver({ 64, 64 }, 1.0).GetOperatorNormBound());
  const double norm3D = PowerIterationNorm({ 16, 16, 16 }, 2000);
  EXPECT_NEAR(norm3D, ExactOperatorNorm({ 16, 16, 16 }), 2e-3);
  EXPECT_LE(norm3D, MakeSolver({ 16, 16, 16 }, 1.0).GetOperatorNormBound());
  // Axes of size 1 do not count: an (n, n, 1) grid has the 2-D bound.
  EXPECT_EQ(MakeSolver({ 64, 64, 1 }, 1.0).GetOperatorNormBound(), 8.0);
}

TEST(TVDenoiseSolver, DivergenceIsTheNegativeAdjointOfTheGradient)
{
  for (const Sizes & size : { Sizes{ 13, 11 }, Sizes{ 7, 6, 5 } })
  {
    const std::vector<double> allCoefficients{ 0.7, 1.3, 2.1 };
    Solver                    solver;
    solver.SetGrid(size, std::vector<double>(allCoefficients.begin(), allCoefficients.begin() + size.size()));
    const size_t        n = Count(size);
    std::vector<double> u = RandomValues(n, 1, -1.0, 1.0);
    std::vector<double> p = RandomValues(size.size() * n, 2, -1.0, 1.0);
    std::vector<double> gradient(size.size() * n);
    std::vector<double> divergence(n);
    solver.Gradient(u.data(), gradient.data());
    solver.Divergence(p.data(), divergence.data());
    const double gradientDotP = std::inner_product(gradient.begin(), gradient.end(), p.begin(), 0.0);
    const double uDotDivergence = std::inner_product(u.begin(), u.end(), divergence.begin(), 0.0);
    EXPECT_NEAR(gradientDotP + uDotDivergence, 0.0, 1e-12 * std::abs(gradientDotP));
  }
}

TEST(TVDenoiseSolver, ConstantImageIsAFixedPoint)
{
  for (const Sizes & size : { Sizes{ 9, 7 }, Sizes{ 5, 4, 6 } })
  {
    for (const auto norm : { Enums::Norm::Isotropic, Enums::Norm::Anisotropic })
    {
      for (const auto algorithm : { Enums::Algorithm::FGP, Enums::Algorithm::GP })
      {
        Solver solver = MakeSolver(size, 0.8, norm);
        solver.SetAlgorithm(algorithm);
        solver.SetMaximumNumberOfIterations(30);
        solver.SetStoppingCriterion(Enums::StoppingCriterion::None);
        const std::vector<double> f(Count(size), 0.37);
        std::vector<double>       u(f.size());
        solver.Solve(f.data(), u.data());
        EXPECT_EQ(MaxAbsDifference(u, f), 0.0);
        solver.SetBounds(0.0, 0.3);
        solver.ResetDual();
        solver.Solve(f.data(), u.data());
        EXPECT_EQ(MaxAbsDifference(u, std::vector<double>(f.size(), 0.3)), 0.0);
      }
    }
  }
}

// f = 0 on the first a samples along x, H on the remaining b: the exact discrete ROF solution is
// lambda / a and H - lambda / b when lambda (1/a + 1/b) < H, the mean otherwise.
TEST(TVDenoiseSolver, StepEdgeMatchesTheExactRofSolution)
{
  const double a = 16.0;
  const double b = 24.0;
  for (const Sizes & size : { Sizes{ 40, 30 }, Sizes{ 40, 10, 8 } })
  {
    std::vector<double> f(Count(size));
    for (size_t i = 0; i < f.size(); ++i)
    {
      f[i] = (i % 40) < 16 ? 0.0 : 1.0;
    }
    for (const auto norm : { Enums::Norm::Isotropic, Enums::Norm::Anisotropic })
    {
      Solver     solver = MakeSolver(size, 2.0, norm);
      const auto u = SolveToConvergence(solver, f);
      for (size_t i = 0; i < u.size(); ++i)
      {
        ASSERT_NEAR(u[i], (i % 40) < 16 ? 2.0 / a : 1.0 - 2.0 / b, 1e-5) << "pixel " << i;
      }
      Solver     strong = MakeSolver(size, 20.0, norm);
      const auto flat = SolveToConvergence(strong, f);
      EXPECT_LT(MaxAbsDifference(flat, std::vector<double>(f.size(), b / (a + b))), 1e-5);
    }
  }
}

TEST(TVDenoiseSolver, InvariancesOfTheRofProblem)
{
  const Sizes               size{ 24, 24 };
  const std::vector<double> f = RandomValues(Count(size), 3);
  Solver                    solver = MakeSolver(size, 0.3);
  const auto                u = SolveToConvergence(solver, f);

  // Mean preservation (no bounds): sum div p = 0.
  const double sumF = std::accumulate(f.begin(), f.end(), 0.0);
  const double sumU = std::accumulate(u.begin(), u.end(), 0.0);
  EXPECT_LE(std::abs(sumU - sumF), 1e-9 * f.size());

  // Scale and shift covariance: u(alpha f + beta, alpha lambda) = alpha u(f, lambda) + beta.
  const double        alpha = 2.5;
  const double        beta = -1.25;
  std::vector<double> g(f.size());
  std::vector<double> expected(f.size());
  for (size_t i = 0; i < f.size(); ++i)
  {
    g[i] = alpha * f[i] + beta;
    expected[i] = alpha * u[i] + beta;
  }
  Solver scaled = MakeSolver(size, alpha * 0.3);
  EXPECT_LT(MaxAbsDifference(SolveToConvergence(scaled, g), expected), 1e-6);

  // Isotropic TV on a square grid is invariant under transposition.
  std::vector<double> fT(f.size());
  for (size_t y = 0; y < 24; ++y)
  {
    for (size_t x = 0; x < 24; ++x)
    {
      fT[x * 24 + y] = f[y * 24 + x];
    }
  }
  Solver     transposed = MakeSolver(size, 0.3);
  const auto uT = SolveToConvergence(transposed, fT);
  double     worst = 0.0;
  for (size_t y = 0; y < 24; ++y)
  {
    for (size_t x = 0; x < 24; ++x)
    {
      worst = std::max(worst, std::abs(uT[x * 24 + y] - u[y * 24 + x]));
    }
  }
  EXPECT_LT(worst, 1e-6);
}

// The 64 x 64 test case of the specification: uniform noise plus a unit step, C = [0, inf).
TEST(TVDenoiseSolver, FastGradientProjectionConvergesFasterThanGradientProjection)
{
  const Sizes         size{ 64, 64 };
  std::vector<double> f = RandomValues(Count(size), 11);
  for (size_t i = 0; i < f.size(); ++i)
  {
    f[i] += (i % 64) >= 32 ? 1.0 : 0.0;
  }
  const auto gapHistory = [&](Enums::Algorithm algorithm, std::vector<double> & u) {
    Solver solver = MakeSolver(size, 0.15);
    solver.SetBounds(0.0, std::numeric_limits<double>::infinity());
    solver.SetAlgorithm(algorithm);
    solver.SetStoppingCriterion(Enums::StoppingCriterion::None);
    solver.SetMaximumNumberOfIterations(200);
    solver.SetCheckInterval(10);
    u.resize(f.size());
    const auto report = solver.Solve(f.data(), u.data());
    EXPECT_LE(report.Energy, solver.PrimalEnergy(f.data(), f.data()));
    return report.DualityGapHistory;
  };
  std::vector<double> uFGP;
  std::vector<double> uGP;
  const auto          fgp = gapHistory(Enums::Algorithm::FGP, uFGP);
  const auto          gp = gapHistory(Enums::Algorithm::GP, uGP);
  ASSERT_EQ(fgp.size(), 20u);
  EXPECT_GT(fgp[0], fgp[4]);   // G(10) > G(50)
  EXPECT_GT(fgp[4], fgp[19]);  // G(50) > G(200)
  EXPECT_LT(fgp[4], gp[4]);    // FGP ahead of GP at 50 ...
  EXPECT_LT(fgp[19], gp[19]);  // ... and at 200 iterations
  EXPECT_LT(fgp[19], 1e-2);
  std::cout << "gap at 10/50/200 iterations: FGP " << fgp[0] << " / " << fgp[4] << " / " << fgp[19] << ", GP " << gp[0]
            << " / " << gp[4] << " / " << gp[19] << std::endl;

  // Certificate: ||u_K - u*|| <= sqrt(2 G_K), u* from a long double-precision run.
  Solver reference = MakeSolver(size, 0.15);
  reference.SetBounds(0.0, std::numeric_limits<double>::infinity());
  reference.SetMaximumNumberOfIterations(10000);
  reference.SetTolerance(0.0);
  std::vector<double> uStar(f.size());
  reference.Solve(f.data(), uStar.data());
  double distance = 0.0;
  for (size_t i = 0; i < f.size(); ++i)
  {
    distance += (uFGP[i] - uStar[i]) * (uFGP[i] - uStar[i]);
  }
  EXPECT_LE(std::sqrt(distance), std::sqrt(2.0 * fgp[19]));
}

TEST(TVDenoiseSolver, GradientProjectionIncreasesTheDualObjectiveMonotonically)
{
  const Sizes               size{ 48, 40 };
  const std::vector<double> f = RandomValues(Count(size), 5);
  Solver                    solver = MakeSolver(size, 0.2);
  solver.SetAlgorithm(Enums::Algorithm::GP);
  solver.SetStoppingCriterion(Enums::StoppingCriterion::None);
  solver.SetMaximumNumberOfIterations(150);
  solver.SetCheckInterval(1);
  std::vector<double> u(f.size());
  const auto          report = solver.Solve(f.data(), u.data());
  ASSERT_EQ(report.EnergyHistory.size(), 150u);
  // Dual value q(p_k) = P(u(p_k)) - G(p_k) must not decrease (h(p_k) non-increasing).
  for (size_t k = 1; k < report.EnergyHistory.size(); ++k)
  {
    const double previous = report.EnergyHistory[k - 1] - report.DualityGapHistory[k - 1];
    const double current = report.EnergyHistory[k] - report.DualityGapHistory[k];
    ASSERT_GE(current, previous - 1e-12 * std::abs(previous)) << "iteration " << k + 1;
  }
}

TEST(TVDenoiseSolver, BoundsAreRespectedAndTheGapStillCloses)
{
  const Sizes         size{ 32, 32 };
  std::vector<double> f = RandomValues(Count(size), 9, -0.5, 1.5);
  Solver              nonNegative = MakeSolver(size, 0.1);
  nonNegative.SetBounds(0.0, std::numeric_limits<double>::infinity());
  const auto u = SolveToConvergence(nonNegative, f);
  EXPECT_GE(*std::min_element(u.begin(), u.end()), 0.0);

  Solver box = MakeSolver(size, 0.1);
  box.SetBounds(0.0, 1.0);
  const auto v = SolveToConvergence(box, f);
  EXPECT_GE(*std::min_element(v.begin(), v.end()), 0.0);
  EXPECT_LE(*std::max_element(v.begin(), v.end()), 1.0);
  EXPECT_GT(*std::max_element(f.begin(), f.end()), 1.0);
}

TEST(TVDenoiseSolver, ReferenceGradientProjectionWithOutputLag)
{
  const Sizes         size{ 20, 16 };
  const auto          f = RandomValues(Count(size), 13, -0.2, 1.0);
  std::vector<double> u(f.size());
  const auto          run = [&](itk::SizeValueType iterations) {
    Solver solver = MakeSolver(size, 1.0);
    solver.SetAlgorithm(Enums::Algorithm::ReferenceGPLag);
    solver.SetBounds(0.0, std::numeric_limits<double>::infinity());
    solver.SetMaximumNumberOfIterations(iterations);
    solver.Solve(f.data(), u.data());
  };
  run(0);
  EXPECT_EQ(*std::max_element(u.begin(), u.end()), 0.0);
  run(1);
  for (size_t i = 0; i < f.size(); ++i)
  {
    ASSERT_EQ(u[i], std::max(f[i], 0.0));
  }
  // |grad f| < 8 lambda: the first dual step is not projected, so u_2 = f + (1/8) Laplacian f.
  run(2);
  for (size_t y = 0; y < 16; ++y)
  {
    for (size_t x = 0; x < 20; ++x)
    {
      const size_t i = y * 20 + x;
      double       laplacian = 0.0;
      laplacian += x > 0 ? f[i - 1] - f[i] : 0.0;
      laplacian += x + 1 < 20 ? f[i + 1] - f[i] : 0.0;
      laplacian += y > 0 ? f[i - 20] - f[i] : 0.0;
      laplacian += y + 1 < 16 ? f[i + 20] - f[i] : 0.0;
      ASSERT_NEAR(u[i], std::max(f[i] + laplacian / 8.0, 0.0), 1e-9) << x << ", " << y;
    }
  }
}

TEST(TVDenoiseSolver, ResultsDoNotDependOnThreadsOrBlocking)
{
  for (const Sizes & size : { Sizes{ 50, 203 }, Sizes{ 17, 13, 41 } })
  {
    itk::TVDenoiseSolver<float> solver;
    solver.SetGrid(size, std::vector<double>(size.size(), 1.0));
    solver.SetLambda(0.2);
    solver.SetStoppingCriterion(Enums::StoppingCriterion::None);
    solver.SetMaximumNumberOfIterations(57);
    solver.SetCheckInterval(20);
    std::vector<float> f(Count(size));
    const auto         values = RandomValues(f.size(), 17);
    std::copy(values.begin(), values.end(), f.begin());
    std::vector<float> serial(f.size());
    solver.SetMaximumBlockDepth(1);
    solver.Solve(f.data(), serial.data());
    for (const unsigned workUnits : { 2u, 5u })
    {
      auto threader = itk::PoolMultiThreader::New();
      threader->SetNumberOfWorkUnits(workUnits);
      solver.SetMultiThreader(threader);
      solver.SetMaximumBlockDepth(16);
      solver.ResetDual();
      std::vector<float> threaded(f.size());
      solver.Solve(f.data(), threaded.data());
      for (size_t i = 0; i < f.size(); ++i)
      {
        ASSERT_EQ(threaded[i], serial[i]) << "pixel " << i << " with " << workUnits << " work units";
      }
      solver.SetMultiThreader(nullptr);
    }
  }
}

TEST(TVDenoiseSolver, OtherStoppingCriteriaStopEarly)
{
  const Sizes               size{ 40, 40 };
  const std::vector<double> f = RandomValues(Count(size), 19);
  for (const auto criterion : { Enums::StoppingCriterion::RelativeChange, Enums::StoppingCriterion::SkimageEnergy })
  {
    Solver solver = MakeSolver(size, 0.1);
    solver.SetStoppingCriterion(criterion);
    solver.SetTolerance(1e-4);
    solver.SetMaximumNumberOfIterations(2000);
    std::vector<double> u(f.size());
    const auto          report = solver.Solve(f.data(), u.data());
    EXPECT_TRUE(report.Converged);
    EXPECT_LT(report.NumberOfIterations, 2000u);
    EXPECT_LT(report.DualityGap, 1e-2 * report.Energy);
  }
}

TEST(TVDenoiseSolver, WarmStartFromAConvergedDualStopsAtTheFirstCheck)
{
  const Sizes               size{ 30, 30 };
  const std::vector<double> f = RandomValues(Count(size), 23);
  Solver                    solver = MakeSolver(size, 0.25);
  solver.SetTolerance(1e-8);
  std::vector<double> u(f.size());
  const auto          cold = solver.Solve(f.data(), u.data());
  ASSERT_TRUE(cold.Converged);
  const auto warm = solver.Solve(f.data(), u.data());
  EXPECT_TRUE(warm.Converged);
  EXPECT_EQ(warm.NumberOfIterations, 10u);
  EXPECT_GT(cold.NumberOfIterations, 10u);
}

TEST(TVDenoiseSolver, RejectsInvalidSettings)
{
  Solver solver;
  double value = 0.0;
  EXPECT_THROW(solver.Solve(&value, &value), itk::ExceptionObject); // no grid
  EXPECT_THROW(solver.SetGrid({ 4, 0 }, { 1.0, 1.0 }), itk::ExceptionObject);
  EXPECT_THROW(solver.SetGrid({ 4, 4 }, { 1.0 }), itk::ExceptionObject);
  EXPECT_THROW(solver.SetGrid({ 4, 4 }, { 1.0, -1.0 }), itk::ExceptionObject);
  EXPECT_THROW(solver.SetGrid({ 2, 2, 2, 2 }, { 1.0, 1.0, 1.0, 1.0 }), itk::ExceptionObject);
  solver.SetGrid({ 4, 4 }, { 1.0, 1.0 });
  std::vector<double> f(16, 1.0);
  std::vector<double> u(16);
  solver.SetLambda(-1.0);
  EXPECT_THROW(solver.Solve(f.data(), u.data()), itk::ExceptionObject);
  solver.SetLambda(1.0);
  solver.SetBounds(1.0, 0.0);
  EXPECT_THROW(solver.Solve(f.data(), u.data()), itk::ExceptionObject);
}

// With every gradient below delta the Huber penalty is quadratic, lambda |grad u|^2 / (2 delta),
// and the minimiser solves the linear system u - f - (lambda / delta) Laplacian u = 0.
TEST(TVDenoiseSolver, HuberSmoothingBecomesQuadraticBelowDelta)
{
  const Sizes               size{ 30, 22 };
  const std::vector<double> f = RandomValues(Count(size), 29);
  const double              lambda = 0.8;
  const double              delta = 10.0; // data in [0, 1): all differences are far below delta
  Solver                    solver = MakeSolver(size, lambda);
  solver.SetHuberDelta(delta);
  const auto report = [&] {
    std::vector<double> u(f.size());
    const auto          r = solver.Solve(f.data(), u.data());
    return std::make_pair(r, u);
  }();
  const auto & u = report.second;
  EXPECT_TRUE(report.first.Converged);
  double worst = 0.0;
  for (size_t y = 0; y < 22; ++y)
  {
    for (size_t x = 0; x < 30; ++x)
    {
      const size_t i = y * 30 + x;
      double       laplacian = 0.0;
      laplacian += x > 0 ? u[i - 1] - u[i] : 0.0;
      laplacian += x + 1 < 30 ? u[i + 1] - u[i] : 0.0;
      laplacian += y > 0 ? u[i - 30] - u[i] : 0.0;
      laplacian += y + 1 < 22 ? u[i + 30] - u[i] : 0.0;
      worst = std::max(worst, std::abs(u[i] - f[i] - lambda / delta * laplacian));
    }
  }
  EXPECT_LT(worst, 1e-6);

  // delta = 0 is plain TV.
  Solver tv = MakeSolver(size, lambda);
  Solver huberZero = MakeSolver(size, lambda);
  huberZero.SetHuberDelta(0.0);
  EXPECT_EQ(MaxAbsDifference(SolveToConvergence(tv, f), SolveToConvergence(huberZero, f)), 0.0);
}

// argmin_{u >= 0} 1/2 |u - f|^2 + tau (m u - c ln(u + eps)) in closed form, checked against the
// stationarity condition; then with TV coupling, FGP agrees with a long GP run and the duality
// gap certifies the distance.
TEST(TVDenoiseSolver, PoissonDataTermProximalOperator)
{
  const Sizes               size{ 24, 20 };
  const size_t              n = Count(size);
  const std::vector<double> f = RandomValues(n, 31, -1.0, 3.0);
  std::vector<double>       counts(n);
  std::mt19937              generator(37);
  std::poisson_distribution<int> poisson(1.5);
  for (auto & c : counts)
  {
    c = poisson(generator);
  }
  const double tau = 0.7;
  const double linear = 1.3;
  const double epsilon = 1e-3;

  Solver uncoupled;
  uncoupled.SetGrid(size, { 0.0, 0.0 }); // no TV coupling: the pointwise prox
  uncoupled.SetLambda(1.0);
  uncoupled.SetPoissonDataTerm(counts.data(), tau, linear, epsilon);
  std::vector<double> u(n);
  uncoupled.Solve(f.data(), u.data());
  for (size_t i = 0; i < n; ++i)
  {
    ASSERT_GE(u[i], 0.0);
    const double stationarity = u[i] - f[i] + tau * (linear - counts[i] / (u[i] + epsilon));
    if (u[i] > 0.0)
    {
      ASSERT_NEAR(stationarity, 0.0, 1e-9) << i;
    }
    else
    {
      ASSERT_GE(stationarity, -1e-12) << i; // at the bound the derivative points outwards
    }
  }

  Solver fgp = MakeSolver(size, 0.4);
  fgp.SetPoissonDataTerm(counts.data(), tau, linear, epsilon);
  std::vector<double> uFast(n);
  const auto          report = fgp.Solve(f.data(), uFast.data());
  EXPECT_LE(report.DualityGap, 1e-9 * report.Energy);
  Solver gp = MakeSolver(size, 0.4);
  gp.SetAlgorithm(Enums::Algorithm::GP);
  gp.SetPoissonDataTerm(counts.data(), tau, linear, epsilon);
  gp.SetTolerance(0.0);
  gp.SetMaximumNumberOfIterations(20000);
  std::vector<double> uSlow(n);
  const auto          slow = gp.Solve(f.data(), uSlow.data());
  double              distance = 0.0;
  for (size_t i = 0; i < n; ++i)
  {
    distance += (uFast[i] - uSlow[i]) * (uFast[i] - uSlow[i]);
  }
  // Each solution is within sqrt(2 G) of the minimiser (gaps may round to tiny negatives).
  EXPECT_LE(std::sqrt(distance),
            std::sqrt(2.0 * std::max(0.0, slow.DualityGap)) + std::sqrt(2.0 * std::max(0.0, report.DualityGap)) + 1e-12);
  EXPECT_LT(MaxAbsDifference(uFast, uSlow), 1e-4);
  EXPECT_GE(*std::min_element(uFast.begin(), uFast.end()), 0.0);
}
