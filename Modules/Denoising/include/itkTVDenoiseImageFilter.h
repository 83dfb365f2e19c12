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
#ifndef itkTVDenoiseImageFilter_h
#define itkTVDenoiseImageFilter_h

#include "itkEMMacro.h"
#include "itkFixedArray.h"
#include "itkImageToImageFilter.h"
#include "itkSimpleDataObjectDecorator.h"
#include "itkTVDenoiseSolver.h"

#include <limits>
#include <vector>

namespace itk
{
/** \class TVDenoiseImageFilter
 * \brief Total-variation (ROF) denoising: u = argmin_{l <= u <= h} 1/2 ||u - f||^2 + Lambda TV(u).
 *
 * Lambda is the weight of the TV term in index units, the same number as scikit-image's
 * denoise_tv_chambolle(weight=...) and the fusion reference's lambdaTV. TV is isotropic (default)
 * or anisotropic, with forward differences and Neumann (zero-flux) boundaries; each axis d can be
 * weighted by AxisWeights[d] and, with UseImageSpacing, divided by the spacing.
 *
 * The dual problem is solved by Beck and Teboulle's fast gradient projection (FGP, default) or
 * plain gradient projection (GP), with step 1/(Lambda L), L = 4 sum_d (weight_d / spacing_d)^2,
 * stopping on the duality gap (a certificate: ||u - u*|| <= sqrt(2 gap)) or the other criteria of
 * TVDenoiseEnums. A VectorImage is denoised component by component (independent problems solved
 * together; energies and gaps are their sums). Images of dimension 2 and 3 (and 1) are supported;
 * axes of size 1 are ignored, so an (nx, ny, 1) volume gives exactly the 2-D result.
 *
 * Outputs: the denoised image and, as decorated outputs, the number of iterations, the final
 * energy P(u) and duality gap, and their histories at every check.
 *
 * References: L. Rudin, S. Osher, E. Fatemi, Physica D 60 (1992) 259-268; A. Beck, M. Teboulle,
 * IEEE Trans. Image Process. 18 (2009) 2419-2434.
 *
 * \ingroup AnalyticalEMDenoising
 */
template <typename TInputImage, typename TOutputImage = TInputImage>
class ITK_TEMPLATE_EXPORT TVDenoiseImageFilter : public ImageToImageFilter<TInputImage, TOutputImage>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(TVDenoiseImageFilter);

  using Self = TVDenoiseImageFilter;
  using Superclass = ImageToImageFilter<TInputImage, TOutputImage>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;

  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(TVDenoiseImageFilter);

  static constexpr unsigned int ImageDimension = TInputImage::ImageDimension;

  using InputImageType = TInputImage;
  using OutputImageType = TOutputImage;
  using InputInternalPixelType = typename InputImageType::InternalPixelType;
  using OutputInternalPixelType = typename OutputImageType::InternalPixelType;
  /** Working precision: float for float (and integer) input, double for double input. */
  using RealType = typename NumericTraits<InputInternalPixelType>::FloatType;
  using SolverType = TVDenoiseSolver<RealType>;
  using NormEnum = TVDenoiseEnums::Norm;
  using AlgorithmEnum = TVDenoiseEnums::Algorithm;
  using StoppingCriterionEnum = TVDenoiseEnums::StoppingCriterion;
  using AxisWeightsType = FixedArray<double, ImageDimension>;
  using DataObjectPointer = typename Superclass::DataObjectPointer;
  using DataObjectIdentifierType = typename Superclass::DataObjectIdentifierType;

  /** Weight of the TV term (> 0; default 0.1). */
  itkSetMacro(Lambda, double);
  itkGetConstMacro(Lambda, double);
  /** The same weight under a name Python can pass as a keyword: Lambda's snake_case is `lambda`, a
   * reserved word. Without capitals in a row, the name maps between CamelCase and snake_case
   * either way: `tv_denoise_image_filter(image, regularization_weight=0.2)`. */
  void
  SetRegularizationWeight(double weight)
  {
    this->SetLambda(weight);
  }
  double
  GetRegularizationWeight() const
  {
    return this->GetLambda();
  }

