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
#ifndef itkFusionProximalSolver_h
#define itkFusionProximalSolver_h

#include "itkFusionKernels.h"
#include "itkFusionSettings.h"
#include "itkMultiThreaderBase.h"
#include "itkTVDenoiseSolver.h"

#include <array>
#include <functional>
#include <vector>

namespace itk
{
/** \class FusionProximalSolver
 * \brief Fused multi-modal reconstruction as a penalised likelihood, solved by accelerated
 * proximal gradient with backtracking.
 *
 * Unknowns x_e >= 0 are the expected counts of the n chemical maps c_e. It minimises
 *
 *   F(x) = 1/2 sum_p w_p (sum_e a_e x_e^gamma + b0 - h_p)^2             (HAADF, weight w = 1/variance)
 *        + sum_e sum_p ((1 + mu_e) x_e - c_e ln(x_e + eps))             (Poisson likelihood, L1 weight mu_e)
 *        + sum_e lambda_e sum_p H_delta_e(|grad x_e|)                   (Huber-TV; delta = 0 is TV)
 *
 * The smooth HAADF term is handled by gradient steps with one step size per element (from a
 * curvature bound, halved by backtracking until the quadratic upper bound holds, and allowed to
 * grow again), FISTA momentum with adaptive restart; everything else is the proximal step, which
 * for each element is a Poisson + Huber-TV problem solved by TVDenoiseSolver (FGP on the dual,
 * with the Poisson term's closed-form proximal map as its primal step), warm-started from the
 * previous outer iteration. The Poisson term keeps x away from the zero trap of the reference
 * method. Stops when ||x_k+1 - x_k|| <= Tolerance ||x_k+1|| or after MaximumIterations.
 *
 * Works on any grid of up to three non-singleton axes (2-D images, 3-D volumes).
 *
 * \ingroup AnalyticalEMFusion
 */
template <typename TReal>
class ITK_TEMPLATE_EXPORT FusionProximalSolver
{
public:
  /** Each element's penalties: TV weight lambda_e (with Huber delta lambda_e / HuberRatio) and L1
   * weight mu_e. */
  struct Penalties
  {
    std::vector<double> LambdaTV;
    std::vector<double> Sparsity;
  };

  using IterationCallback = std::function<bool(SizeValueType)>;

  /** Grid of the maps (index 0 fastest) with the TV axis coefficients (weight / spacing). */
  void
  SetGrid(const std::vector<SizeValueType> & size, const std::vector<double> & axisCoefficients);

  void
  SetMultiThreader(MultiThreaderBase * threader)
  {
    m_MultiThreader = threader;
  }

  /** What was measured: the chemical maps in counts, the HAADF and its per-pixel weights
   * (nullptr: 1), all on the grid. */
  struct Measurements
  {
    std::vector<const TReal *> Counts;
    const TReal *              HAADF{ nullptr };
    const TReal *              Weight{ nullptr };
  };

  /** Improves \a x (n buffers holding the start on entry) for \a measured. Uses the solver
   * parameters of \a settings (MaximumIterations, Tolerance, InnerTVIterations, HuberRatio,
   * Epsilon, CostInterval). */
  FusionSolverReport
  Run(const FusionProximalSettings & settings,
      const FusionHAADFModel &       model,
      const Penalties &              penalties,
      const Measurements &           measured,
      const std::vector<TReal *> &   x,
      const IterationCallback &      callback = IterationCallback());

private:
  SizeValueType
  NumberOfRanges() const;
  // function(range, begin, end) on pixel ranges in parallel; returns the sum of its results in
  // range order (deterministic for a given number of ranges).
  template <typename TFunction>
  double
  SumOverRanges(TFunction && function);

  // The three terms of F at x: HAADF, Poisson (with L1) and Huber-TV.
  std::array<double, 3>
  ComputeCosts(const FusionProximalSettings & settings,
               const FusionHAADFModel &       model,
               const Penalties &              penalties,
               const Measurements &           measured,
               const std::vector<TReal *> &   x);

  // The HAADF term at x; optionally its gradient and, per element, max_p w_p x^(2 gamma - 2).
  double
  HAADFTerm(const FusionHAADFModel &     model,
            const TReal *                haadf,
            const TReal *                weight,
            const std::vector<TReal *> & x,
            const std::vector<TReal *> * gradient,
            std::vector<double> *        maximumCurvature);

  std::vector<SizeValueType>           m_Size;
  std::vector<double>                  m_AxisCoefficients;
  SizeValueType                        m_NumberOfPixels{ 0 };
  MultiThreaderBase *                  m_MultiThreader{ nullptr };
  std::vector<TVDenoiseSolver<TReal>>  m_TV;
  std::vector<std::vector<TReal>>      m_Previous;
  std::vector<std::vector<TReal>>      m_Extrapolated;
  std::vector<std::vector<TReal>>      m_Gradient;
  std::vector<std::vector<TReal>>      m_Step;
  std::vector<std::vector<TReal>>      m_Next;
  std::vector<double>                  m_Partial;
  std::vector<double>                  m_Maximum;
};
} // end namespace itk


#endif
