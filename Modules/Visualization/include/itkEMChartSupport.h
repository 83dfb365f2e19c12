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
#ifndef itkEMChartSupport_h
#define itkEMChartSupport_h

#include "AnalyticalEMVisualizationExport.h"

#include <array>
#include <string>
#include <vector>

class vtkChartXY;
class vtkRenderWindow;
class vtkRenderer;

namespace itk
{
/** A curve of a chart: points (X[i], Y[i]) joined by a line. */
struct AnalyticalEMVisualization_EXPORT EMCurve
{
  std::string                 Name;
  std::vector<double>         X;
  std::vector<double>         Y;
  std::array<unsigned char, 3> Color{ { 0, 0, 0 } };
  float                       Width{ 2.0f };
};

/** A labelled vertical line, e.g. an edge onset. */
struct AnalyticalEMVisualization_EXPORT EMMarker
{
  std::string Name;
  double      X{ 0.0 };
};

/** \brief Building the views' XY charts.
 * \ingroup AnalyticalEMVisualization */
namespace EMChart
{
/** Colour i of the views' palette (distinct, dark enough on white). */
AnalyticalEMVisualization_EXPORT std::array<unsigned char, 3>
PaletteColor(size_t index);

/** Replaces the chart's plots by the curves and markers, titles the axes, and sets the y axis
 * linear or logarithmic. On a log axis values are shown no lower than 1e-4 of the largest one
 * (zero and negative counts have no logarithm). Markers span the shown y range, in grey. */
AnalyticalEMVisualization_EXPORT void
Fill(vtkChartXY * chart, const std::vector<EMCurve> & curves, const std::vector<EMMarker> & markers, bool logarithmic,
     const std::string & title, const std::string & xTitle, const std::string & yTitle);

/** A renderer on the viewport [x0, x1] x [y0, y1] (fractions of the window) holding one chart,
 * white background; \a renderer (optional) receives it. */
AnalyticalEMVisualization_EXPORT vtkChartXY *
AddChart(vtkRenderWindow * window, double x0, double y0, double x1, double y1, vtkRenderer ** renderer = nullptr);
} // namespace EMChart
} // end namespace itk

#endif
