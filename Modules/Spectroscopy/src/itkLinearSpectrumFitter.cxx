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

#include "itkEMKernelSupport.h"
#include "itkMacro.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>

namespace itk
{
const char *
Describe(FitStatusEnum status)
{
  switch (status)
  {
    case FitStatusEnum::Fitted:
      return "fitted";
    case FitStatusEnum::NotConverged:
      return "Poisson ML did not converge (values kept)";
    case FitStatusEnum::NoCounts:
      return "no counts";
    case FitStatusEnum::NonFiniteData:
      return "non-finite data";
    case FitStatusEnum::TooFewChannels:
      return "fewer fitted channels than parameters";
    case FitStatusEnum::ZeroColumn:
      return "a model column is zero on the fitted channels";
    case FitStatusEnum::Singular:
      return "the model's columns are linearly dependent";
    case FitStatusEnum::ConstrainedNotConverged:
      return "the constrained solver did not converge";
    case FitStatusEnum::SingularFisher:
      return "the Fisher information is singular";
    case FitStatusEnum::UnusableLowLoss:
      return "the low loss has no zero loss";
  }
  return "unknown";
}

std::ostream &
operator<<(std::ostream & os, FitStatusEnum status)
{
  return os << Describe(status);
}

namespace
{
// The loops over channels, vectorised (see itkEMKernelSupport.h). Sums use eight partial sums in
// a fixed order, so every instruction-set clone gives the same result.
constexpr SizeValueType Lanes = 8;

EM_KERNEL_CLONES double
Dot(const double * a, const double * b, SizeValueType n)
{
  double        partial[Lanes] = {};
  SizeValueType k = 0;
  for (; k + Lanes <= n; k += Lanes)
  {
    for (SizeValueType l = 0; l < Lanes; ++l)
    {
      partial[l] += a[k + l] * b[k + l];
    }
  }
  for (SizeValueType l = 0; k < n; ++k, ++l)
  {
    partial[l] += a[k] * b[k];
  }
  double sum = 0.0;
  for (const double v : partial)
  {
    sum += v;
  }
  return sum;
}

EM_KERNEL_CLONES double
Sum(const double * a, SizeValueType n)
{
  double        partial[Lanes] = {};
  SizeValueType k = 0;
  for (; k + Lanes <= n; k += Lanes)
  {
    for (SizeValueType l = 0; l < Lanes; ++l)
    {
      partial[l] += a[k + l];
    }
  }
  for (SizeValueType l = 0; k < n; ++k, ++l)
  {
    partial[l] += a[k];
  }
  double sum = 0.0;
  for (const double v : partial)
  {
    sum += v;
  }
  return sum;
}

// Per channel: Pearson chi^2 and Poisson deviance terms of the data y against the model m
// (floored), and the Fisher weights 1 / max(m, floor) (0 where m <= 0).
EM_KERNEL_CLONES void
GoodnessOfFitTerms(const double * __restrict y, const double * __restrict m, double floor,
                   double * __restrict chiSquare, double * __restrict deviance, double * __restrict weights,
                   SizeValueType n)
{
  for (SizeValueType k = 0; k < n; ++k)
  {
    const double inverse = 1.0 / (m[k] > floor ? m[k] : floor);
    const double r = y[k] - m[k];
    chiSquare[k] = r * r * inverse;
    const double logRatio = NaturalLog((y[k] > floor ? y[k] : floor) * inverse);
    deviance[k] = 2.0 * ((y[k] > 0.0 ? y[k] * logRatio : 0.0) - r);
    weights[k] = m[k] > 0.0 ? inverse : 0.0;
  }
}

// out = a * b, element by element.
EM_KERNEL_CLONES void
Multiply(const double * __restrict a, const double * __restrict b, double * __restrict out, SizeValueType n)
{
  for (SizeValueType k = 0; k < n; ++k)
  {
    out[k] = a[k] * b[k];
  }
}

// y += c x.
EM_KERNEL_CLONES void
AddScaled(double c, const double * __restrict x, double * __restrict y, SizeValueType n)
{
  for (SizeValueType k = 0; k < n; ++k)
  {
    y[k] += c * x[k];
  }
}

// Lower Cholesky factor of the p x p symmetric matrix a (row-major); false unless positive
// definite with every pivot above 1e-13 of the largest diagonal (unit diagonals here).
bool
Cholesky(const std::vector<double> & a, unsigned int p, std::vector<double> & l)
{
  l.assign(static_cast<size_t>(p) * p, 0.0);
  for (unsigned int i = 0; i < p; ++i)
  {
    for (unsigned int j = 0; j <= i; ++j)
    {
      double sum = a[i * p + j];
      for (unsigned int k = 0; k < j; ++k)
      {
        sum -= l[i * p + k] * l[j * p + k];
      }
      if (i == j)
      {
        if (!(sum > 1e-13))
        {
          return false;
        }
        l[i * p + i] = std::sqrt(sum);
      }
      else
      {
        l[i * p + j] = sum / l[j * p + j];
      }
    }
  }
  return true;
}

// Solves L L^T x = b in place.
void
CholeskySolve(const std::vector<double> & l, unsigned int p, double * x)
{
  for (unsigned int i = 0; i < p; ++i)
  {
    for (unsigned int k = 0; k < i; ++k)
    {
      x[i] -= l[i * p + k] * x[k];
    }
    x[i] /= l[i * p + i];
  }
  for (unsigned int i = p; i-- > 0;)
  {
    for (unsigned int k = i + 1; k < p; ++k)
    {
      x[i] -= l[k * p + i] * x[k];
    }
    x[i] /= l[i * p + i];
  }
}

// Solves the symmetric positive definite m x m system a x = b (row-major; both overwritten) by
// Cholesky after scaling a to unit diagonal; false when a is not positive definite.
bool
SolveSymmetricPositiveDefinite(std::vector<double> & a, std::vector<double> & b, unsigned int m,
                               std::vector<double> & factor)
{
  std::vector<double> scale(m);
  for (unsigned int i = 0; i < m; ++i)
  {
    if (!(a[i * m + i] > 0.0))
    {
      return false;
    }
    scale[i] = 1.0 / std::sqrt(a[i * m + i]);
  }
  for (unsigned int i = 0; i < m; ++i)
  {
    b[i] *= scale[i];
    for (unsigned int j = 0; j < m; ++j)
    {
      a[i * m + j] *= scale[i] * scale[j];
    }
  }
  if (!Cholesky(a, m, factor))
  {
    return false;
  }
  CholeskySolve(factor, m, b.data());
  for (unsigned int i = 0; i < m; ++i)
  {
    b[i] *= scale[i];
  }
  return true;
}
} // namespace

LinearSpectrumFitter::LinearSpectrumFitter(unsigned int columns, Settings settings)
  : m_Columns(columns)
  , m_Settings(std::move(settings))
{
  if (columns == 0)
  {
    itkGenericExceptionMacro(<< "LinearSpectrumFitter: the model has no columns");
  }
  for (auto & row : m_Settings.Constraints)
  {
    if (row.size() != columns)
    {
      itkGenericExceptionMacro(<< "LinearSpectrumFitter: a constraint row has " << row.size() << " values for "
                               << columns << " columns");
    }
  }
  if (!(m_Settings.ModelFloor > 0.0) || !(m_Settings.Tolerance > 0.0))
  {
    itkGenericExceptionMacro(<< "LinearSpectrumFitter: ModelFloor and Tolerance must be > 0");
  }
}

FitStatusEnum
LinearSpectrumFitter::SolveWeighted(const double * const * columns, const double * y, SizeValueType n,
                                    Workspace & w) const
{
  const unsigned int p = m_Columns;
  w.m_Weighted.resize(static_cast<size_t>(p) * n);
  w.m_Gram.assign(static_cast<size_t>(p) * p, 0.0);
  w.m_Rhs.resize(p);
  w.m_Scale.resize(p);
  for (unsigned int i = 0; i < p; ++i)
  {
    double * weighted = w.m_Weighted.data() + static_cast<size_t>(i) * n;
    Multiply(w.m_Weights.data(), columns[i], weighted, n);
    for (unsigned int j = 0; j <= i; ++j)
    {
      w.m_Gram[i * p + j] = w.m_Gram[j * p + i] = Dot(weighted, columns[j], n);
    }
    w.m_Rhs[i] = Dot(weighted, y, n);
    if (!(w.m_Gram[i * p + i] > 0.0) || !std::isfinite(w.m_Gram[i * p + i]))
    {
      return FitStatusEnum::ZeroColumn; // a zero (or non-finite) column
    }
    w.m_Scale[i] = 1.0 / std::sqrt(w.m_Gram[i * p + i]);
  }
  for (unsigned int i = 0; i < p; ++i)
  {
    w.m_Rhs[i] *= w.m_Scale[i];
    for (unsigned int j = 0; j < p; ++j)
    {
      w.m_Gram[i * p + j] *= w.m_Scale[i] * w.m_Scale[j];
    }
  }
  if (!m_Settings.Constraints.empty())
  {
    return this->SolveConstrained(w) ? FitStatusEnum::Fitted : FitStatusEnum::ConstrainedNotConverged;
  }
  if (!Cholesky(w.m_Gram, p, w.m_Factor))
  {
    return FitStatusEnum::Singular;
  }
  w.m_Solution = w.m_Rhs;
  CholeskySolve(w.m_Factor, p, w.m_Solution.data());
  // One step of iterative refinement against the weighted residual.
  w.m_Scratch.assign(y, y + n);
  for (unsigned int j = 0; j < p; ++j)
  {
    AddScaled(-w.m_Scale[j] * w.m_Solution[j], columns[j], w.m_Scratch.data(), n);
  }
  w.m_Step.resize(p);
  for (unsigned int i = 0; i < p; ++i)
  {
    w.m_Step[i] = w.m_Scale[i] * Dot(w.m_Weighted.data() + static_cast<size_t>(i) * n, w.m_Scratch.data(), n);
  }
  CholeskySolve(w.m_Factor, p, w.m_Step.data());
  for (unsigned int i = 0; i < p; ++i)
  {
    w.m_Solution[i] += w.m_Step[i];
  }
  return FitStatusEnum::Fitted;
}

bool
LinearSpectrumFitter::SolveConstrained(Workspace & w) const
{
  // Primal active set (Nocedal & Wright, Numerical Optimization, algorithm 16.3) on the scaled
  // unknowns z: minimise z^T G z / 2 - h^T z subject to r_i . z >= 0, r_i the rows scaled like z
  // and normalised. z = 0 is feasible with every row active; the working set starts empty.
  const unsigned int p = m_Columns;
  const auto         rows = static_cast<unsigned int>(m_Settings.Constraints.size());
  // Scratch of the workspace, so that no pixel allocates once the first has sized it.
  auto & q = w.m_Constrained;
  auto & r = q.Rows;
  r.assign(static_cast<size_t>(rows) * p, 0.0);
  for (unsigned int i = 0; i < rows; ++i)
  {
    double norm = 0.0;
    for (unsigned int j = 0; j < p; ++j)
    {
      r[i * p + j] = m_Settings.Constraints[i][j] * w.m_Scale[j];
      norm += r[i * p + j] * r[i * p + j];
    }
    norm = std::sqrt(norm);
    for (unsigned int j = 0; j < p && norm > 0.0; ++j)
    {
      r[i * p + j] /= norm;
    }
  }
  // The step d and the multipliers lambda of the equality problem on the working set W, from the
  // Cholesky factor of G: d = G^-1 (R_W^T lambda - g), (R_W G^-1 R_W^T) lambda = R_W G^-1 g.
  if (!Cholesky(w.m_Gram, p, w.m_Factor))
  {
    return false;
  }
  auto & inverseRows = q.InverseRows; // G^-1 r_i
  inverseRows.resize(static_cast<size_t>(rows) * p);
  for (unsigned int i = 0; i < rows; ++i)
  {
    std::copy(r.begin() + i * p, r.begin() + (i + 1) * p, inverseRows.begin() + i * p);
    CholeskySolve(w.m_Factor, p, inverseRows.data() + static_cast<size_t>(i) * p);
  }
  auto & z = q.Z;
  auto & g = q.G;
  auto & inverseG = q.InverseG;
  auto & schur = q.Schur;
  auto & lambda = q.Lambda;
  auto & rhs = q.Step;
  auto & schurFactor = q.Factor;
  auto & working = q.Working;
  auto & inWorking = q.InWorking;
  z.assign(p, 0.0);
  g.resize(p);
  rhs.resize(p);
  working.clear();
  inWorking.assign(rows, 0);
  const unsigned int        maximumSteps = 50 + 10 * (rows + p);
  for (unsigned int step = 0; step < maximumSteps; ++step)
  {
    for (unsigned int i = 0; i < p; ++i)
    {
      g[i] = -w.m_Rhs[i] + Dot(w.m_Gram.data() + static_cast<size_t>(i) * p, z.data(), p);
    }
    inverseG = g;
    CholeskySolve(w.m_Factor, p, inverseG.data());
    const auto m = static_cast<unsigned int>(working.size());
    schur.assign(static_cast<size_t>(m) * m, 0.0);
    lambda.assign(m, 0.0);
    for (unsigned int a = 0; a < m; ++a)
    {
      const double * ra = r.data() + static_cast<size_t>(working[a]) * p;
      lambda[a] = Dot(ra, inverseG.data(), p);
      for (unsigned int b = 0; b < m; ++b)
      {
        schur[a * m + b] = Dot(ra, inverseRows.data() + static_cast<size_t>(working[b]) * p, p);
      }
    }
    if (m > 0 && !SolveSymmetricPositiveDefinite(schur, lambda, m, schurFactor))
    {
      return false;
    }
    for (unsigned int i = 0; i < p; ++i)
    {
      rhs[i] = -inverseG[i];
      for (unsigned int a = 0; a < m; ++a)
      {
        rhs[i] += inverseRows[static_cast<size_t>(working[a]) * p + i] * lambda[a];
      }
    }
    rhs.resize(p + m);
    std::copy(lambda.begin(), lambda.end(), rhs.begin() + p);
    // At the minimiser over the working set: optimal when no multiplier is negative, else the
    // row with the most negative one leaves the working set.
    const auto optimalOrRelease = [&]() {
      unsigned int leaving = 0;
      double       lowest = -1e-12;
      for (unsigned int a = 0; a < working.size(); ++a)
      {
        if (rhs[p + a] < lowest)
        {
          lowest = rhs[p + a];
          leaving = a + 1;
        }
      }
      if (leaving == 0)
      {
        // Rows on a single unknown (x_e >= 0) hold it at exactly 0, not at -1e-17.
        for (const unsigned int a : working)
        {
          const auto nonZero = std::count_if(r.begin() + a * p, r.begin() + (a + 1) * p, [](double v) { return v != 0.0; });
          for (unsigned int j = 0; j < p && nonZero == 1; ++j)
          {
            z[j] = r[a * p + j] != 0.0 ? 0.0 : z[j];
          }
        }
        return true;
      }
      inWorking[working[leaving - 1]] = 0;
      working.erase(working.begin() + (leaving - 1));
      return false;
    };
    double stepNorm = 0.0, size = 1.0;
    for (unsigned int i = 0; i < p; ++i)
    {
      stepNorm = std::max(stepNorm, std::abs(rhs[i]));
      size = std::max(size, std::abs(z[i]));
    }
    if (stepNorm <= 1e-12 * size)
    {
      if (optimalOrRelease())
      {
        w.m_Solution = z;
        return true;
      }
      continue;
    }
    // A row that is numerically a combination of the working rows cannot block in exact
    // arithmetic (the step keeps those at 0); adding it would make the system singular.
    const auto independent = [&](unsigned int candidate) {
      auto & rowsOf = q.Candidate;
      rowsOf.assign(working.begin(), working.end());
      rowsOf.push_back(candidate);
      const auto k = static_cast<unsigned int>(rowsOf.size());
      auto &     gram = q.CandidateGram;
      auto &     scale = q.CandidateScale;
      gram.resize(static_cast<size_t>(k) * k);
      scale.resize(k);
      for (unsigned int a = 0; a < k; ++a)
      {
        for (unsigned int b = 0; b < k; ++b)
        {
          gram[a * k + b] = Dot(r.data() + static_cast<size_t>(rowsOf[a]) * p,
                                inverseRows.data() + static_cast<size_t>(rowsOf[b]) * p, p);
        }
      }
      for (unsigned int a = 0; a < k; ++a)
      {
        scale[a] = 1.0 / std::sqrt(gram[a * k + a]);
      }
      for (unsigned int a = 0; a < k; ++a)
      {
        for (unsigned int b = 0; b < k; ++b)
        {
          gram[a * k + b] *= scale[a] * scale[b];
        }
      }
      return Cholesky(gram, k, q.CandidateFactor);
    };
    double            alpha = 1.0;
    int               blocking = -1;
    auto & dependent = q.Dependent;
    dependent.assign(rows, 0);
    for (bool searching = true; searching;)
    {
      alpha = 1.0;
      blocking = -1;
      double steepest = 0.0;
      for (unsigned int i = 0; i < rows; ++i)
      {
        const double rd = Dot(r.data() + static_cast<size_t>(i) * p, rhs.data(), p);
        if (inWorking[i] || dependent[i] || rd >= 0.0)
        {
          continue;
        }
        const double t = std::max(0.0, -Dot(r.data() + static_cast<size_t>(i) * p, z.data(), p) / rd);
        if (t < alpha || (t == alpha && blocking >= 0 && rd < steepest))
        {
          alpha = t;
          steepest = rd;
          blocking = static_cast<int>(i);
        }
      }
      searching = blocking >= 0 && !independent(static_cast<unsigned int>(blocking));
      if (searching)
      {
        dependent[blocking] = true;
      }
    }
    for (unsigned int i = 0; i < p; ++i)
    {
      z[i] += alpha * rhs[i];
    }
    if (blocking >= 0)
    {
      working.push_back(static_cast<unsigned int>(blocking));
      inWorking[blocking] = 1;
    }
    else if (optimalOrRelease()) // a full step reaches the minimiser; its multipliers are known
    {
      w.m_Solution = z;
      return true;
    }
  }
  return false;
}

void
LinearSpectrumFitter::Fit(const double * const * columns, const double * y, SizeValueType n, Result & result,
                          Workspace & w) const
{
  const unsigned int p = m_Columns;
  const double       nan = std::numeric_limits<double>::quiet_NaN();
  result.Coefficients.assign(p, nan);
  result.CRLB.assign(p, nan);
  result.Covariance.clear();
  result.ReducedChiSquare = result.ReducedDeviance = nan;
  result.NonPositiveModelChannels = 0;
  result.Iterations = 0;
  result.Valid = false;
  result.Status = FitStatusEnum::TooFewChannels;
  if (n <= p)
  {
    return;
  }
  w.m_Weights.resize(n);
  bool empty = true;
  for (SizeValueType k = 0; k < n; ++k)
  {
    if (!std::isfinite(y[k]))
    {
      result.Status = FitStatusEnum::NonFiniteData;
      return;
    }
    empty = empty && y[k] == 0.0;
    w.m_Weights[k] = m_Settings.Fitter == QuantificationFitterEnum::OrdinaryLeastSquares ? 1.0 : 1.0 / std::max(y[k], 1.0);
  }
  if (empty)
  {
    result.Status = FitStatusEnum::NoCounts; // nothing to fit
    return;
  }
  const auto model = [&]() {
    w.m_Model.assign(n, 0.0);
    for (unsigned int j = 0; j < p; ++j)
    {
      AddScaled(w.m_Scale[j] * w.m_Solution[j], columns[j], w.m_Model.data(), n);
    }
  };
  result.Status = this->SolveWeighted(columns, y, n, w);
  if (result.Status != FitStatusEnum::Fitted)
  {
    return;
  }
  result.Iterations = 1;
  if (m_Settings.Fitter == QuantificationFitterEnum::PoissonMaximumLikelihood)
  {
    bool converged = false;
    for (unsigned int iteration = 0; iteration < m_Settings.MaximumIterations && !converged; ++iteration)
    {
      model();
      for (SizeValueType k = 0; k < n; ++k)
      {
        w.m_Weights[k] = 1.0 / std::max(w.m_Model[k], m_Settings.ModelFloor);
      }
      w.m_Previous.resize(p);
      for (unsigned int j = 0; j < p; ++j)
      {
        w.m_Previous[j] = w.m_Scale[j] * w.m_Solution[j];
      }
      result.Status = this->SolveWeighted(columns, y, n, w);
      if (result.Status != FitStatusEnum::Fitted)
      {
        return;
      }
      ++result.Iterations;
      // Changes in units of each column's weighted norm: of its contribution to the model.
      double change = 0.0, size = 0.0;
      for (unsigned int j = 0; j < p; ++j)
      {
        change = std::max(change, std::abs(w.m_Scale[j] * w.m_Solution[j] - w.m_Previous[j]) / w.m_Scale[j]);
        size = std::max(size, std::abs(w.m_Solution[j]));
      }
      converged = change <= m_Settings.Tolerance * size;
    }
    result.Status = converged ? FitStatusEnum::Fitted : FitStatusEnum::NotConverged;
  }
  model();
  const double degrees = static_cast<double>(n - p);
  w.m_Scratch.resize(n);
  w.m_Terms.resize(n);
  GoodnessOfFitTerms(y, w.m_Model.data(), m_Settings.ModelFloor, w.m_Scratch.data(), w.m_Terms.data(),
                     w.m_Weights.data(), n);
  const double chiSquare = Sum(w.m_Scratch.data(), n);
  const double deviance = Sum(w.m_Terms.data(), n);
  result.NonPositiveModelChannels = static_cast<SizeValueType>(
    std::count_if(w.m_Model.begin(), w.m_Model.end(), [](double m) { return !(m > 0.0); }));
  for (unsigned int j = 0; j < p; ++j)
  {
    result.Coefficients[j] = w.m_Scale[j] * w.m_Solution[j];
  }
  result.ReducedChiSquare = chiSquare / degrees;
  result.ReducedDeviance = deviance / degrees;
  if (!this->FisherBound(columns, n, result, w))
  {
    result.Coefficients.assign(p, nan);
    result.Status = FitStatusEnum::SingularFisher;
    return;
  }
  result.Valid = true;
}

bool
LinearSpectrumFitter::FisherBound(const double * const * columns, SizeValueType n, Result & result, Workspace & w) const
{
  // Fisher information with the weights in w.m_Weights, scaled like the normal equations.
  const unsigned int    p = m_Columns;
  std::vector<double> & fisher = w.m_Gram;
  std::vector<double> & scale = w.m_FisherScale;
  scale.resize(p);
  fisher.assign(static_cast<size_t>(p) * p, 0.0);
  w.m_Weighted.resize(static_cast<size_t>(p) * n);
  for (unsigned int i = 0; i < p; ++i)
  {
    double * weighted = w.m_Weighted.data() + static_cast<size_t>(i) * n;
    Multiply(w.m_Weights.data(), columns[i], weighted, n);
    for (unsigned int j = 0; j <= i; ++j)
    {
      fisher[i * p + j] = fisher[j * p + i] = Dot(weighted, columns[j], n);
    }
    if (!(fisher[i * p + i] > 0.0))
    {
      return false;
    }
    scale[i] = 1.0 / std::sqrt(fisher[i * p + i]);
  }
  for (unsigned int i = 0; i < p; ++i)
  {
    for (unsigned int j = 0; j < p; ++j)
    {
      fisher[i * p + j] *= scale[i] * scale[j];
    }
  }
  if (!Cholesky(fisher, p, w.m_Factor))
  {
    return false;
  }
  result.CRLB.assign(p, 0.0);
  result.Covariance.resize(static_cast<size_t>(p) * p);
  for (unsigned int i = 0; i < p; ++i)
  {
    w.m_Step.assign(p, 0.0);
    w.m_Step[i] = 1.0;
    CholeskySolve(w.m_Factor, p, w.m_Step.data());
    for (unsigned int j = 0; j < p; ++j)
    {
      result.Covariance[j * p + i] = scale[i] * scale[j] * w.m_Step[j];
    }
    result.CRLB[i] = std::sqrt(result.Covariance[i * p + i]);
  }
  return true;
}

bool
LinearSpectrumFitter::CramerRaoBound(const double * const * columns, const double * coefficients, SizeValueType n,
                                     Result & result, Workspace & w) const
{
  w.m_Model.assign(n, 0.0);
  for (unsigned int j = 0; j < m_Columns; ++j)
  {
    AddScaled(coefficients[j], columns[j], w.m_Model.data(), n);
  }
  w.m_Weights.resize(n);
  for (SizeValueType k = 0; k < n; ++k)
  {
    const double m = w.m_Model[k];
    w.m_Weights[k] = m > 0.0 ? 1.0 / std::max(m, m_Settings.ModelFloor) : 0.0;
  }
  return this->FisherBound(columns, n, result, w);
}
} // end namespace itk
