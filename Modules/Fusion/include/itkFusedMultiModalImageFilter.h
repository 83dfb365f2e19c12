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
#ifndef itkFusedMultiModalImageFilter_h
#define itkFusedMultiModalImageFilter_h

#include "itkFusionEnumNames.h"
#include "itkEMMacro.h"
#include "itkFusionParameterSearch.h"
#include "itkFusionWeights.h"
#include "itkImageToImageFilter.h"
#include "itkSimpleDataObjectDecorator.h"
#include "itkVectorImage.h"

#include <string>
#include <vector>

namespace itk
{
/** \class FusedMultiModalImageFilter
 * \brief Fuses an elastic HAADF image with n chemical maps (EDX/EELS) into n denoised chemical
 * maps, in 2-D or 3-D.
 *
 * Inputs: the HAADF (SetHAADF(), the primary input) and the chemical maps, either one per
 * element (SetChemicalMap(i, map)) or all together as one VectorImage (SetChemicalMaps()), all on
 * the same grid. Each map's element symbol and atomic number come from SetElementNames() /
 * SetAtomicNumbers() or, when these are empty, from the map's `Element` and `AtomicNumber`
 * metadata.
 *
 * Two solvers (Mode):
 * - ReferenceCompatible reproduces the published method (multimodal-fusion 0.6 / the 2024
 *   tutorial): min-max normalised data, unit gradient steps with lambdaH = 1/n, the threshold-like
 *   Background, and its early-stopped TV sub-solver (FusionReferenceSolver). Outputs are in the
 *   normalised units of that method. Uses Gamma, WeightingMethod / Weights, LambdaHAADF,
 *   LambdaChem, LambdaTV, Background, NumberOfIterations, NumberOfTVIterations, Regularize,
 *   NonNegative, InitialThreshold.
 * - ProximalGradient (default) treats the maps as Poisson counts and the HAADF as a Gaussian
 *   measurement of sum_e a_e x_e^gamma + b0 with gains a_e and offset b0 fitted to the data, with
 *   a Huber-TV prior (delta = lambda / HuberRatio) and an optional L1 weight per element, solved
 *   to a relative-change Tolerance (FusionProximalSolver). LambdaTV and Sparsity are chosen per
 *   element by Poisson count splitting when AutomaticParameters is on (FusionParameterSearch);
 *   the chosen values are reported. Outputs are in the units of the input maps, each with its
 *   raw total (PreserveTotals). Maps and HAADF are taken as counts when they are integers with
 *   the noise of counts; otherwise their counts per unit (maps) or noise (HAADF) are estimated.
 *
 * GetWarnings() says what the last update could not be sure of: an unconverged solve, a search
 * cut by SearchTimeLimit, elements whose Z^gamma the HAADF cannot tell apart, totals the solver
 * moved by more than 20 % (restored) or that are not kept.
 *
 * Outputs: fused map e as indexed output e and all of them as the VectorImage output
 * GetFusedMaps(); the model HAADF (GetModelHAADF(): A x^gamma in reference mode, the fitted model
 * in HAADF units otherwise); the cost histories GetCostHAADF(), GetCostChem(), GetCostTV() (every
 * CostInterval iterations; for the reference, its three cost curves; otherwise the three terms of
 * the objective); GetNumberOfIterationsPerformed(); GetSelectedLambdaTV(), GetSelectedSparsity().
 *
 * References: J. Schwartz et al., npj Comput. Mater. 8, 16 (2022); the fusion tutorial of the
 * Microscopy Society of America (2024); A. Beck, M. Teboulle, SIAM J. Imaging Sci. 2 (2009) 183.
 *
 * \ingroup AnalyticalEMFusion
 */
template <typename TImage>
class ITK_TEMPLATE_EXPORT FusedMultiModalImageFilter : public ImageToImageFilter<TImage, TImage>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(FusedMultiModalImageFilter);

