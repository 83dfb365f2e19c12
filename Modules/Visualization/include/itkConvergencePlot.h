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
#ifndef itkConvergencePlot_h
#define itkConvergencePlot_h

#include "itkEMChartSupport.h"
#include "itkEMView.h"

#include <vtkSmartPointer.h>

class vtkChartXY;
class vtkRenderer;

namespace itk
{
/** \class ConvergencePlot
 * \brief Iteration histories, one chart panel per cost (e.g. the fusion filter's HAADF, chemical
 * and TV costs, or a TV energy history), panels in a grid.
 *
 * \code
 * auto plot = itk::ConvergencePlot::New();
 * plot->AddCurve("HAADF cost", "reference", iterations, fusion->GetCostHAADF());
 * plot->AddCurve("TV cost", "reference", iterations, fusion->GetCostTV());
 * plot->WriteScreenshot("convergence.png");
 * \endcode
 * \ingroup AnalyticalEMVisualization
 */
class AnalyticalEMVisualization_EXPORT ConvergencePlot : public EMView
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(ConvergencePlot);

  using Self = ConvergencePlot;
  using Superclass = EMView;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(ConvergencePlot);

  /** Adds a curve to the panel with this title (a new panel the first time). */
  void
  AddCurve(const std::string & panel, const std::string & name, const std::vector<double> & iterations,
           const std::vector<double> & values);
  void
  ClearPanels();
  unsigned int
  GetNumberOfPanels() const
  {
    return static_cast<unsigned int>(m_Panels.size());
  }
  /** Panels per row (0, default: all in one row). */
  itkSetMacro(NumberOfColumns, unsigned int);
  itkGetConstMacro(NumberOfColumns, unsigned int);
  itkSetMacro(Logarithmic, bool);
  itkGetConstMacro(Logarithmic, bool);
  itkBooleanMacro(Logarithmic);
  itkSetStringMacro(XTitle);
  itkGetStringMacro(XTitle);

  /** The chart of panel i (after a render). */
  vtkChartXY *
  GetChart(unsigned int panel) const;

protected:
  ConvergencePlot() = default;
  ~ConvergencePlot() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;
  void
  BuildScene(vtkRenderWindow * window) override;
  void
  UpdateScene() override;
  /** 'l' toggles the logarithmic axes. */
  void
  OnKey(const std::string & key) override;

private:
  struct Panel
  {
    std::string          Title;
    std::vector<EMCurve> Curves;
  };
  std::vector<Panel>                     m_Panels;
  unsigned int                           m_NumberOfColumns{ 0 };
  bool                                   m_Logarithmic{ false };
  std::string                            m_XTitle{ "Iteration" };
  vtkRenderWindow *                      m_Window{ nullptr };
  std::vector<vtkSmartPointer<vtkRenderer>> m_Renderers;
  std::vector<vtkChartXY *>              m_Charts;
};
} // end namespace itk

#endif
