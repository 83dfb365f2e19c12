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
#ifndef itkElementalQuantificationFilter_h
#define itkElementalQuantificationFilter_h

#include "itkCoreLossQuantificationFilter.h"
#include "itkEELSAlignFilter.h"

namespace itk
{
/** \class ElementalQuantificationFilter
 * \brief The one-call workflow of a dual-EELS map: zero-loss alignment, then quantification.
 *
 * Inputs as CoreLossQuantificationFilter (the core loss, and the low loss, which is required
 * here). EELSAlignFilter (GetAligner(); default Argmax with whole-channel shifts, no
 * interpolation of the counts) aligns the low loss and, with the same shifts, the core loss; the
 * aligned pair is then quantified with every setting of the superclass, and the outputs are those
 * of the superclass. GetShiftMap() gives the zero-loss positions. pyEELSMODEL's
 * ElementalQuantification fits the unaligned data unless the user aligns first.
 *
 * The alignment needs every pixel (its crop depends on all the shifts), so the whole inputs are
 * requested; the fit then honours the output requested region.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
template <typename TInputImage, typename TMapImage = Image<float, TInputImage::ImageDimension>>
class ITK_TEMPLATE_EXPORT ElementalQuantificationFilter : public CoreLossQuantificationFilter<TInputImage, TMapImage>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(ElementalQuantificationFilter);

  using Self = ElementalQuantificationFilter;
  using Superclass = CoreLossQuantificationFilter<TInputImage, TMapImage>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(ElementalQuantificationFilter);

  using InputImageType = typename Superclass::InputImageType;
  using AlignerType = EELSAlignFilter<InputImageType>;

  /** The aligner, to choose its method, shift and range. */
  AlignerType *
  GetAligner()
  {
    return m_Aligner;
  }
  /** The input-axis energy of each pixel's zero loss (after an update). */
  typename AlignerType::ShiftImageType *
  GetShiftMap()
  {
    return m_Aligner->GetShiftMap();
  }

protected:
  ElementalQuantificationFilter()
  {
    m_Aligner->SetShift(SpectrumShiftEnum::Roll);
  }
  ~ElementalQuantificationFilter() override = default;

  const InputImageType *
  GetCoreLossToFit() const override
  {
    return m_Aligner->GetOutput(1);
  }
  const InputImageType *
  GetLowLossToFit() const override
  {
    return m_Aligner->GetOutput(0);
  }

  void
  VerifyPreconditions() ITKv5_CONST override
  {
    Superclass::VerifyPreconditions();
    if (this->GetLowLoss() == nullptr)
    {
      itkExceptionMacro(<< "ElementalQuantificationFilter needs the low loss (SetLowLoss) to align the core loss");
    }
  }

  void
  GenerateInputRequestedRegion() override
  {
    Superclass::GenerateInputRequestedRegion();
    for (const char * name : { "Primary", "LowLoss" })
    {
      if (auto * input = dynamic_cast<InputImageType *>(this->ProcessObject::GetInput(name)))
      {
        input->SetRequestedRegionToLargestPossibleRegion();
      }
    }
  }

  void
  GenerateOutputInformation() override
  {
    // The aligned spectra define the fitted axis (and the model outputs' length).
    m_Aligner->SetInput(this->GetLowLoss());
    m_Aligner->SetCompanion(0, this->GetInput());
    m_Aligner->Update();
    Superclass::GenerateOutputInformation();
  }

  void
  PrintSelf(std::ostream & os, Indent indent) const override
  {
    Superclass::PrintSelf(os, indent);
    os << indent << "Aligner:" << std::endl;
    m_Aligner->Print(os, indent.GetNextIndent());
  }

private:
  typename AlignerType::Pointer m_Aligner{ AlignerType::New() };
};
} // end namespace itk

#endif
