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
#include "itkFusionSettings.h"
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

  /** Runs the iteration from x = x0 for the HAADF model \a model (the weights w_e as gains, no
   * offset) and writes the fused maps into \a x (n buffers of the grid). The report's iterations
   * are the outer iterations run; it is converged when all of settings.Iterations ran. */
  FusionSolverReport
  Run(const FusionReferenceSettings &    settings,
      const FusionHAADFModel &           model,
      const std::vector<const TReal *> & x0,
      const TReal *                      haadf,
      const std::vector<TReal *> &       x,
      const IterationCallback &          callback = IterationCallback());

private:
  // The three reference costs of maps x (see the class description).
  void
  ComputeCosts(const FusionHAADFModel &           model,
               const std::vector<const TReal *> & x0,
               const TReal *                      haadf,
               const std::vector<TReal *> &       x,
               double &                           haadfCost,
               double &                           chemCost,
               double &                           tvCost);
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


#endif