  using Self = FusedMultiModalImageFilter;
  using Superclass = ImageToImageFilter<TImage, TImage>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;

  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(FusedMultiModalImageFilter);

  static constexpr unsigned int ImageDimension = TImage::ImageDimension;
  using ImageType = TImage;
  using PixelType = typename ImageType::PixelType;
  using VectorImageType = VectorImage<PixelType, ImageDimension>;
  using DataObjectPointer = typename Superclass::DataObjectPointer;
  using DataObjectIdentifierType = typename Superclass::DataObjectIdentifierType;
  using DataObjectPointerArraySizeType = typename Superclass::DataObjectPointerArraySizeType;
  using ModeEnum = FusionModeEnum;
  using WeightingEnum = FusionWeightingEnum;
  using ScoreEnum = FusionScoreEnum;
  using ArrayType = std::vector<double>;

  /** The HAADF (elastic) image. */
  void
  SetHAADF(const ImageType * haadf);
  const ImageType *
  GetHAADF() const;

  /** Chemical map of element \a index (0-based). */
  void
  SetChemicalMap(unsigned int index, const ImageType * map);
  const ImageType *
  GetChemicalMap(unsigned int index) const;

  /** All chemical maps as the components of one VectorImage (instead of SetChemicalMap()). */
  void
  SetChemicalMaps(const VectorImageType * maps);
  const VectorImageType *
  GetChemicalMaps() const;

  /** Element symbols and atomic numbers, in map order (empty: read from the maps' metadata). */
  void
  SetElementNames(const std::vector<std::string> & names)
  {
    m_ElementNames = names;
    this->Modified();
  }
  itkGetConstReferenceMacro(ElementNames, std::vector<std::string>);
  void
  SetAtomicNumbers(const ArrayType & numbers)
  {
    m_AtomicNumbers = numbers;
    this->Modified();
  }
  itkGetConstReferenceMacro(AtomicNumbers, ArrayType);

  itkSetEnumMacro(Mode, ModeEnum);
  itkGetEnumMacro(Mode, ModeEnum);

  /** HAADF exponent (> 0; default 1.6). */
  itkSetMacro(Gamma, double);
  itkGetConstMacro(Gamma, double);

  /** Reference mode: element weights of the HAADF model (default AtomicNumberOverMean, the
   * tutorial's), or Custom with SetWeights(). */
  itkSetEnumMacro(WeightingMethod, WeightingEnum);
  itkGetEnumMacro(WeightingMethod, WeightingEnum);
  void
  SetWeights(const ArrayType & weights)
  {
    m_Weights = weights;
    this->Modified();
  }
  itkGetConstReferenceMacro(Weights, ArrayType);

  /** Reference mode: weight of the Poisson term (default 0.08). */
  itkSetMacro(LambdaChem, double);
  itkGetConstMacro(LambdaChem, double);

  /** TV weight: reference mode (default 0.15), and for every element in ProximalGradient mode
   * when AutomaticParameters is off and no per-element values are set. ProximalGradient mode
   * works in counts, where the reference's 0.15 means almost no regularization: there the weight
   * is 8 until SetLambdaTV is called. */
  void
  SetLambdaTV(double lambda)
  {
    if (!m_LambdaTVGiven || m_LambdaTV != lambda)
    {
      m_LambdaTV = lambda;
      m_LambdaTVGiven = true;
      this->Modified();
    }
  }
  itkGetConstMacro(LambdaTV, double);

  /** ProximalGradient mode: per-element TV and L1 weights (used when AutomaticParameters is off). */
  void
  SetElementLambdaTV(const ArrayType & values)
  {
    m_ElementLambdaTV = values;
    this->Modified();
  }
  itkGetConstReferenceMacro(ElementLambdaTV, ArrayType);
  void
  SetSparsity(const ArrayType & values)
  {
    m_Sparsity = values;
    this->Modified();
  }
  itkGetConstReferenceMacro(Sparsity, ArrayType);

