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

#include "itkEMMacro.h"
#include "itkFusionSettings.h"
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
 * Two solvers (Mode), each with its parameters in one settings object:
 * - ReferenceCompatible reproduces the published method (multimodal-fusion 0.6 / the 2024
 *   tutorial): min-max normalised data, unit gradient steps with lambdaH = 1/n, the threshold-like
 *   Background, and its early-stopped TV sub-solver (FusionReferenceSolver). Outputs are in the
 *   normalised units of that method. Parameters: SetReferenceSettings() (FusionReferenceSettings).
 * - ProximalGradient (default) treats the maps as Poisson counts and the HAADF as a Gaussian
 *   measurement of sum_e a_e x_e^gamma + b0 with gains a_e and offset b0 fitted to the data, with
 *   a Huber-TV prior (delta = lambda / HuberRatio) and an optional L1 weight per element, solved
 *   to a relative-change Tolerance (FusionProximalSolver). LambdaTV and Sparsity are chosen per
 *   element by Poisson count splitting when AutomaticParameters is on (FusionParameterSearch);
 *   the chosen values are reported. Outputs are in the units of the input maps, each with its
 *   raw total (PreserveTotals). Maps and HAADF are taken as counts when they are integers with
 *   the noise of counts; otherwise their counts per unit (maps) or noise (HAADF) are estimated.
 *   Parameters: SetProximalSettings() (FusionProximalSettings).
 * Gamma, the HAADF exponent, is shared by both.
 *
 * GetWarnings() says what the last update could not be sure of: an unconverged solve, a search
 * cut by SearchTimeLimit, elements whose Z^gamma the HAADF cannot tell apart, totals the solver
 * moved by more than 20 % (restored) or that are not kept.
 *
 * Outputs: fused map e as indexed output e and all of them as the VectorImage output
 * GetFusedMaps(); the model HAADF (GetModelHAADF(): A x^gamma in reference mode, the fitted model
 * in HAADF units otherwise); the cost histories GetCostHAADF(), GetCostChem(), GetCostTV() (every
 * CostInterval iterations of the mode's settings; for the reference, its three cost curves;
 * otherwise the three terms of the objective); GetNumberOfIterationsPerformed();
 * GetSelectedLambdaTV(), GetSelectedSparsity().
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

  /** HAADF exponent of both modes (> 0; default 1.6). */
  itkSetMacro(Gamma, double);
  itkGetConstMacro(Gamma, double);

  /** The parameters of each mode; the other mode's are kept but not used. */
  void
  SetReferenceSettings(const FusionReferenceSettings & settings)
  {
    m_ReferenceSettings = settings;
    this->Modified();
  }
  itkGetConstReferenceMacro(ReferenceSettings, FusionReferenceSettings);
  void
  SetProximalSettings(const FusionProximalSettings & settings)
  {
    m_ProximalSettings = settings;
    this->Modified();
  }
  itkGetConstReferenceMacro(ProximalSettings, FusionProximalSettings);

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
  /** ProximalGradient mode, last update: each element's fused total over its raw total, as
   * returned, and as the solver left it (before PreserveTotals). A map's total is its
   * best-measured number (relative noise 1 / sqrt(counts)); the HAADF term moves counts between
   * and out of the maps wherever its model departs from the data (30 % of O on the reference
   * phantom), and the penalties shrink them; PreserveTotals (default on) scales each fused map
   * to its raw total, the Poisson ML scale of its shape. */
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
  // What both modes do with a solver's report: abort or convergence, the model HAADF of \a maps
  // and the cost outputs.
  void
  Publish(const FusionSolverReport &             report,
          const std::vector<const PixelType *> & maps,
          const FusionHAADFModel &               haadfModel,
          PixelType *                            model);
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
  FusionReferenceSettings  m_ReferenceSettings;
  FusionProximalSettings   m_ProximalSettings;
  // The report of the last update.
  std::vector<std::string> m_Warnings;
  bool                     m_Converged{ false };
  ArrayType                m_AssumedCountsPerUnit;
  double                   m_HAADFCountsPerUnit{ 0.0 };
  bool                     m_HAADFIsCounts{ false };
  ArrayType                m_MassBalance;
  ArrayType                m_SolverMassBalance;
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkFusedMultiModalImageFilter.hxx"
#endif

#endif
