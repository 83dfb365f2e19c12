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
#include "itkFusionReferenceSolver.h"

#include "itkEMParallelRanges.h"
#include "itkMacro.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace itk
{
template <typename TReal>
void
FusionReferenceSolver<TReal>::SetGrid(SizeValueType width, SizeValueType height)
{
  if (width == 0 || height == 0)
  {
    itkGenericExceptionMacro(<< "FusionReferenceSolver: empty grid " << width << " x " << height);
  }
  m_Width = width;
  m_Height = height;
}

template <typename TReal>
SizeValueType
FusionReferenceSolver<TReal>::NumberOfRanges() const
{
  // One range per thread: more ranges only add dispatch overhead to these uniform loops.
  const SizeValueType units =
    m_MultiThreader != nullptr
      ? std::min<SizeValueType>(m_MultiThreader->GetNumberOfWorkUnits(), m_MultiThreader->GetMaximumNumberOfThreads())
      : 1;
  return std::max<SizeValueType>(1, std::min(units, m_Height));
}

template <typename TReal>
template <typename TFunction>
void
FusionReferenceSolver<TReal>::ForEachRange(TFunction && function)
{
  // Row ranges, one per work unit; every per-pixel result is independent of their number.
  const SizeValueType units = this->NumberOfRanges();
  const auto          range = [&, units](SizeValueType unit) {
    const SizeValueType firstRow = unit * m_Height / units;
    const SizeValueType lastRow = (unit + 1) * m_Height / units;
    function(unit, firstRow * m_Width, lastRow * m_Width);
  };
  EMParallelRanges(m_MultiThreader, units, 1, [&](SizeValueType unit, SizeValueType, SizeValueType) { range(unit); });
}

template <typename TReal>
void
FusionReferenceSolver<TReal>::ComputeCosts(const FusionHAADFModel &           haadfModel,
                                           const std::vector<const TReal *> & x0,
                                           const TReal *                      haadf,
                                           const std::vector<TReal *> &       x,
                                           double &                           haadfCost,
                                           double &                           chemCost,
                                           double &                           tvCost)
{
  const auto         n = static_cast<unsigned int>(x.size());
  std::vector<const TReal *> maps(x.begin(), x.end());
  const SizeValueType width = m_Width;
  const SizeValueType height = m_Height;
  m_Partial.assign(3 * this->NumberOfRanges(), 0.0);
  this->ForEachRange([&](SizeValueType unit, SizeValueType begin, SizeValueType end) {
    // HAADF: s = sum_e w_e x_e^gamma formed in TReal as the reference does, r = s - b.
    FusionKernels::ModelArguments<TReal> model{};
    model.NumberOfMaps = n;
    model.X = maps.data();
    model.Gains = haadfModel.Gains.data();
    model.Offset = 0.0;
    model.Gamma = static_cast<double>(static_cast<TReal>(haadfModel.Gamma));
    model.Begin = begin;
    model.End = end;
    std::vector<TReal> s(end - begin);
    FusionKernels::ModelHAADF(model, s.data());
    double haadfSum = 0.0;
    for (SizeValueType p = begin; p < end; ++p)
    {
      const double r = static_cast<double>(static_cast<TReal>(s[p - begin] - haadf[p]));
      haadfSum += r * r;
    }
    double chemSum = 0.0;
    double tvSum = 0.0;
    for (unsigned int e = 0; e < n; ++e)
    {
      for (SizeValueType p = begin; p < end; ++p)
      {
        const double value = x[e][p];
        chemSum += static_cast<double>(x0[e][p]) * std::log(value + 1e-8) - value;
        // Periodic forward differences along both axes.
        const SizeValueType column = p % width;
        const SizeValueType row = p / width;
        const double        right = x[e][row * width + (column + 1) % width];
        const double        down = x[e][((row + 1) % height) * width + column];
        tvSum += std::sqrt(1e-8 + (value - right) * (value - right) + (value - down) * (value - down));
      }
    }
    m_Partial[3 * unit] = haadfSum;
    m_Partial[3 * unit + 1] = chemSum;
    m_Partial[3 * unit + 2] = tvSum;
  });
  haadfCost = 0.0;
  chemCost = 0.0;
  tvCost = 0.0;
  for (size_t unit = 0; unit < m_Partial.size() / 3; ++unit)
  {
    haadfCost += m_Partial[3 * unit];
    chemCost += m_Partial[3 * unit + 1];
    tvCost += m_Partial[3 * unit + 2];
  }
  haadfCost *= 0.5;
}

template <typename TReal>
auto
FusionReferenceSolver<TReal>::Run(const FusionReferenceSettings &    settings,
                                  const FusionHAADFModel &           model,
                                  const std::vector<const TReal *> & x0,
                                  const TReal *                      haadf,
                                  const std::vector<TReal *> &       x,
                                  const IterationCallback &          callback) -> FusionSolverReport
{
  const auto n = static_cast<unsigned int>(x0.size());
  if (n == 0 || x.size() != n || model.Gains.size() != n || m_Width == 0)
  {
    itkGenericExceptionMacro(<< "FusionReferenceSolver: " << x0.size() << " maps, " << x.size() << " outputs and "
                             << model.Gains.size() << " weights on a " << m_Width << " x " << m_Height << " grid");
  }
  if (n > 16)
  {
    itkGenericExceptionMacro(<< "FusionReferenceSolver: at most 16 maps, got " << n);
  }
  // The iterate of all maps lives in one contiguous buffer (map e at offset e * total), so that
  // one batched TV solve regularises all of them; the TV output goes to a second buffer and the
  // two are swapped, which saves a copy per map and iteration.
  const SizeValueType total = m_Width * m_Height;
  if (m_BufferLength != n * total)
  {
    // Uninitialised: the first writes below happen in parallel (first touch by the working threads).
    m_BufferLength = n * total;
    m_Current.reset(new TReal[m_BufferLength]);
    m_Other.reset(new TReal[m_BufferLength]);
  }
  const auto threshold = static_cast<TReal>(settings.GetInitialThreshold());
  this->ForEachRange([&](SizeValueType, SizeValueType begin, SizeValueType end) {
    for (unsigned int e = 0; e < n; ++e)
    {
      TReal * start = m_Current.get() + e * total;
      for (SizeValueType p = begin; p < end; ++p)
      {
        start[p] = (settings.GetInitialThreshold() > 0.0 && x0[e][p] < threshold) ? TReal(0) : x0[e][p];
      }
    }
  });
  const auto pointers = [n, total](std::unique_ptr<TReal[]> & buffer) {
    std::vector<TReal *> result(n);
    for (unsigned int e = 0; e < n; ++e)
    {
      result[e] = buffer.get() + e * total;
    }
    return result;
  };
  std::vector<TReal> weights(model.Gains.begin(), model.Gains.end());
  FusionKernels::ReferenceStepArguments<TReal> step{};
  step.NumberOfMaps = n;
  step.X0 = x0.data();
  step.HAADF = haadf;
  step.Weights = weights.data();
  step.Gamma = static_cast<TReal>(model.Gamma);
  step.LambdaHAADF = static_cast<TReal>(settings.GetLambdaHAADF() > 0.0 ? settings.GetLambdaHAADF() : 1.0 / n);
  step.LambdaChem = static_cast<TReal>(settings.GetLambdaChem());
  step.Background = static_cast<TReal>(settings.GetBackground());
  step.ClampNegative = settings.GetNonNegative();

  m_TV.SetGrid({ m_Width, m_Height }, { 1.0, 1.0 }, n);
  m_TV.SetAlgorithm(TVDenoiseEnums::Algorithm::ReferenceGPLag);
  m_TV.SetLambda(settings.GetLambdaTV());
  m_TV.SetMaximumNumberOfIterations(settings.GetTVIterations());
  m_TV.SetBounds(settings.GetNonNegative() ? 0.0 : -std::numeric_limits<double>::infinity(),
                 std::numeric_limits<double>::infinity());
  m_TV.SetMultiThreader(m_MultiThreader);
  m_TV.SetEvaluateObjectives(false); // the reference sub-solver has no stopping test

  FusionSolverReport report;
  for (SizeValueType k = 1; k <= settings.GetIterations(); ++k)
  {
    std::vector<TReal *> current = pointers(m_Current);
    step.X = current.data();
    this->ForEachRange([&step](SizeValueType, SizeValueType begin, SizeValueType end) {
      FusionKernels::ReferenceStepArguments<TReal> range = step;
      range.Begin = begin;
      range.End = end;
      FusionKernels::ReferenceStep(range);
    });
    if (settings.GetRegularize())
    {
      m_TV.ResetDual(); // every call of the reference sub-solver starts from a zero dual
      m_TV.Solve(m_Current.get(), m_Other.get());
      std::swap(m_Current, m_Other);
    }
    report.Iterations = k;
    if (settings.GetCostInterval() > 0 && (k % settings.GetCostInterval() == 0 || k == settings.GetIterations()))
    {
      double haadfCost = 0.0;
      double chemCost = 0.0;
      double tvCost = 0.0;
      this->ComputeCosts(model, x0, haadf, pointers(m_Current), haadfCost, chemCost, tvCost);
      report.CostIteration.push_back(k);
      report.CostHAADF.push_back(haadfCost);
      report.CostChem.push_back(chemCost);
      report.CostTV.push_back(tvCost);
    }
    if (callback && !callback(k) && k < settings.GetIterations())
    {
      report.Aborted = true;
      break;
    }
  }
  this->ForEachRange([&](SizeValueType, SizeValueType begin, SizeValueType end) {
    for (unsigned int e = 0; e < n; ++e)
    {
      std::copy(m_Current.get() + e * total + begin, m_Current.get() + e * total + end, x[e] + begin);
    }
  });
  report.Converged = report.Iterations == settings.GetIterations();
  return report;
}

// The library holds the float and double engines; other pixel types are not offered.
template class FusionReferenceSolver<float>;
template class FusionReferenceSolver<double>;
} // end namespace itk
