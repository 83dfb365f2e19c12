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
#ifndef itkFusionSettings_h
#define itkFusionSettings_h

#include "itkFusionEnumNames.h"
#include "itkIndent.h"
#include "itkIntTypes.h"
#include "AnalyticalEMFusionExport.h"

#include <ostream>
#include <string>
#include <vector>

namespace itk
{
/** \class FusionReferenceSettings
 * \brief The parameters of the reference-compatible fusion (FusionReferenceSolver): the published
 * method's, with its defaults.
 *
 * \ingroup AnalyticalEMFusion
 */
class AnalyticalEMFusion_EXPORT FusionReferenceSettings
{
public:
  /** Element weights of the HAADF model (default the tutorial's Z / mean(Z)); Custom takes Weights. */
  FusionWeightingEnum Weighting{ FusionWeightingEnum::AtomicNumberOverMean };
  std::vector<double> Weights;
  /** Weight (and step) of the HAADF term; 0 is the reference's 1/n (versions before 0.6: 0.005). */
  double LambdaHAADF{ 0.0 };
  /** Weight of the Poisson term. */
  double LambdaChem{ 0.08 };
  /** TV weight of every map. */
  double LambdaTV{ 0.15 };
  /** Outer iterations and TV sub-solver iterations. */
  SizeValueType Iterations{ 30 };
  SizeValueType TVIterations{ 3 };
  /** The offset bkg of the Poisson gradient (> 0). */
  double Background{ 0.24 };
  /** Apply the TV step; clamp at 0; zero initial values below InitialThreshold (0: off). */
  bool   Regularize{ true };
  bool   NonNegative{ true };
  double InitialThreshold{ 0.0 };
  /** Costs every CostInterval iterations (0: none). */
  SizeValueType CostInterval{ 1 };

  /** The first reason these settings cannot run with \a numberOfMaps maps; empty when they can. */
  std::string
  Check(unsigned int numberOfMaps) const;
  void
  Print(std::ostream & os, Indent indent) const;
};

/** \class FusionProximalSettings
 * \brief The parameters of the penalised-likelihood fusion (FusionProximalSolver, with its
 * automatic parameter search and the preparation of the data), with their defaults.
 *
 * \ingroup AnalyticalEMFusion
 */
class AnalyticalEMFusion_EXPORT FusionProximalSettings
{
public:
  /** TV weight of every element (in counts) when AutomaticParameters is off, unless
   * ElementLambdaTV gives one per element; L1 weight per element (empty: 0). */
  double              LambdaTV{ 8.0 };
  std::vector<double> ElementLambdaTV;
  std::vector<double> Sparsity;
  /** Choose LambdaTV and Sparsity per element by count splitting, over these grids (half-dose
   * values), with this score and seed, within SearchTimeLimit seconds. */
  bool                AutomaticParameters{ true };
  std::vector<double> LambdaTVGrid{ 1.0, 2.0, 4.0, 8.0, 16.0 };
  std::vector<double> SparsityGrid{ 0.0, 0.5, 1.0, 2.0, 4.0 };
  FusionScoreEnum     SelectionScore{ FusionScoreEnum::SquaredError };
  SizeValueType       RandomSeed{ 2024 };
  double              SearchTimeLimit{ 120.0 };
  /** Multiplier of the HAADF likelihood weights 1 / variance. */
  double HAADFWeightScale{ 1.0 };
  /** Iteration limit and relative-change tolerance of the outer solver; TV iterations per
   * proximal step; Huber delta = lambda / HuberRatio; epsilon of the logarithm in counts. */
  SizeValueType MaximumIterations{ 300 };
  double        Tolerance{ 1e-4 };
  SizeValueType InnerTVIterations{ 10 };
  double        HuberRatio{ 6.0 };
  double        Epsilon{ 1e-3 };
  /** Sigma (pixels) of the smoothed start x = G * c. */
  double InitialSmoothing{ 1.0 };
  /** Counts per unit of each input map (0: 1 for maps of integer counts, otherwise estimated from
   * the map's noise, mean / variance). */
  double CountsPerUnit{ 0.0 };
  /** Scale each fused map to its raw total. */
  bool PreserveTotals{ true };
  /** Costs every CostInterval iterations (0: none). */
  SizeValueType CostInterval{ 1 };

  /** The penalties used when AutomaticParameters is off, one per element. */
  std::vector<double>
  FixedLambdaTV(unsigned int numberOfMaps) const;
  std::vector<double>
  FixedSparsity(unsigned int numberOfMaps) const;

  /** The first reason these settings cannot run with \a numberOfMaps maps; empty when they can. */
  std::string
  Check(unsigned int numberOfMaps) const;
  void
  Print(std::ostream & os, Indent indent) const;
};

/** \brief The HAADF model sum_e a_e x_e^gamma + b0 the fusion solvers fit the maps to (the
 * reference's weights are its gains, with no offset).
 * \ingroup AnalyticalEMFusion */
struct FusionHAADFModel
{
  std::vector<double> Gains;
  double              Offset{ 0.0 };
  double              Gamma{ 1.6 };
};

/** \brief What a fusion solver did: iterations run, whether it converged or was aborted, and its
 * three cost terms at the iterations (1-based) where they were computed.
 * \ingroup AnalyticalEMFusion */
struct FusionSolverReport
{
  SizeValueType              Iterations{ 0 };
  bool                       Converged{ false };
  bool                       Aborted{ false };
  std::vector<SizeValueType> CostIteration;
  std::vector<double>        CostHAADF;
  std::vector<double>        CostChem;
  std::vector<double>        CostTV;
};
} // end namespace itk

#endif
