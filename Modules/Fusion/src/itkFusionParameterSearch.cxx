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
#include "itkFusionParameterSearch.h"
#include "itkFusionPreprocessing.h"
#include "itkMacro.h"

#include <chrono>
#include <cstdint>
#include <cmath>
#include <limits>

namespace itk
{
template <typename TReal>
auto
FusionParameterSearch<TReal>::Search(const Problem & problem) -> Result
{
  const std::vector<double> & lambdaGrid = problem.Settings.GetLambdaTVGrid();
  const std::vector<double> & sparsityGrid = problem.Settings.GetSparsityGrid();
  const FusionScoreEnum       score = problem.Settings.GetSelectionScore();
  const std::uint64_t         seed = problem.Settings.GetRandomSeed();
  const size_t  n = problem.Counts.size();
  SizeValueType pixels = 1;
  for (const auto s : problem.Size)
  {
    pixels *= s;
  }
  if (n == 0 || lambdaGrid.empty() || sparsityGrid.empty() || problem.HAADF == nullptr)
  {
    itkGenericExceptionMacro(<< "FusionParameterSearch: no maps, no HAADF or an empty grid");
  }

  // The two halves of every map (and of a count HAADF).
  std::vector<std::vector<TReal>> halves[2];
  for (auto & half : halves)
  {
    half.assign(n, std::vector<TReal>(pixels));
  }
  for (size_t e = 0; e < n; ++e)
  {
    FusionPreprocessing::BinomialThinning(problem.Counts[e], halves[0][e].data(), halves[1][e].data(), pixels, seed + e);
  }
  std::vector<TReal> haadfHalves[2] = { std::vector<TReal>(problem.HAADF, problem.HAADF + pixels),
                                        std::vector<TReal>(problem.HAADF, problem.HAADF + pixels) };
  FusionHAADFModel halfModel = problem.Model;
  const double     gamma = problem.Model.Gamma;
  if (problem.HAADFIsCounts)
  {
    FusionPreprocessing::BinomialThinning(
      problem.HAADF, haadfHalves[0].data(), haadfHalves[1].data(), pixels, seed + n);
    // h / 2 = sum a (x / 2)^gamma + b0 / 2 for half-dose maps x / 2.
    for (auto & a : halfModel.Gains)
    {
      a *= std::pow(2.0, gamma - 1.0);
    }
    halfModel.Offset *= 0.5;
  }
  else
  {
    for (auto & a : halfModel.Gains)
    {
      a *= std::pow(2.0, gamma);
    }
  }
  std::vector<TReal> weights[2];
  for (int h = 0; h < 2; ++h)
  {
    weights[h] = FusionPreprocessing::HAADFWeights(
      haadfHalves[h].data(), problem.Size, problem.HAADFIsCounts, problem.Settings.GetHAADFWeightScale());
  }
  std::vector<double> meanCount(n, 0.0);
  for (size_t e = 0; e < n; ++e)
  {
    for (SizeValueType p = 0; p < pixels; ++p)
    {
      meanCount[e] += static_cast<double>(problem.Counts[e][p]);
    }
    meanCount[e] /= 2.0 * static_cast<double>(pixels);
  }

  FusionProximalSettings solverSettings = problem.Settings;
  solverSettings.SetCostInterval(0);
  FusionProximalSolver<TReal> solver;
  solver.SetGrid(problem.Size, problem.AxisCoefficients);
  solver.SetMultiThreader(m_MultiThreader);
  Result result;
  result.LambdaGrid = lambdaGrid;
  result.SparsityGrid = sparsityGrid;
  std::vector<std::vector<TReal>> fit(n, std::vector<TReal>(pixels));
  result.PointsPlanned = lambdaGrid.size() * sparsityGrid.size();
  const auto start = std::chrono::steady_clock::now();
  for (const double lambda : lambdaGrid)
  {
    for (const double mu : sparsityGrid)
    {
      if (!result.Scores.empty() &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > problem.Settings.GetSearchTimeLimit())
      {
        break;
      }
      const typename FusionProximalSolver<TReal>::Penalties penalties{ std::vector<double>(n, lambda),
                                                                       std::vector<double>(n, mu) };
      std::vector<double> total(n, 0.0);
      for (int train = 0; train < 2; ++train)
      {
        const int                  test = 1 - train;
        typename FusionProximalSolver<TReal>::Measurements measured{
          std::vector<const TReal *>(n), haadfHalves[train].data(), weights[train].data()
        };
        std::vector<TReal *> x(n);
        for (size_t e = 0; e < n; ++e)
        {
          measured.Counts[e] = halves[train][e].data();
          x[e] = fit[e].data();
          FusionPreprocessing::GaussianSmooth(measured.Counts[e], x[e], problem.Size, problem.Settings.GetInitialSmoothing());
        }
        solver.Run(solverSettings, halfModel, penalties, measured, x);
        for (size_t e = 0; e < n; ++e)
        {
          const TReal * heldOut = halves[test][e].data();
          double        sum = 0.0;
          const double  floor = 0.01 * meanCount[e];
          for (SizeValueType p = 0; p < pixels; ++p)
          {
            const double c = heldOut[p];
            const double m = x[e][p];
            if (score == FusionScoreEnum::SquaredError)
            {
              sum += (c - m) * (c - m);
            }
            else
            {
              const double mean = std::max(m, floor);
              sum += 2.0 * ((c > 0.0 ? c * std::log(c / mean) : 0.0) - (c - mean));
            }
          }
          total[e] += sum;
        }
      }
      result.Scores.push_back(total);
    }
  }
  result.PointsTried = result.Scores.size();

  // Per element, the best grid point; then the transfer from half to full dose.
  const double transfer = std::sqrt(2.0);
  result.LambdaTV.resize(n);
  result.Sparsity.resize(n);
  for (size_t e = 0; e < n; ++e)
  {
    size_t best = 0;
    for (size_t g = 1; g < result.Scores.size(); ++g)
    {
      if (result.Scores[g][e] < result.Scores[best][e])
      {
        best = g;
      }
    }
    result.LambdaTV[e] = transfer * lambdaGrid[best / sparsityGrid.size()];
    result.Sparsity[e] = transfer * sparsityGrid[best % sparsityGrid.size()];
  }
  return result;
}

// The library holds the float and double engines; other pixel types are not offered.
template class FusionParameterSearch<float>;
template class FusionParameterSearch<double>;
} // end namespace itk
