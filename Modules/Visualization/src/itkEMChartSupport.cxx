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
#include "itkEMChartSupport.h"
#include "itkMacro.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextActor.h>
#include <vtkContextScene.h>
#include <vtkDoubleArray.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace itk
{
namespace EMChart
{
std::array<unsigned char, 3>
PaletteColor(size_t index)
{
  static const std::array<unsigned char, 3> palette[] = { { { 31, 119, 180 } }, { { 214, 39, 40 } },
                                                         { { 44, 160, 44 } },  { { 255, 127, 14 } },
                                                         { { 148, 103, 189 } }, { { 140, 86, 75 } },
                                                         { { 227, 119, 194 } }, { { 23, 190, 207 } } };
  return palette[index % (sizeof(palette) / sizeof(palette[0]))];
}

namespace
{
vtkSmartPointer<vtkTable>
MakeTable(const std::vector<double> & x, const std::vector<double> & y, double floor)
{
  auto table = vtkSmartPointer<vtkTable>::New();
  auto xs = vtkSmartPointer<vtkDoubleArray>::New();
  auto ys = vtkSmartPointer<vtkDoubleArray>::New();
  xs->SetName("x");
  ys->SetName("y");
  table->AddColumn(xs);
  table->AddColumn(ys);
  table->SetNumberOfRows(static_cast<vtkIdType>(x.size()));
  for (size_t i = 0; i < x.size(); ++i)
  {
    table->SetValue(static_cast<vtkIdType>(i), 0, x[i]);
    table->SetValue(static_cast<vtkIdType>(i), 1, std::isfinite(y[i]) ? std::max(y[i], floor) : floor);
  }
  return table;
}
} // namespace

void
Fill(vtkChartXY * chart, const std::vector<EMCurve> & curves, const std::vector<EMMarker> & markers, bool logarithmic,
     const std::string & title, const std::string & xTitle, const std::string & yTitle)
{
  chart->ClearPlots();
  double largest = -std::numeric_limits<double>::infinity();
  double smallest = std::numeric_limits<double>::infinity();
  for (const auto & curve : curves)
  {
    if (curve.X.size() != curve.Y.size())
    {
      itkGenericExceptionMacro(<< "EMChart: curve " << curve.Name << " has " << curve.X.size() << " x and "
                               << curve.Y.size() << " y values");
    }
    for (const double y : curve.Y)
    {
      if (std::isfinite(y))
      {
        largest = std::max(largest, y);
        smallest = std::min(smallest, y);
      }
    }
  }
  if (!(smallest <= largest))
  {
    smallest = 0.0;
    largest = 1.0;
  }
  const double floor = logarithmic ? (largest > 0.0 ? 1e-4 * largest : 1e-4) : -std::numeric_limits<double>::max();
  for (const auto & curve : curves)
  {
    if (curve.X.empty())
    {
      continue;
    }
    vtkPlot * line = chart->AddPlot(vtkChart::LINE);
    line->SetInputData(MakeTable(curve.X, curve.Y, floor), 0, 1);
    line->SetColor(curve.Color[0], curve.Color[1], curve.Color[2], 255);
    line->SetWidth(curve.Width);
    line->SetLabel(curve.Name);
  }
  const double low = logarithmic ? std::max(smallest, floor) : smallest;
  const double high = logarithmic ? std::max(largest, 10.0 * floor) : largest;
  for (const auto & marker : markers)
  {
    vtkPlot * line = chart->AddPlot(vtkChart::LINE);
    line->SetInputData(MakeTable({ marker.X, marker.X }, { low, high }, floor), 0, 1);
    line->SetColor(110, 110, 110, 255);
    line->SetWidth(1.0f);
    line->GetPen()->SetLineType(vtkPen::DASH_LINE);
    line->SetLabel(marker.Name);
  }
  chart->SetTitle(title);
  chart->GetTitleProperties()->SetFontSize(14);
  chart->SetShowLegend(!curves.empty() && (curves.size() > 1 || !markers.empty()));
  chart->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
  chart->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
  vtkAxis * x = chart->GetAxis(vtkAxis::BOTTOM);
  vtkAxis * y = chart->GetAxis(vtkAxis::LEFT);
  x->SetTitle(xTitle);
  y->SetTitle(yTitle);
  y->SetLogScale(logarithmic);
  x->SetBehavior(vtkAxis::AUTO);
  y->SetBehavior(vtkAxis::AUTO);
  chart->RecalculateBounds();
}

vtkChartXY *
AddChart(vtkRenderWindow * window, double x0, double y0, double x1, double y1, vtkRenderer ** rendererOut)
{
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  renderer->SetViewport(x0, y0, x1, y1);
  renderer->SetBackground(1.0, 1.0, 1.0);
  auto chart = vtkSmartPointer<vtkChartXY>::New();
  auto actor = vtkSmartPointer<vtkContextActor>::New();
  actor->GetScene()->AddItem(chart);
  renderer->AddActor(actor);
  window->AddRenderer(renderer);
  if (rendererOut != nullptr)
  {
    *rendererOut = renderer;
  }
  return chart; // owned by the scene, which the renderer keeps
}
} // namespace EMChart
} // end namespace itk
