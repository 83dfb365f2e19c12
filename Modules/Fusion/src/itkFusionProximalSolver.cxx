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
#include "itkFusionProximalSolver.h"
#include "itkEMParallelRanges.h"
#include "itkMacro.h"
#include "itkTVDenoiseKernels.h"

#include <algorithm>
#include <cmath>

namespace itk
{
namespace FusionProximalDetail
{
// Pixels per reduction range: fixed, so that sums (and hence every decision of the solver) do
// not depend on the number of threads.
constexpr SizeValueType RangeLength = 16384;
} // namespace FusionProximalDetail

template <typename TReal>
void
FusionProximalSolver<TReal>::SetGrid(const std::vector<SizeValueType> & size, const std::vector<double> & axisCoefficients)
{
  SizeValueType pixels = 1;
  for (const auto n : size)
  {
    pixels *= n;
  }
  if (size.empty() || pixels == 0 || size.size() != axisCoefficients.size())
  {
    itkGenericExceptionMacro(<< "FusionProximalSolver: invalid grid");
  }
  m_Size = size;
  m_AxisCoefficients = axisCoefficients;
  m_NumberOfPixels = pixels;
  m_TV.clear();
}

template <typename TReal>
SizeValueType
FusionProximalSolver<TReal>::NumberOfRanges() const
{
  return (m_NumberOfPixels + FusionProximalDetail::RangeLength - 1) / FusionProximalDetail::RangeLength;
}

template <typename TReal>
template <typename TFunction>
double
FusionProximalSolver<TReal>::SumOverRanges(TFunction && function)
{
  m_Partial.assign(this->NumberOfRanges(), 0.0);
  EMParallelRanges(m_MultiThreader,
                   m_NumberOfPixels,
                   FusionProximalDetail::RangeLength,
                   [&](SizeValueType range, SizeValueType begin, SizeValueType end) {
                     m_Partial[range] = function(begin, end);
                   });
  double sum = 0.0;
  for (const double value : m_Partial)
  {
    sum += value;
  }
  return sum;
}

template <typename TReal>
double
FusionProximalSolver<TReal>::HAADFTerm(const FusionHAADFModel &     haadfModel,
                                       const TReal *                haadf,
                                       const TReal *                weight,
                                       const std::vector<TReal *> & x,
                                       const std::vector<TReal *> * gradient,
                                       std::vector<double> *        maximumCurvature)
{
  std::vector<const TReal *> maps(x.begin(), x.end());
  const size_t               n = maps.size();
  m_Maximum.assign(this->NumberOfRanges() * n, 0.0);
  const double value = this->SumOverRanges([&](SizeValueType begin, SizeValueType end) {
    FusionKernels::ModelArguments<TReal> model{};
    model.NumberOfMaps = static_cast<unsigned int>(maps.size());
    model.X = maps.data();
    model.Gradient = gradient != nullptr ? gradient->data() : nullptr;
    model.HAADF = haadf;
    model.Weight = weight;
    model.Gains = haadfModel.Gains.data();
    model.Offset = haadfModel.Offset;
    model.Gamma = haadfModel.Gamma;
    model.Begin = begin;
    model.End = end;
    model.MaximumCurvature =
      maximumCurvature != nullptr ? m_Maximum.data() + (begin / FusionProximalDetail::RangeLength) * n : nullptr;
    return FusionKernels::HAADFModel(model);
  });
  if (maximumCurvature != nullptr)
  {
    maximumCurvature->assign(n, 0.0);
    for (size_t r = 0; r < m_Maximum.size(); ++r)
    {
      (*maximumCurvature)[r % n] = std::max((*maximumCurvature)[r % n], m_Maximum[r]);
    }
  }
  return value;
}

template <typename TReal>
std::array<double, 3>
FusionProximalSolver<TReal>::ComputeCosts(const FusionProximalSettings & settings,
                                          const FusionHAADFModel &       model,
                                          const Penalties &              penalties,
                                          const Measurements &           measured,
                                          const std::vector<TReal *> &   x)
{
  std::array<double, 3> costs{ this->HAADFTerm(model, measured.HAADF, measured.Weight, x, nullptr, nullptr), 0.0, 0.0 };
  for (size_t e = 0; e < x.size(); ++e)
  {
    const TReal * counts = measured.Counts[e];
    costs[1] += this->SumOverRanges([&](SizeValueType begin, SizeValueType end) {
      return TVDenoiseKernels::PoissonEnergy(
        x[e] + begin, counts + begin, end - begin, 1.0 + penalties.Sparsity[e], settings.GetEpsilon());
    });
    if (penalties.LambdaTV[e] > 0.0)
    {
      TVDenoiseSolver<TReal> & tv = m_TV[e];
      tv.ClearPoissonDataTerm();
      tv.SetLambda(penalties.LambdaTV[e]);
      tv.SetHuberDelta(penalties.LambdaTV[e] / settings.GetHuberRatio());
      costs[2] += tv.PrimalEnergy(x[e], x[e]); // 1/2 ||x - x||^2 + lambda H(grad x)
    }
  }
  return costs;
}

template <typename TReal>
auto
FusionProximalSolver<TReal>::Run(const FusionProximalSettings & settings,
                                 const FusionHAADFModel &       model,
                                 const Penalties &              penalties,
                                 const Measurements &           measured,
                                 const std::vector<TReal *> &   x,
                                 const IterationCallback &      callback) -> FusionSolverReport
{
  const std::vector<const TReal *> & counts = measured.Counts;
  const TReal *                      haadf = measured.HAADF;
  const TReal *                      weight = measured.Weight;
  const size_t n = counts.size();
  if (n == 0 || x.size() != n || model.Gains.size() != n || penalties.LambdaTV.size() != n ||
      penalties.Sparsity.size() != n || m_NumberOfPixels == 0 || !(settings.GetHuberRatio() > 0.0))
  {
    itkGenericExceptionMacro(<< "FusionProximalSolver: inconsistent number of maps, gains or parameters, or no grid");
  }
  if (n > 16)
  {
    itkGenericExceptionMacro(<< "FusionProximalSolver: at most 16 maps, got " << n);
  }
  const SizeValueType pixels = m_NumberOfPixels;
  if (m_TV.size() != n)
  {
    m_TV.clear();
    m_TV.resize(n);
    for (auto & tv : m_TV)
    {
      tv.SetGrid(m_Size, m_AxisCoefficients);
    }
  }
  for (size_t e = 0; e < n; ++e)
  {
    TVDenoiseSolver<TReal> & tv = m_TV[e];
    tv.SetMultiThreader(m_MultiThreader);
    tv.SetStoppingCriterion(TVDenoiseEnums::StoppingCriterion::None);
    tv.SetEvaluateObjectives(false); // the outer loop needs only the proximal point
    tv.SetMaximumNumberOfIterations(settings.GetInnerTVIterations());
    tv.SetCheckInterval(std::max<SizeValueType>(1, settings.GetInnerTVIterations()));
    tv.SetHuberDelta(penalties.LambdaTV[e] / settings.GetHuberRatio());
  }
  const auto allocate = [&](std::vector<std::vector<TReal>> & buffers) {
    buffers.resize(n);
    for (auto & b : buffers)
    {
      b.resize(pixels);
    }
  };
  allocate(m_Previous);
  allocate(m_Extrapolated);
  allocate(m_Gradient);
  allocate(m_Step);
  allocate(m_Next);
  std::vector<std::vector<TReal>> current(n);
  for (size_t e = 0; e < n; ++e)
  {
    current[e].assign(x[e], x[e] + pixels);
    m_Previous[e] = current[e];
  }
  const auto pointers = [n](std::vector<std::vector<TReal>> & buffers) {
    std::vector<TReal *> result(n);
    for (size_t e = 0; e < n; ++e)
    {
      result[e] = buffers[e].data();
    }
    return result;
  };

  FusionSolverReport  report;
  double              momentum = 1.0;
  double              stepScale = 1.0;
  std::vector<double> step(n);
  std::vector<double> curvature(n);
  const double        gamma = model.Gamma;
  for (SizeValueType k = 1; k <= settings.GetMaximumIterations(); ++k)
  {
    const double nextMomentum = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * momentum * momentum));
    const double beta = (momentum - 1.0) / nextMomentum;
    for (size_t e = 0; e < n; ++e)
    {
      const TReal * c = current[e].data();
      const TReal * previous = m_Previous[e].data();
      TReal *       y = m_Extrapolated[e].data();
      const auto    b = static_cast<TReal>(beta);
      this->SumOverRanges([=](SizeValueType begin, SizeValueType end) {
        for (SizeValueType p = begin; p < end; ++p)
        {
          y[p] = c[p] + b * (c[p] - previous[p]);
        }
        return 0.0;
      });
    }
    auto         extrapolated = pointers(m_Extrapolated);
    auto         gradient = pointers(m_Gradient);
    auto         next = pointers(m_Next);
    const double fy = this->HAADFTerm(model, haadf, weight, extrapolated, &gradient, &curvature);
    // Per-element steps from the largest Gauss-Newton curvature w (a gamma x^(gamma-1))^2 at y.
    for (size_t e = 0; e < n; ++e)
    {
      const double bound = curvature[e] * model.Gains[e] * gamma * model.Gains[e] * gamma;
      step[e] = std::min(1e6, stepScale / std::max(bound, 1e-12));
    }

