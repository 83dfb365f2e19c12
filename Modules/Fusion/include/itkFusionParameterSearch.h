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
#ifndef itkFusionParameterSearch_h
#define itkFusionParameterSearch_h

#include "itkFusionEnums.h"
#include "itkFusionProximalSolver.h"

#include <vector>

namespace itk
{
/** \class FusionParameterSearch
 * \brief Chooses the TV and sparsity weights of FusionProximalSolver per element without
 * ground truth, by Poisson count splitting.
 *
 * Binomial thinning splits every chemical map (and a count HAADF) into two halves that are
 * independent Poisson images of half the dose. For every (lambda, mu) of the grid the solver is
 * run on each half and scored on the other (two-fold); each element takes the pair with the best
 * summed score. Because the halves carry half the dose, the chosen weights are transferred to the
 * full data by the noise-scaling rule (optimal penalty weights grow like the noise standard
 * deviation relative to the data term): lambda_full = sqrt(2) lambda_half, likewise mu.
 *
 * With a non-count HAADF the halves use the full HAADF with gains a 2^gamma (the model of
 * half-dose maps), which trusts the HAADF somewhat more than the full-data fit will.
 *
 * \ingroup AnalyticalEMFusion
 */
template <typename TReal>
class ITK_TEMPLATE_EXPORT FusionParameterSearch
{
public:
  struct Problem
  {
    std::vector<SizeValueType> Size;
    std::vector<double>        AxisCoefficients;
    std::vector<const TReal *> Counts; // chemical maps in counts
    const TReal *              HAADF{ nullptr };
    bool                       HAADFIsCounts{ true };
    FusionHAADFModel           Model; // fitted to the full data
    // The grids, score, seed and time limit of the search, and the solver's parameters.
    FusionProximalSettings Settings;
  };

  struct Result
  {
    std::vector<double>              LambdaTV; // chosen, full-data values, per element
    std::vector<double>              Sparsity;
    std::vector<double>              LambdaGrid;
    std::vector<double>              SparsityGrid;
    std::vector<std::vector<double>> Scores; // [grid point][element], grid point = l * |mu| + m
    /** Grid points tried; fewer than the grid when the time limit stopped the search. */
    size_t PointsTried{ 0 };
    size_t PointsPlanned{ 0 };
  };

  void
  SetMultiThreader(MultiThreaderBase * threader)
  {
    m_MultiThreader = threader;
  }

  /** The search over problem.Settings' LambdaTVGrid x SparsityGrid, scored by its SelectionScore.
   * It stops after SearchTimeLimit seconds with the best of the points tried so far
   * (Result::PointsTried says how many; the first point is always tried). */
  Result
  Search(const Problem & problem);

private:
  MultiThreaderBase * m_MultiThreader{ nullptr };
};
} // end namespace itk


#endif