  /** Reference mode: weight (and step) of the HAADF term; 0, the default, is the reference's 1/n
   * (versions before 0.6 used 0.005). */
  itkSetMacro(LambdaHAADF, double);
  itkGetConstMacro(LambdaHAADF, double);

  /** ProximalGradient mode: multiplier of the HAADF likelihood weights 1 / variance (default 1). */
  itkSetMacro(HAADFWeightScale, double);
  itkGetConstMacro(HAADFWeightScale, double);

  /** Reference mode: the offset bkg of the Poisson gradient (default 0.24; > 0). */
  itkSetMacro(Background, double);
  itkGetConstMacro(Background, double);

  /** Reference mode: outer iterations (default 30) and TV sub-solver iterations (default 3). */
  itkSetMacro(NumberOfIterations, SizeValueType);
  itkGetConstMacro(NumberOfIterations, SizeValueType);
  itkSetMacro(NumberOfTVIterations, SizeValueType);
  itkGetConstMacro(NumberOfTVIterations, SizeValueType);

  /** Reference mode: apply the TV step (default on), clamp at 0 (default on), and zero initial
   * values below InitialThreshold (default 0: off). */
  itkSetMacro(Regularize, bool);
  itkGetConstMacro(Regularize, bool);
  itkBooleanMacro(Regularize);
  itkSetMacro(NonNegative, bool);
  itkGetConstMacro(NonNegative, bool);
  itkBooleanMacro(NonNegative);
  itkSetMacro(InitialThreshold, double);
  itkGetConstMacro(InitialThreshold, double);

  /** ProximalGradient mode: iteration limit (default 300), relative-change tolerance (1e-4),
   * inner TV iterations per proximal step (10), delta = lambda / HuberRatio (6), epsilon of the
   * logarithm in counts (1e-3), sigma of the smoothed start (1 pixel). */
  itkSetMacro(MaximumNumberOfIterations, SizeValueType);
  itkGetConstMacro(MaximumNumberOfIterations, SizeValueType);
  itkSetMacro(Tolerance, double);
  itkGetConstMacro(Tolerance, double);
  itkSetMacro(InnerTVIterations, SizeValueType);
  itkGetConstMacro(InnerTVIterations, SizeValueType);
  itkSetMacro(HuberRatio, double);
  itkGetConstMacro(HuberRatio, double);
  itkSetMacro(Epsilon, double);
  itkGetConstMacro(Epsilon, double);
  itkSetMacro(InitialSmoothing, double);
  itkGetConstMacro(InitialSmoothing, double);

  /** ProximalGradient mode: counts per unit of each input map (0, the default: 1 for maps of
   * integer counts, otherwise estimated from the map's noise, mean / variance). */
  itkSetMacro(CountsPerUnit, double);
  itkGetConstMacro(CountsPerUnit, double);

  /** ProximalGradient mode: choose LambdaTV and Sparsity per element by count splitting
   * (default on), over these grids (half-dose values), with this score and seed. */
  itkSetMacro(AutomaticParameters, bool);
  itkGetConstMacro(AutomaticParameters, bool);
  itkBooleanMacro(AutomaticParameters);
  void
  SetLambdaTVGrid(const ArrayType & grid)
  {
    m_LambdaTVGrid = grid;
    this->Modified();
  }
  itkGetConstReferenceMacro(LambdaTVGrid, ArrayType);
  void
  SetSparsityGrid(const ArrayType & grid)
  {
    m_SparsityGrid = grid;
    this->Modified();
  }
  itkGetConstReferenceMacro(SparsityGrid, ArrayType);
  itkSetEnumMacro(SelectionScore, ScoreEnum);
  itkGetEnumMacro(SelectionScore, ScoreEnum);
  itkSetMacro(RandomSeed, SizeValueType);
  itkGetConstMacro(RandomSeed, SizeValueType);

