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
#ifndef itkCoreLossQuantificationFilter_h
#define itkCoreLossQuantificationFilter_h

#include "itkCoreLossModelDesign.h"
#include "itkEMMacro.h"
#include "itkImageToImageFilter.h"
#include "itkMicroscopeParameters.h"
#include "itkVectorImage.h"

#include <array>
#include <atomic>
#include <iosfwd>
#include <memory>

namespace itk
{
/** \class CoreLossQuantificationFilter
 * \brief Model-based EELS quantification of a core-loss spectrum image, with per-pixel
 * Cramér-Rao error maps.
 *
 * Input 0: the core loss (a VectorImage with its energy axis and, unless
 * SetMicroscopeParameters() is used, its beam energy and semi-angles in the metadata). Optional
 * named input "LowLoss" (SetLowLoss()): a low loss of the same scan and dispersion; with
 * MultipleScattering on (default) each pixel's edges are convolved with that pixel's own low loss.
 *
 * The model of each pixel (CoreLossModelDesign): a linear combination of power laws (background,
 * not convolved; exponents 1 ... 6 by default) plus one hydrogenic or GOS-table cross section per
 * edge, fitted on the fit window minus the excluded ranges by LinearSpectrumFitter with the chosen
 * QuantificationFitterEnum, optionally with edge amplitudes >= 0 and the background convexity
 * rows. The CRLB of every coefficient uses the Poisson Fisher information built from the pixel's
 * own convolved columns and model, so it is right for every pixel (pyEELSMODEL reuses the last
 * pixel's low loss).
 *
 * Outputs (maps of type TMapImage, the input's geometry; E edges, K background terms):
 *  - 0 ... E-1: abundances (counts per barn/eV), GetAbundanceMap(e);
 *  - E ... 2E-1: their CRLB, GetCRLBMap(e);
 *  - 2E ... 2E+K-1: background coefficients, GetBackgroundMap(k);
 *  - 2E+K: reduced Pearson chi^2, 2E+K+1: reduced Poisson deviance;
 *  - 2E+K+2 ... 3E+K+1: relative composition, 100 a_e / sum a (at. %), GetCompositionMap(e);
 *  - "Abundances": all abundances as one VectorImage; "InvalidMask": 1 where the pixel could not
 *    be fitted (its maps are NaN; GetNumberOfInvalidPixels());
 *  - with ComputeModel: "Model" and "Residual" (data - model) spectrum images on the core-loss
 *    axis.
 * Maps carry Element and AtomicNumber in their metadata.
 *
 * The filter works pixel by pixel and honours the output requested region, so streaming gives
 * the maps of a whole-image run. Exceptions: no edges, an edge outside the fit window, fewer
 * fitted channels than parameters, a low loss of another scan size or dispersion, negative counts
 * with a Poisson fitter, missing energy axis or microscope parameters.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
template <typename TInputImage, typename TMapImage = Image<float, TInputImage::ImageDimension>>
class ITK_TEMPLATE_EXPORT CoreLossQuantificationFilter : public ImageToImageFilter<TInputImage, TMapImage>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(CoreLossQuantificationFilter);

  using Self = CoreLossQuantificationFilter;
  using Superclass = ImageToImageFilter<TInputImage, TMapImage>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(CoreLossQuantificationFilter);

  using InputImageType = TInputImage;
  using MapImageType = TMapImage;
  using MapPixelType = typename MapImageType::PixelType;
  static constexpr unsigned int ImageDimension = InputImageType::ImageDimension;
  using VectorMapImageType = VectorImage<MapPixelType, ImageDimension>;
  using MaskImageType = Image<unsigned char, ImageDimension>;
  using DataObjectPointer = typename Superclass::DataObjectPointer;
  using DataObjectIdentifierType = typename Superclass::DataObjectIdentifierType;
  using OutputRegionType = typename MapImageType::RegionType;

  void
  SetLowLoss(const InputImageType * lowLoss);
  const InputImageType *
  GetLowLoss() const;

  /** The edges, in the order of the maps. Creates the outputs. */
  void
  SetEdges(const std::vector<QuantifiedEdge> & edges);
  const std::vector<QuantifiedEdge> &
  GetEdges() const
  {
    return m_Settings.Edges;
  }
  /** Appends one edge (the same as SetEdges() with one more entry; convenient from Python). */
  void
  AddEdge(const std::string & element, const std::string & edge, double onsetEnergy = 0.0)
  {
    QuantifiedEdge added;
    added.Element = element;
    added.Edge = edge;
    added.OnsetEnergy = onsetEnergy;
    std::vector<QuantifiedEdge> edges = m_Settings.Edges;
    edges.push_back(added);
    this->SetEdges(edges);
  }
  /** Removes every edge (and its outputs). */
  void
  ClearEdges()
  {
    this->SetEdges({});
  }
  /** Exponents r_k of the background power laws (default 1, 2, ..., 6, of which those the fit
   * window cannot tell apart are dropped, highest first; exponents set here are kept as given).
   * Creates the outputs (one background map per exponent; a dropped one's map is 0). */
  void
  SetBackgroundExponents(const std::vector<double> & exponents);
  const std::vector<double> &
  GetBackgroundExponents() const
  {
    return m_Settings.BackgroundExponents;
  }
  /** E_s of the power laws (eV); 0 (default): max(first channel energy, 1 eV). */
  void
  SetBackgroundReferenceEnergy(double energy);
  /** Fit window [start, end] (eV); default: the whole axis. */
  void
  SetFitWindow(double start, double end);
  /** Energy ranges [a, b) left out of the fit. */
  void
  SetExcludedRanges(const std::vector<std::pair<double, double>> & ranges);
  /** Appends one excluded range [a, b) (eV). */
  void
  AddExcludedRange(double start, double end)
  {
    std::vector<std::pair<double, double>> ranges = m_Settings.ExcludedRanges;
    ranges.emplace_back(start, end);
    this->SetExcludedRanges(ranges);
  }
  /** Fits the whole window again. */
  void
  ClearExcludedRanges()
  {
    this->SetExcludedRanges({});
  }
  /** Overrides the beam energy and semi-angles of the core loss' metadata. */
  void
  SetMicroscopeParameters(const MicroscopeParameters & parameters);
  /** Quadrature of the cross sections (default: 100 ln Q steps, rectangle rule, pyEELSMODEL's
   * constants). Beam energy and angles are taken from the microscope parameters. */
  void
  SetCrossSectionQuadrature(unsigned int qSteps, MomentumIntegrationEnum integration, EELSConstantsEnum constants);
  /** A GOSH table for every edge instead of hydrogenic cross sections. */
  void
  SetGOSHFile(const std::string & path);
  const std::string &
  GetGOSHFile() const
  {
    return m_Settings.GOSHFile;
  }
  /** Cross sections from GOS tables computed from first principles (ComputedGOSTables: computed
   * on first use, a few seconds per sub-shell, then cached), unless a GOSH file is set. */
  void
  SetComputedCrossSections(bool computed);
  bool
  GetComputedCrossSections() const
  {
    return m_Settings.ComputedCrossSections;
  }
  itkBooleanMacro(ComputedCrossSections);
  void
  SetFitter(QuantificationFitterEnum fitter);
  QuantificationFitterEnum
  GetFitter() const
  {
    return m_Settings.Fitter.Fitter;
  }
  /** Re-weighting steps and relative tolerance of PoissonMaximumLikelihood. */
  void
  SetMaximumNumberOfIterations(unsigned int iterations);
  void
  SetTolerance(double tolerance);
  void
  SetEdgesNonNegative(bool nonNegative);
  void
  SetBackgroundConstraint(BackgroundConstraintEnum constraint);