    bool accepted = false;
    for (unsigned int trial = 0; trial < 40 && !accepted; ++trial)
    {
      for (size_t e = 0; e < n; ++e)
      {
        const auto    t = static_cast<TReal>(step[e]);
        const TReal * y = m_Extrapolated[e].data();
        const TReal * g = m_Gradient[e].data();
        TReal *       z = m_Step[e].data();
        this->SumOverRanges([=](SizeValueType begin, SizeValueType end) {
          for (SizeValueType p = begin; p < end; ++p)
          {
            z[p] = y[p] - t * g[p];
          }
          return 0.0;
        });
        TVDenoiseSolver<TReal> & tv = m_TV[e];
        tv.SetLambda(step[e] * penalties.LambdaTV[e]);
        tv.SetPoissonDataTerm(counts[e], step[e], 1.0 + penalties.Sparsity[e], settings.GetEpsilon());
        tv.Solve(m_Step[e].data(), next[e]);
      }
      const double fNext = this->HAADFTerm(model, haadf, weight, next, nullptr, nullptr);
      double       bound = fy;
      for (size_t e = 0; e < n; ++e)
      {
        const TReal * g = gradient[e];
        const TReal * y = extrapolated[e];
        const TReal * z = next[e];
        const double  inverseStep = 0.5 / step[e];
        bound += this->SumOverRanges([&](SizeValueType begin, SizeValueType end) {
          double sum = 0.0;
          for (SizeValueType p = begin; p < end; ++p)
          {
            const double d = static_cast<double>(z[p]) - y[p];
            sum += static_cast<double>(g[p]) * d + inverseStep * d * d;
          }
          return sum;
        });
      }
      accepted = fNext <= bound + 1e-12 * std::abs(fy);
      if (!accepted)
      {
        stepScale *= 0.5;
        for (auto & s : step)
        {
          s *= 0.5;
        }
      }
    }

