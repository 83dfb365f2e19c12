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
#include "itkSpectrumPlot.h"

#include <vtkChartXY.h>

namespace itk
{
void
SpectrumPlot::AddCurve(const EMCurve & curve)
{
  if (curve.X.size() != curve.Y.size())
  {
    itkExceptionMacro(<< "AddCurve: " << curve.Name << " has " << curve.X.size() << " x and " << curve.Y.size()
                      << " y values");
  }
  EMCurve copy = curve;
  if (copy.Color == std::array<unsigned char, 3>{ { 0, 0, 0 } })
  {
    copy.Color = EMChart::PaletteColor(m_Curves.size());
  }
  m_Curves.push_back(std::move(copy));
  this->Modified();
}

void
SpectrumPlot::AddSpectrum(const std::string & name, const EnergyAxis & axis, const std::vector<double> & values)
{
  if (values.size() != axis.GetSize())
  {
    itkExceptionMacro(<< "AddSpectrum: " << name << " has " << values.size() << " values on an axis of "
                      << axis.GetSize() << " channels");
  }
  EMCurve curve;
  curve.Name = name;
  curve.Y = values;
  curve.X.resize(values.size());
  for (size_t i = 0; i < values.size(); ++i)
  {
    curve.X[i] = axis.GetEnergy(static_cast<double>(i));
  }
  this->AddCurve(curve);
}

void
SpectrumPlot::AddMarker(const std::string & name, double energy)
{
  m_Markers.push_back({ name, energy });
  this->Modified();
}

void
SpectrumPlot::ClearCurves()
{
  m_Curves.clear();
  m_Markers.clear();
  this->Modified();
}

void
SpectrumPlot::BuildScene(vtkRenderWindow * window)
{
  m_Chart = EMChart::AddChart(window, 0.0, 0.0, 1.0, 1.0);
}

void
SpectrumPlot::UpdateScene()
{
  EMChart::Fill(m_Chart, m_Curves, m_Markers, m_Logarithmic, m_Title, m_XTitle, m_YTitle);
}

void
SpectrumPlot::OnKey(const std::string & key)
{
  if (key == "l")
  {
    this->SetLogarithmic(!m_Logarithmic);
    this->RenderIfInitialized();
  }
}

void
SpectrumPlot::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Curves: " << m_Curves.size() << ", markers: " << m_Markers.size() << std::endl;
  os << indent << "Title: " << m_Title << std::endl;
  os << indent << "Logarithmic: " << m_Logarithmic << std::endl;
}
} // end namespace itk
