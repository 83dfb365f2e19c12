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
#include "itkConvergencePlot.h"

#include <vtkChartXY.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

namespace itk
{
void
ConvergencePlot::AddCurve(const std::string & panel, const std::string & name, const std::vector<double> & iterations,
                          const std::vector<double> & values)
{
  if (iterations.size() != values.size())
  {
    itkExceptionMacro(<< "AddCurve: " << panel << " / " << name << " has " << iterations.size() << " iterations and "
                      << values.size() << " values");
  }
  auto found = std::find_if(m_Panels.begin(), m_Panels.end(), [&](const Panel & p) { return p.Title == panel; });
  if (found == m_Panels.end())
  {
    m_Panels.push_back({ panel, {} });
    found = m_Panels.end() - 1;
  }
  EMCurve curve;
  curve.Name = name;
  curve.X = iterations;
  curve.Y = values;
  curve.Color = EMChart::PaletteColor(found->Curves.size());
  found->Curves.push_back(std::move(curve));
  this->Modified();
}

void
ConvergencePlot::ClearPanels()
{
  m_Panels.clear();
  this->Modified();
}

vtkChartXY *
ConvergencePlot::GetChart(unsigned int panel) const
{
  return panel < m_Charts.size() ? m_Charts[panel] : nullptr;
}

void
ConvergencePlot::BuildScene(vtkRenderWindow * window)
{
  m_Window = window;
  m_Renderers.clear();
  m_Charts.clear();
}

void
ConvergencePlot::UpdateScene()
{
  const auto panels = static_cast<unsigned int>(m_Panels.size());
  if (m_Charts.size() != panels)
  {
    for (const auto & renderer : m_Renderers)
    {
      m_Window->RemoveRenderer(renderer);
    }
    m_Renderers.clear();
    m_Charts.clear();
    const unsigned int columns = (m_NumberOfColumns == 0 || m_NumberOfColumns > panels) ? std::max(panels, 1u)
                                                                                        : m_NumberOfColumns;
    const unsigned int rows = (panels + columns - 1) / columns;
    for (unsigned int i = 0; i < panels; ++i)
    {
      const double x0 = static_cast<double>(i % columns) / columns;
      const double y1 = 1.0 - static_cast<double>(i / columns) / rows;
      vtkRenderer * renderer = nullptr;
      m_Charts.push_back(EMChart::AddChart(m_Window, x0, y1 - 1.0 / rows, x0 + 1.0 / columns, y1, &renderer));
      m_Renderers.emplace_back(renderer);
    }
  }
  for (unsigned int i = 0; i < panels; ++i)
  {
    EMChart::Fill(m_Charts[i], m_Panels[i].Curves, {}, m_Logarithmic, m_Panels[i].Title, m_XTitle, "");
  }
}

void
ConvergencePlot::OnKey(const std::string & key)
{
  if (key == "l")
  {
    this->SetLogarithmic(!m_Logarithmic);
    this->RenderIfInitialized();
  }
}

void
ConvergencePlot::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Panels: " << m_Panels.size() << std::endl;
  os << indent << "NumberOfColumns: " << m_NumberOfColumns << std::endl;
  os << indent << "Logarithmic: " << m_Logarithmic << std::endl;
}
} // end namespace itk
