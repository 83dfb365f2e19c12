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
#ifndef itkEDSLineIntensityImageFilter_h
#define itkEDSLineIntensityImageFilter_h

#include "itkEDSLineModel.h"
#include "itkImageToImageFilter.h"
#include "itkVectorImage.h"

#include <string>
#include <vector>

namespace itk
{
/** \class EDSLineIntensityImageFilter
 * \brief X-ray line intensity maps of an EDS spectrum image, and Cliff-Lorimer compositions.
 *
 * Input: a spectrum image (VectorImage, one component per channel) with its energy axis in its
 * dictionary (EnergyOffset, EnergyDispersion in eV), as the Velox, Bruker, HyperSpy and DM
 * readers give it. Output 0: one component per line of SetLines() ("Fe_Ka", "O_Ka"), the
 * line's counts measured as EDSLineModel says (SetMethod: integration and background windows,
 * or a fit of the lines' families with a quadratic background); the dictionary gets "Element"
 * (the elements, in the lines' order, as the fusion filter reads them) and "XrayLines".
 *
 * With SetKFactors() (one per line), output 1 (GetCompositionOutput()) holds the Cliff-Lorimer
 * fractions C_i = k_i I_i / sum_j k_j I_j per pixel (NaN where the sum is not positive).
 *
 * Each pixel's intensities are one matrix applied to its spectrum, so any region of the output
 * needs only that region of the input: the filter streams.
 *
 * \ingroup AnalyticalEMEDS
 */
template <typename TInputImage, typename TOutputImage = VectorImage<float, TInputImage::ImageDimension>>
class ITK_TEMPLATE_EXPORT EDSLineIntensityImageFilter : public ImageToImageFilter<TInputImage, TOutputImage>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(EDSLineIntensityImageFilter);

  using Self = EDSLineIntensityImageFilter;
  using Superclass = ImageToImageFilter<TInputImage, TOutputImage>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkTypeMacro(EDSLineIntensityImageFilter, ImageToImageFilter);

  using InputImageType = TInputImage;
  using OutputImageType = TOutputImage;
  using OutputRegionType = typename OutputImageType::RegionType;

  void
  SetLines(const std::vector<std::string> & lines)
  {
    m_Model.SetLines(lines);
    this->Modified();
  }
  const std::vector<EDSXrayLine> &
  GetLines() const
  {
    return m_Model.GetLines();
  }
  itkSetEnumMacro(Method, EDSLineMethodEnum);
  itkGetEnumMacro(Method, EDSLineMethodEnum);
  /** FWHM of the detector at Mn Ka, eV (default 130). */
  itkSetMacro(ResolutionMnKa, double);
  itkGetConstMacro(ResolutionMnKa, double);
  /** Width of the integration window in FWHM of the line (default 2). */
  itkSetMacro(IntegrationWidth, double);
  itkGetConstMacro(IntegrationWidth, double);
  /** Windows: subtract the background measured beside each line (default on). */
  itkSetMacro(SubtractBackground, bool);
  itkGetConstMacro(SubtractBackground, bool);
  itkBooleanMacro(SubtractBackground);
  /** Cliff-Lorimer k-factors, one per line; empty (the default) for no compositions. */
  void
  SetKFactors(const std::vector<double> & factors)
  {
    m_KFactors = factors;
    this->Modified();
  }
  const std::vector<double> &
  GetKFactors() const
  {
    return m_KFactors;
  }

  OutputImageType *
  GetCompositionOutput()
  {
    return this->GetOutput(1);
  }

protected:
  EDSLineIntensityImageFilter();
  ~EDSLineIntensityImageFilter() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;
  void
  GenerateOutputInformation() override;
  void
  BeforeThreadedGenerateData() override;
  void
  DynamicThreadedGenerateData(const OutputRegionType & region) override;

private:
  EDSLineModel        m_Model;
  EDSLineMethodEnum   m_Method{ EDSLineMethodEnum::Windows };
  double              m_ResolutionMnKa{ 130.0 };
  double              m_IntegrationWidth{ 2.0 };
  bool                m_SubtractBackground{ true };
  std::vector<double> m_KFactors;
  std::vector<double> m_Matrix; // lines x channels
  std::vector<size_t> m_First, m_Last; // the channels each line's row uses
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkEDSLineIntensityImageFilter.hxx"
#endif

#endif
