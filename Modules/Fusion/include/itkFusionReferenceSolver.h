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
#ifndef itkFusionReferenceSolver_h
#define itkFusionReferenceSolver_h

#include "itkFusionKernels.h"
#include "itkMultiThreaderBase.h"
#include "itkTVDenoiseSolver.h"

#include <functional>
#include <memory>
#include <vector>

namespace itk
{
/** \class FusionReferenceSolver
 * \brief The published fused multi-modal iteration, exactly as the reference implementation
 * (multimodal-fusion 0.6 with its C++ TV) computes it, for reproducing published results.
 *
 * On normalised data (maps and HAADF min-max scaled to [0, 1]; done by the caller), starting from
 * x = x0, each outer iteration takes one unit gradient step of
 * lambdaH/2 ||A x^gamma - b||^2 + lambdaC sum(x - x0 ln(x + bkg)) with lambdaH = 1/n (Jacobi:
 * all elements from the same iterate), clamps at 0 and applies to every map the reference's TV
 * sub-solver (gradient projection with the output formed before the last dual update, step
 * 1/(8 lambdaTV), clamped at 0), all in TReal arithmetic. Costs follow the reference too:
 * 1/2 ||A x^gamma - b||^2, sum(x0 ln(x + 1e-8) - x) and a periodic TV with 1e-8 inside the root.
 * 2-D only. Known defects of the method (fixed threshold bkg, unit step, zero trap) are kept on
 * purpose; FusionProximalSolver is the corrected method.
 *
 * \ingroup AnalyticalEMFusion
 */
template <typename TReal>
class ITK_TEMPLATE_EXPORT FusionReferenceSolver
{
public:
  struct Settings
  {
    std::vector<double> Weights;            // w_e of the measurement operator (one per map)
    double              Gamma{ 1.6 };
    double              LambdaHAADF{ 0.0 }; // 0: the reference's 1/n
    double              LambdaChem{ 0.08 };
    double              LambdaTV{ 0.15 };
    SizeValueType       TVIterations{ 3 };
    double              Background{ 0.24 };
    SizeValueType       Iterations{ 30 };
    bool                Regularize{ true };
    bool                ClampNegative{ true };
    double              InitialThreshold{ 0.0 }; // > 0: zero x < threshold in the initial iterate
    SizeValueType       CostInterval{ 1 };       // costs every k-th iteration; 0: never
  };

  struct Costs
  {
    std::vector<SizeValueType> Iteration; // 1-based iteration of each entry
    std::vector<double>        HAADF;
    std::vector<double>        Chem;
    std::vector<double>        TV;
  };

  /** Called after every outer iteration (1-based); return false to abort. */
  using IterationCallback = std::function<bool(SizeValueType)>;

  /** A 2-D grid of size[0] x size[1] pixels (index 0 fastest). */
  void
  SetGrid(SizeValueType width, SizeValueType height);

  void
  SetMultiThreader(MultiThreaderBase * threader)
  {
    m_MultiThreader = threader;
  }

  /** Runs the iteration from x = x0 and writes the fused maps into \a x (n buffers of the grid).
   * Returns the cost histories; \a completed is the number of outer iterations run. */
  Costs
  Run(const Settings &                     settings,
      const std::vector<const TReal *> &   x0,
      const TReal *                        haadf,
      const std::vector<TReal *> &         x,
      SizeValueType &                      completed,
      const IterationCallback &            callback = IterationCallback());

  /** The three reference costs of maps \a x (see the class description). */
  void
  ComputeCosts(const Settings &                   settings,
               const std::vector<const TReal *> & x0,
               const TReal *                      haadf,
               const std::vector<TReal *> &       x,
               double &                           haadfCost,
               double &                           chemCost,
               double &                           tvCost);

private:
  SizeValueType
  NumberOfRanges() const;
  template <typename TFunction>
  void
  ForEachRange(TFunction && function);

  SizeValueType            m_Width{ 0 };
  SizeValueType            m_Height{ 0 };
  MultiThreaderBase *      m_MultiThreader{ nullptr };
  TVDenoiseSolver<TReal>   m_TV;
  std::unique_ptr<TReal[]> m_Current;
  std::unique_ptr<TReal[]> m_Other;
  SizeValueType            m_BufferLength{ 0 };
  std::vector<double>      m_Partial;
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkFusionReferenceSolver.hxx"
#endif

#endif