  itkSetEnumMacro(Norm, NormEnum);
  itkGetEnumMacro(Norm, NormEnum);

  itkSetEnumMacro(Algorithm, AlgorithmEnum);
  itkGetEnumMacro(Algorithm, AlgorithmEnum);

  itkSetEnumMacro(StoppingCriterion, StoppingCriterionEnum);
  itkGetEnumMacro(StoppingCriterion, StoppingCriterionEnum);

  /** Stopping tolerance of the chosen criterion (default 1e-5). */
  itkSetMacro(Tolerance, double);
  itkGetConstMacro(Tolerance, double);

  /** Upper limit on the iterations (default 200); at least 1. */
  itkSetMacro(MaximumNumberOfIterations, SizeValueType);
  itkGetConstMacro(MaximumNumberOfIterations, SizeValueType);

  /** Iterations between two stopping tests and history entries (default 10). */
  itkSetMacro(CheckInterval, SizeValueType);
  itkGetConstMacro(CheckInterval, SizeValueType);

  /** Box constraint [LowerBound, UpperBound] on the result (default unbounded). */
  itkSetMacro(LowerBound, double);
  itkGetConstMacro(LowerBound, double);
  itkSetMacro(UpperBound, double);
  itkGetConstMacro(UpperBound, double);

  /** NonNegativeOn() sets LowerBound = 0, NonNegativeOff() removes the lower bound. */
  void
  SetNonNegative(bool nonNegative)
  {
    this->SetLowerBound(nonNegative ? 0.0 : -std::numeric_limits<double>::infinity());
  }
  bool
  GetNonNegative() const
  {
    return m_LowerBound >= 0.0;
  }
  itkBooleanMacro(NonNegative);

  /** Huber smoothing of the TV term (default 0 = TV): a gradient of magnitude s costs s^2 / (2 delta)
   * below delta and s - delta / 2 above, which avoids staircasing on smooth intensity profiles. */
  itkSetMacro(HuberDelta, double);
  itkGetConstMacro(HuberDelta, double);

  /** Divide the differences along each axis by the spacing (default off: index units). */
  itkSetMacro(UseImageSpacing, bool);
  itkGetConstMacro(UseImageSpacing, bool);
  itkBooleanMacro(UseImageSpacing);

  /** Per-axis weights of the differences (default 1; 0 decouples an axis). */
  itkSetMacro(AxisWeights, AxisWeightsType);
  itkGetConstReferenceMacro(AxisWeights, AxisWeightsType);

  /** Diagnostics of the last run. */
  itkGetDecoratedOutputMacro(NumberOfIterations, SizeValueType);
  itkGetDecoratedOutputMacro(Energy, double);
  itkGetDecoratedOutputMacro(DualityGap, double);
  itkGetDecoratedOutputMacro(EnergyHistory, std::vector<double>);
  itkGetDecoratedOutputMacro(DualityGapHistory, std::vector<double>);

  using Superclass::MakeOutput;
  DataObjectPointer
  MakeOutput(const DataObjectIdentifierType & name) override;

protected:
  TVDenoiseImageFilter();
  ~TVDenoiseImageFilter() override = default;

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
  template <typename T>
  void
  SetDecoratedValue(const char * name, const T & value);

  double                m_Lambda{ 0.1 };
  NormEnum              m_Norm{ NormEnum::Isotropic };
  AlgorithmEnum         m_Algorithm{ AlgorithmEnum::FGP };
  StoppingCriterionEnum m_StoppingCriterion{ StoppingCriterionEnum::DualityGap };
  double                m_Tolerance{ 1e-5 };
  SizeValueType         m_MaximumNumberOfIterations{ 200 };
  SizeValueType         m_CheckInterval{ 10 };
  double                m_LowerBound{ -std::numeric_limits<double>::infinity() };
  double                m_UpperBound{ std::numeric_limits<double>::infinity() };
  double                m_HuberDelta{ 0.0 };
  bool                  m_UseImageSpacing{ false };
  AxisWeightsType       m_AxisWeights;
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkTVDenoiseImageFilter.hxx"
#endif

#endif