  /** Costs every CostInterval iterations (default 1; 0: none). */
  itkSetMacro(CostInterval, SizeValueType);
  itkGetConstMacro(CostInterval, SizeValueType);

  /** ProximalGradient mode: seconds the automatic parameter search may take (default 120); it
   * then keeps the best of the grid points it tried, and says so in GetWarnings(). */
  itkSetMacro(SearchTimeLimit, double);
  itkGetConstMacro(SearchTimeLimit, double);

  /** What the last update could not be sure of, one sentence each: an unconverged solve, a search
   * stopped by its time limit, elements the HAADF cannot tell apart (Z^gamma within 10 %), an
   * element whose fused total moved by more than 5 % from its raw total. Empty when none. */
  const std::vector<std::string> &
  GetWarnings() const
  {
    return m_Warnings;
  }
  /** Whether the last solve met its Tolerance before its iteration limit (ProximalGradient). */
  bool
  GetConverged() const
  {
    return m_Converged;
  }
  /** ProximalGradient mode, last update: the counts per unit assumed for each map and the HAADF
   * (1 for counts; for other data mean / noise variance, from the data); whether the HAADF was
   * taken as counts (else as a measurement of that estimated noise). */
  const ArrayType &
  GetAssumedCountsPerUnit() const
  {
    return m_AssumedCountsPerUnit;
  }
  double
  GetHAADFCountsPerUnit() const
  {
    return m_HAADFCountsPerUnit;
  }
  bool
  GetHAADFIsCounts() const
  {
    return m_HAADFIsCounts;
  }
  /** ProximalGradient mode: keep each element's total counts (default on). A map's total is its
   * best-measured number (relative noise 1 / sqrt(counts)); the HAADF term moves counts between
   * and out of the maps wherever its model departs from the data (30 % of O on the reference
   * phantom), and the penalties shrink them. Each fused map is scaled to its raw total, the
   * Poisson ML scale of its shape; the solver's own balance stays in GetSolverMassBalance(). */
  itkSetMacro(PreserveTotals, bool);
  itkGetConstMacro(PreserveTotals, bool);
  itkBooleanMacro(PreserveTotals);
  /** ProximalGradient mode, last update: each element's fused total over its raw total, as
   * returned, and as the solver left it (before PreserveTotals). */
  const ArrayType &
  GetMassBalance() const
  {
    return m_MassBalance;
  }
  const ArrayType &
  GetSolverMassBalance() const
  {
    return m_SolverMassBalance;
  }

  /** Outputs besides the indexed fused maps. */
  ImageType *
  GetModelHAADF();
  VectorImageType *
  GetFusedMaps();
  itkGetDecoratedOutputMacro(CostHAADF, ArrayType);
  itkGetDecoratedOutputMacro(CostChem, ArrayType);
  itkGetDecoratedOutputMacro(CostTV, ArrayType);
  itkGetDecoratedOutputMacro(CostIterations, ArrayType);
  itkGetDecoratedOutputMacro(NumberOfIterationsPerformed, SizeValueType);
  itkGetDecoratedOutputMacro(SelectedLambdaTV, ArrayType);
  itkGetDecoratedOutputMacro(SelectedSparsity, ArrayType);

  /** Number of chemical maps set. */
  unsigned int
  GetNumberOfChemicalMaps() const;

  using Superclass::MakeOutput;
  DataObjectPointer
  MakeOutput(DataObjectPointerArraySizeType index) override;
  DataObjectPointer
  MakeOutput(const DataObjectIdentifierType & name) override;

protected:
  FusedMultiModalImageFilter();
  ~FusedMultiModalImageFilter() override = default;

