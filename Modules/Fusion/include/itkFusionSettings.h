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

// A parameter of a settings class, set and read through SetName() / GetName(): the form that
// ITK's Python wrapping exposes (it does not expose data members).
#define itkFusionSettingMacro(name, type)                                                                          \
  void Set##name(const type & value) { m_##name = value; }                                                        \
  const type & Get##name() const { return m_##name; }

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
  itkFusionSettingMacro(Weighting, FusionWeightingEnum);
  itkFusionSettingMacro(Weights, std::vector<double>);
  /** Weight (and step) of the HAADF term; 0 is the reference's 1/n (versions before 0.6: 0.005). */
  itkFusionSettingMacro(LambdaHAADF, double);
  /** Weight of the Poisson term. */
  itkFusionSettingMacro(LambdaChem, double);
  /** TV weight of every map. */
  itkFusionSettingMacro(LambdaTV, double);
  /** Outer iterations and TV sub-solver iterations. */
  itkFusionSettingMacro(Iterations, SizeValueType);
  itkFusionSettingMacro(TVIterations, SizeValueType);
  /** The offset bkg of the Poisson gradient (> 0). */
  itkFusionSettingMacro(Background, double);
  /** Apply the TV step; clamp at 0; zero initial values below InitialThreshold (0: off). */
  itkFusionSettingMacro(Regularize, bool);
  itkFusionSettingMacro(NonNegative, bool);
  itkFusionSettingMacro(InitialThreshold, double);
  /** Costs every CostInterval iterations (0: none). */
  itkFusionSettingMacro(CostInterval, SizeValueType);

  /** The first reason these settings cannot run with \a numberOfMaps maps; empty when they can. */
  std::string
  Check(unsigned int numberOfMaps) const;
  void
  Print(std::ostream & os, Indent indent) const;

private:
  FusionWeightingEnum m_Weighting{ FusionWeightingEnum::AtomicNumberOverMean };
  std::vector<double> m_Weights;
  double              m_LambdaHAADF{ 0.0 };
  double              m_LambdaChem{ 0.08 };
  double              m_LambdaTV{ 0.15 };
  SizeValueType       m_Iterations{ 30 };
  SizeValueType       m_TVIterations{ 3 };
  double              m_Background{ 0.24 };
  bool                m_Regularize{ true };
  bool                m_NonNegative{ true };
  double              m_InitialThreshold{ 0.0 };
  SizeValueType       m_CostInterval{ 1 };
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
  itkFusionSettingMacro(LambdaTV, double);
  itkFusionSettingMacro(ElementLambdaTV, std::vector<double>);
  itkFusionSettingMacro(Sparsity, std::vector<double>);
  /** Choose LambdaTV and Sparsity per element by count splitting, over these grids (half-dose
   * values), with this score and seed, within SearchTimeLimit seconds. */
  itkFusionSettingMacro(AutomaticParameters, bool);
  itkFusionSettingMacro(LambdaTVGrid, std::vector<double>);
  itkFusionSettingMacro(SparsityGrid, std::vector<double>);
  itkFusionSettingMacro(SelectionScore, FusionScoreEnum);
  itkFusionSettingMacro(RandomSeed, SizeValueType);
  itkFusionSettingMacro(SearchTimeLimit, double);
  /** Multiplier of the HAADF likelihood weights 1 / variance. */
  itkFusionSettingMacro(HAADFWeightScale, double);
  /** Iteration limit and relative-change tolerance of the outer solver; TV iterations per
   * proximal step; Huber delta = lambda / HuberRatio; epsilon of the logarithm in counts. */
  itkFusionSettingMacro(MaximumIterations, SizeValueType);
  itkFusionSettingMacro(Tolerance, double);
  itkFusionSettingMacro(InnerTVIterations, SizeValueType);
  itkFusionSettingMacro(HuberRatio, double);
  itkFusionSettingMacro(Epsilon, double);
  /** Sigma (pixels) of the smoothed start x = G * c. */
  itkFusionSettingMacro(InitialSmoothing, double);
  /** Counts per unit of each input map (0: 1 for maps of integer counts, otherwise estimated from
   * the map's noise, mean / variance). */
  itkFusionSettingMacro(CountsPerUnit, double);
  /** Scale each fused map to its raw total. */
  itkFusionSettingMacro(PreserveTotals, bool);
  /** Costs every CostInterval iterations (0: none). */
  itkFusionSettingMacro(CostInterval, SizeValueType);

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

private:
  double              m_LambdaTV{ 8.0 };
  std::vector<double> m_ElementLambdaTV;
  std::vector<double> m_Sparsity;
  bool                m_AutomaticParameters{ true };
  std::vector<double> m_LambdaTVGrid{ 1.0, 2.0, 4.0, 8.0, 16.0 };
  std::vector<double> m_SparsityGrid{ 0.0, 0.5, 1.0, 2.0, 4.0 };
  FusionScoreEnum     m_SelectionScore{ FusionScoreEnum::SquaredError };
  SizeValueType       m_RandomSeed{ 2024 };
  double              m_SearchTimeLimit{ 120.0 };
  double              m_HAADFWeightScale{ 1.0 };
  SizeValueType       m_MaximumIterations{ 300 };
  double              m_Tolerance{ 1e-4 };
  SizeValueType       m_InnerTVIterations{ 10 };
  double              m_HuberRatio{ 6.0 };
  double              m_Epsilon{ 1e-3 };
  double              m_InitialSmoothing{ 1.0 };
  double              m_CountsPerUnit{ 0.0 };
  bool                m_PreserveTotals{ true };
  SizeValueType       m_CostInterval{ 1 };
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
