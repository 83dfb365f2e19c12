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
#ifndef itkSpectrumPlot_h
#define itkSpectrumPlot_h

#include "itkEMChartSupport.h"
#include "itkEMView.h"
#include "itkEnergyAxis.h"

class vtkChartXY;

namespace itk
{
/** \class SpectrumPlot
 * \brief A chart of one or more spectra on an energy axis (eV), e.g. a spectrum with its fitted
 * model and components, with optional edge-onset markers and a logarithmic intensity axis.
 *
 * \code
 * auto plot = itk::SpectrumPlot::New();
 * plot->AddSpectrum("data", axis, counts);
 * plot->AddSpectrum("model", axis, model);
 * plot->AddMarker("O K", 532.0);
 * plot->WriteScreenshot("spectrum.png");
 * \endcode
 * \ingroup AnalyticalEMVisualization
 */
class AnalyticalEMVisualization_EXPORT SpectrumPlot : public EMView
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(SpectrumPlot);

  using Self = SpectrumPlot;
  using Superclass = EMView;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(SpectrumPlot);

  /** A curve with explicit x values; its colour is the palette's next one unless the curve has
   * a non-black colour. */
  void
  AddCurve(const EMCurve & curve);
  /** The values of a spectrum on \a axis (its size must match). */
  void
  AddSpectrum(const std::string & name, const EnergyAxis & axis, const std::vector<double> & values);
  void
  AddMarker(const std::string & name, double energy);
  void
  ClearCurves();
  const std::vector<EMCurve> &
  GetCurves() const
  {
    return m_Curves;
  }

  itkSetStringMacro(Title);
  itkGetStringMacro(Title);
  itkSetStringMacro(XTitle);
  itkGetStringMacro(XTitle);
  itkSetStringMacro(YTitle);
  itkGetStringMacro(YTitle);
  itkSetMacro(Logarithmic, bool);
  itkGetConstMacro(Logarithmic, bool);
  itkBooleanMacro(Logarithmic);

  /** The chart (after the first render). */
  vtkChartXY *
  GetChart() const
  {
    return m_Chart;
  }

protected:
  SpectrumPlot() = default;
  ~SpectrumPlot() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;
  void
  BuildScene(vtkRenderWindow * window) override;
  void
  UpdateScene() override;
  /** 'l' toggles the logarithmic axis. */
  void
  OnKey(const std::string & key) override;

private:
  std::vector<EMCurve>  m_Curves;
  std::vector<EMMarker> m_Markers;
  std::string           m_Title;
  std::string           m_XTitle{ "Energy loss (eV)" };
  std::string           m_YTitle{ "Counts" };
  bool                  m_Logarithmic{ false };
  vtkChartXY *          m_Chart{ nullptr };
};
} // end namespace itk

#endif