  void
  VerifyPreconditions() ITKv5_CONST override;
  void
  GenerateOutputInformation() override;
  void
  GenerateInputRequestedRegion() override;
  void
  EnlargeOutputRequestedRegion(DataObject * output) override;
  void
  GenerateData() override;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

private:
  struct Element
  {
    std::string Name;
    double      AtomicNumber{ 0.0 };
  };
  std::vector<Element>
  ResolveElements() const;
  // The maps as one plane each (pointers into the inputs, or into \a storage for a VectorImage),
  // after checking every value.
  std::vector<const PixelType *>
  CollectMaps(std::vector<PixelType> & storage) const;
  std::vector<PixelType *>
  AllocateFusionOutputs();
  void
  RunReference(const std::vector<const PixelType *> & maps,
               const std::vector<Element> &           elements,
               const std::vector<PixelType *> &       outputs,
               PixelType *                            model);
  void
  RunProximal(const std::vector<const PixelType *> & maps, const std::vector<PixelType *> & outputs, PixelType * model);
  /** Z of an element: given, or from its symbol; 0 when unknown. */
  static double
  AtomicNumberOf(const Element & element);
  /** The warnings of a finished update that do not depend on the solver. */
  void
  CheckResult(const std::vector<Element> & elements);
  // Metadata of the fused maps and the VectorImage output, once the maps are written.
  void
  FinishOutputs(const std::vector<PixelType *> & fused, const std::vector<Element> & elements);
  template <typename TFunction>
  void
  ForEachPixelRange(SizeValueType pixels, TFunction && function) const;
  template <typename T>
  void
  SetDecoratedValue(const char * name, const T & value);
  bool
  ReportProgress(float fraction);
  [[noreturn]] void
  ThrowAborted() const;

  std::vector<std::string> m_ElementNames;
  ArrayType                m_AtomicNumbers;
  ModeEnum                 m_Mode{ ModeEnum::ProximalGradient };
  double                   m_Gamma{ 1.6 };
  WeightingEnum            m_WeightingMethod{ WeightingEnum::AtomicNumberOverMean };
  ArrayType                m_Weights;
  double                   m_LambdaChem{ 0.08 };
  double                   m_LambdaTV{ 0.15 };
  bool                     m_LambdaTVGiven{ false }; // SetLambdaTV was called
  ArrayType                m_ElementLambdaTV;
  ArrayType                m_Sparsity;
  double                   m_LambdaHAADF{ 0.0 };
  double                   m_HAADFWeightScale{ 1.0 };
  double                   m_Background{ 0.24 };
  SizeValueType            m_NumberOfIterations{ 30 };
  SizeValueType            m_NumberOfTVIterations{ 3 };
  bool                     m_Regularize{ true };
  bool                     m_NonNegative{ true };
  double                   m_InitialThreshold{ 0.0 };
  SizeValueType            m_MaximumNumberOfIterations{ 300 };
  double                   m_Tolerance{ 1e-4 };
  SizeValueType            m_InnerTVIterations{ 10 };
  double                   m_HuberRatio{ 6.0 };
  double                   m_Epsilon{ 1e-3 };
  double                   m_InitialSmoothing{ 1.0 };
  double                   m_CountsPerUnit{ 0.0 };
  bool                     m_AutomaticParameters{ true };
  ArrayType                m_LambdaTVGrid{ 1.0, 2.0, 4.0, 8.0, 16.0 };
  ArrayType                m_SparsityGrid{ 0.0, 0.5, 1.0, 2.0, 4.0 };
  ScoreEnum                m_SelectionScore{ ScoreEnum::SquaredError };
  SizeValueType            m_RandomSeed{ 2024 };
  SizeValueType            m_CostInterval{ 1 };
  double                   m_SearchTimeLimit{ 120.0 };
  // The report of the last update.
  std::vector<std::string> m_Warnings;
  bool                     m_Converged{ false };
  ArrayType                m_AssumedCountsPerUnit;
  double                   m_HAADFCountsPerUnit{ 0.0 };
  bool                     m_HAADFIsCounts{ false };
  ArrayType                m_MassBalance;
  ArrayType                m_SolverMassBalance;
  bool                     m_PreserveTotals{ true };
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkFusedMultiModalImageFilter.hxx"
#endif

#endif