  itkSetMacro(MultipleScattering, bool);
  itkGetConstMacro(MultipleScattering, bool);
  itkBooleanMacro(MultipleScattering);
  /** Adds (or removes) the "Model" and "Residual" outputs. */
  void
  SetComputeModel(bool compute);
  itkGetConstMacro(ComputeModel, bool);
  itkBooleanMacro(ComputeModel);

  MapImageType *
  GetAbundanceMap(unsigned int edge);
  MapImageType *
  GetCRLBMap(unsigned int edge);
  MapImageType *
  GetBackgroundMap(unsigned int term);
  MapImageType *
  GetReducedChiSquareMap();
  MapImageType *
  GetReducedDevianceMap();
  MapImageType *
  GetCompositionMap(unsigned int edge);
  VectorMapImageType *
  GetAbundances();
  MaskImageType *
  GetInvalidMask();
  /** Why each pixel has, or lacks, its values: a FitStatusEnum code per pixel (0: fitted). */
  MaskImageType *
  GetFitStatusMap();
  /** Pixels of the last update with status \a status. */
  SizeValueType
  GetNumberOfPixelsWithStatus(FitStatusEnum status) const
  {
    return m_StatusCounts[static_cast<size_t>(status)];
  }
  /** One line on what could not be trusted in the last update, and why ("1024 of 1024 pixels NaN:
   * the model's columns are linearly dependent (1024) ..."); empty when every pixel was fitted. */
  std::string
  GetFitSummary() const;
  /** Only with ComputeModel. */
  VectorMapImageType *
  GetModel();
  VectorMapImageType *
  GetResidual();
  SizeValueType
  GetNumberOfInvalidPixels() const
  {
    return m_NumberOfInvalidPixels;
  }
  /** The model of the last update (after it). */
  const CoreLossModelDesign *
  GetDesign() const
  {
    return m_Design.get();
  }

protected:
  CoreLossQuantificationFilter();
  ~CoreLossQuantificationFilter() override = default;