    // Adaptive restart (gradient test) and relative change.
    double restart = 0.0;
    double change = 0.0;
    double norm = 0.0;
    for (size_t e = 0; e < n; ++e)
    {
      const TReal * y = extrapolated[e];
      const TReal * z = next[e];
      const TReal * c = current[e].data();
      restart += this->SumOverRanges([=](SizeValueType begin, SizeValueType end) {
        double sum = 0.0;
        for (SizeValueType p = begin; p < end; ++p)
        {
          sum += (static_cast<double>(y[p]) - z[p]) * (static_cast<double>(z[p]) - c[p]);
        }
        return sum;
      });
      change += this->SumOverRanges([=](SizeValueType begin, SizeValueType end) {
        double sum = 0.0;
        for (SizeValueType p = begin; p < end; ++p)
        {
          const double d = static_cast<double>(z[p]) - c[p];
          sum += d * d;
        }
        return sum;
      });
      norm += this->SumOverRanges([=](SizeValueType begin, SizeValueType end) {
        double sum = 0.0;
        for (SizeValueType p = begin; p < end; ++p)
        {
          sum += static_cast<double>(z[p]) * z[p];
        }
        return sum;
      });
    }
    momentum = restart > 0.0 ? 1.0 : nextMomentum;
    for (size_t e = 0; e < n; ++e)
    {
      std::swap(m_Previous[e], current[e]);
      std::swap(current[e], m_Next[e]);
    }
    stepScale *= 1.2;
    report.Iterations = k;

    if (settings.GetCostInterval() > 0 && (k % settings.GetCostInterval() == 0 || k == settings.GetMaximumIterations()))
    {
      const auto costs = this->ComputeCosts(settings, model, penalties, measured, pointers(current));
      report.CostIteration.push_back(k);
      report.CostHAADF.push_back(costs[0]);
      report.CostChem.push_back(costs[1]);
      report.CostTV.push_back(costs[2]);
    }
    if (!accepted)
    {
      break; // no step satisfied the upper bound: numerically converged
    }
    if (std::sqrt(change) <= settings.GetTolerance() * std::sqrt(norm))
    {
      report.Converged = true;
      break;
    }
    if (callback && !callback(k))
    {
      report.Aborted = true;
      break;
    }
  }
  for (size_t e = 0; e < n; ++e)
  {
    std::copy(current[e].begin(), current[e].end(), x[e]);
  }
  return report;
}

// The library holds the float and double engines; other pixel types are not offered.
template class FusionProximalSolver<float>;
template class FusionProximalSolver<double>;
} // end namespace itk
