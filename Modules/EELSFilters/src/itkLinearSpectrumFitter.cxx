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
  if (!w.m_Factor.Compute(w.m_Gram.data(), p, 1e-13))
  {
    return FitStatusEnum::Singular;
  }
  w.m_Solution = w.m_Rhs;
  w.m_Factor.Solve(w.m_Solution.data());
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
  w.m_Factor.Solve(w.m_Step.data());
  for (unsigned int i = 0; i < p; ++i)
  {
    w.m_Solution[i] += w.m_Step[i];
  }
  return FitStatusEnum::Fitted;
}

bool
LinearSpectrumFitter::SolveConstrained(Workspace & w) const
{
  // On the scaled unknowns z (unit diagonal of G): the rows r_i scaled like z, and normalised.
  const unsigned int p = m_Columns;
  const auto         rows = static_cast<unsigned int>(m_Settings.Constraints.size());
  auto &             r = w.m_Rows;
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
  return w.m_Program.Solve(w.m_Gram, w.m_Rhs, r, p, w.m_Solution);
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
  if (!w.m_Factor.Compute(fisher.data(), p, 1e-13))
  {
    return false;
  }
  result.CRLB.assign(p, 0.0);
  result.Covariance.resize(static_cast<size_t>(p) * p);
  for (unsigned int i = 0; i < p; ++i)
  {
    w.m_Step.assign(p, 0.0);
    w.m_Step[i] = 1.0;
    w.m_Factor.Solve(w.m_Step.data());
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