  /** The spectra that are fitted: the inputs here; ElementalQuantificationFilter's aligned ones. */
  virtual const InputImageType *
  GetCoreLossToFit() const
  {
    return this->GetInput();
  }
  virtual const InputImageType *
  GetLowLossToFit() const
  {
    return this->GetLowLoss();
  }

  using Superclass::MakeOutput;
  DataObjectPointer
  MakeOutput(const DataObjectIdentifierType & name) override;

  void
  VerifyInputInformation() ITKv5_CONST override;
  void
  GenerateOutputInformation() override;
  void
  BeforeThreadedGenerateData() override;
  void
  DynamicThreadedGenerateData(const OutputRegionType & region) override;
  void
  AfterThreadedGenerateData() override;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

private:
  void
  CreateOutputs();
  /** Design settings from the parameters and the inputs' metadata. */
  CoreLossModelSettings
  MakeDesignSettings() const;
  /** "hydrogenic", "computed" or "GOSH <file>": printed, and written on the maps it scales. */
  std::string
  DescribeCrossSections() const;

  CoreLossModelSettings                m_Settings;
  MicroscopeParameters                 m_Microscope;
  bool                                 m_UseInputMicroscope{ true };
  bool                                 m_MultipleScattering{ true };
  bool                                 m_ComputeModel{ false };
  std::unique_ptr<CoreLossModelDesign> m_Design;
  TimeStamp                            m_DesignTime;
  std::atomic<SizeValueType>           m_InvalidCount{ 0 };
  SizeValueType                        m_NumberOfInvalidPixels{ 0 };
  bool                                 m_BackgroundExponentsGiven{ false };
  static constexpr size_t              NumberOfStatuses = 10;
  std::array<std::atomic<SizeValueType>, NumberOfStatuses> m_StatusCounting{};
  std::array<SizeValueType, NumberOfStatuses>              m_StatusCounts{};
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkCoreLossQuantificationFilter.hxx"
#endif

#endif
