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
#include "itkMapMontage.h"
#include "itkEMMetaData.h"

#include <vtkActor2D.h>
#include <vtkCoordinate.h>
#include <vtkImageSlice.h>
#include <vtkLookupTable.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <cmath>

namespace itk
{
namespace
{
vtkSmartPointer<vtkTextActor>
MakeText(const std::string & text, int size, double r, double g, double b)
{
  auto actor = vtkSmartPointer<vtkTextActor>::New();
  actor->SetInput(text.c_str());
  actor->GetTextProperty()->SetFontSize(size);
  actor->GetTextProperty()->SetColor(r, g, b);
  return actor;
}

vtkSmartPointer<vtkRenderer>
MakeRenderer(double x0, double y0, double x1, double y1)
{
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  renderer->SetViewport(x0, y0, x1, y1);
  renderer->SetBackground(1.0, 1.0, 1.0);
  return renderer;
}

void
AddColorBar(vtkRenderer * renderer, vtkLookupTable * table, const std::string & units)
{
  auto bar = vtkSmartPointer<vtkScalarBarActor>::New();
  bar->SetLookupTable(table);
  if (!units.empty())
  {
    bar->SetTitle(units.c_str());
    bar->GetTitleTextProperty()->SetColor(0.0, 0.0, 0.0);
    bar->GetTitleTextProperty()->SetFontSize(10);
    bar->GetTitleTextProperty()->ShadowOff();
    bar->GetTitleTextProperty()->ItalicOff();
  }
  bar->SetNumberOfLabels(5);
  bar->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  bar->GetPositionCoordinate()->SetValue(0.05, 0.1);
  bar->SetWidth(0.9);
  bar->SetHeight(0.8);
  bar->UnconstrainedFontSizeOn();
  bar->GetLabelTextProperty()->SetColor(0.0, 0.0, 0.0);
  bar->GetLabelTextProperty()->SetFontSize(11);
  bar->GetLabelTextProperty()->ShadowOff();
  bar->GetLabelTextProperty()->ItalicOff();
  renderer->AddActor2D(bar);
}
} // namespace

void
MapMontage::AddMap(const ImageType * map, const std::string & title)
{
  if (map == nullptr || map->GetBufferedRegion().GetNumberOfPixels() == 0)
  {
    itkExceptionMacro(<< "AddMap: map " << m_Maps.size() << " is null or empty");
  }
  std::string name = title;
  if (name.empty())
  {
    name = EMVTK::MetaDataString(map->GetMetaDataDictionary(), EMMetaDataKeys::Element);
  }
  if (name.empty())
  {
    name = "map " + std::to_string(m_Maps.size());
  }
  m_Maps.push_back({ map, name });
  this->Modified();
}

void
MapMontage::ClearMaps()
{
  m_Maps.clear();
  this->Modified();
}

void
MapMontage::CheckIndex(unsigned int map) const
{
  if (map >= m_Maps.size())
  {
    itkExceptionMacro(<< "Map " << map << " of " << m_Maps.size());
  }
}

const std::string &
MapMontage::GetTitle(unsigned int map) const
{
  this->CheckIndex(map);
  return m_Maps[map].Title;
}

std::pair<double, double>
MapMontage::GetColorRange(unsigned int map) const
{
  this->CheckIndex(map);
  if (!m_SharedColorRange)
  {
    return EMVTK::FiniteRange(m_Maps[map].Image);
  }
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const auto & other : m_Maps)
  {
    const auto range = EMVTK::FiniteRange(other.Image);
    low = std::min(low, range.first);
    high = std::max(high, range.second);
  }
  return { low, high };
}

double
MapMontage::GetScaleBarLength(unsigned int map) const
{
  this->CheckIndex(map);
  const ImageType * image = m_Maps[map].Image;
  if (!EMMetaData::Has(image->GetMetaDataDictionary(), "SpatialUnits"))
  {
    return 0.0; // an uncalibrated map has no scale
  }
  return EMVTK::ScaleBarLength(image->GetSpacing()[0] * static_cast<double>(image->GetBufferedRegion().GetSize(0)));
}

std::string
MapMontage::GetUnits(unsigned int map) const
{
  this->CheckIndex(map);
  return EMVTK::MetaDataString(m_Maps[map].Image->GetMetaDataDictionary(), EMMetaDataKeys::Units);
}

vtkRenderer *
MapMontage::GetMapRenderer(unsigned int map) const
{
  this->CheckIndex(map);
  return map < m_MapRenderers.size() ? m_MapRenderers[map] : nullptr;
}

void
MapMontage::BuildScene(vtkRenderWindow * window)
{
  m_Window = window;
}

void
MapMontage::UpdateScene()
{
  for (const auto & renderer : m_Renderers)
  {
    m_Window->RemoveRenderer(renderer);
  }
  m_Renderers.clear();
  m_MapRenderers.clear();
  if (m_Maps.empty())
  {
    auto empty = MakeRenderer(0.0, 0.0, 1.0, 1.0);
    m_Window->AddRenderer(empty);
    m_Renderers.push_back(empty);
    return;
  }
  const auto         count = static_cast<unsigned int>(m_Maps.size());
  const unsigned int columns =
    m_NumberOfColumns > 0 ? std::min(m_NumberOfColumns, count)
                          : static_cast<unsigned int>(std::ceil(std::sqrt(static_cast<double>(count)) - 1e-9));
  const unsigned int rows = (count + columns - 1) / columns;
  // Per-map bars take a fifth of each cell; a shared bar takes a strip at the right.
  const double gridWidth = m_SharedColorRange ? 0.9 : 1.0;
  const double cellWidth = gridWidth / columns;
  const double imageWidth = m_SharedColorRange ? cellWidth : cellWidth * 0.8;
  const double cellHeight = 1.0 / rows;
  vtkSmartPointer<vtkLookupTable> sharedTable;
  const auto                      sharedRange = m_SharedColorRange ? this->GetColorRange(0) : std::make_pair(0.0, 1.0);
  for (unsigned int i = 0; i < count; ++i)
  {
    const Map &  map = m_Maps[i];
    const double x0 = cellWidth * (i % columns);
    const double y1 = 1.0 - cellHeight * (i / columns);
    auto         renderer = MakeRenderer(x0, y1 - cellHeight, x0 + imageWidth, y1);
    const auto   range = m_SharedColorRange ? sharedRange : this->GetColorRange(i);
    auto         table = EMVTK::MakeLookupTable(m_ColorMap, range.first, range.second);
    EMVTK::AddImage(renderer, map.Image, table);
    EMVTK::FitCamera(renderer, map.Image, imageWidth * this->GetWidth(), cellHeight * this->GetHeight(), 1.3);

    auto title = MakeText(map.Title, 14, 0.0, 0.0, 0.0);
    title->GetTextProperty()->SetJustificationToCentered();
    title->GetTextProperty()->SetVerticalJustificationToTop();
    title->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    title->GetPositionCoordinate()->SetValue(0.5, 0.985);
    renderer->AddActor2D(title);

    // Scale bar near the lower-left corner of the image (the bottom row has the largest y).
    const ImageType * image = map.Image;
    const double      length = this->GetScaleBarLength(i);
    if (length > 0.0)
    {
      const auto   region = image->GetBufferedRegion();
      const double sx = image->GetSpacing()[0];
      const double sy = image->GetSpacing()[1];
      const double left = image->GetOrigin()[0] + sx * (static_cast<double>(region.GetIndex(0)) - 0.5);
      const double bottom = image->GetOrigin()[1] + sy * (static_cast<double>(region.GetIndex(1) + region.GetSize(1)) - 0.5);
      const double height = sy * static_cast<double>(region.GetSize(1));
      const double barX = left + 0.05 * sx * static_cast<double>(region.GetSize(0));
      const double barY = bottom - 0.06 * height;
      renderer->AddActor2D(EMVTK::MakeWorldPolyline({ barX, barY, barX + length, barY }, false, 4.0f, 1.0, 1.0, 1.0));
      const std::string units = EMVTK::MetaDataString(image->GetMetaDataDictionary(), "SpatialUnits");
      auto        label = MakeText(EMVTK::FormatLength(length, units), 12, 1.0, 1.0, 1.0);
      label->GetTextProperty()->SetJustificationToCentered();
      label->GetTextProperty()->SetVerticalJustificationToBottom();
      label->GetTextProperty()->ShadowOn();
      label->GetPositionCoordinate()->SetCoordinateSystemToWorld();
      label->GetPositionCoordinate()->SetValue(barX + 0.5 * length, barY - 0.04 * height, 0.0);
      renderer->AddActor2D(label);
    }
    m_Window->AddRenderer(renderer);
    m_Renderers.push_back(renderer);
    m_MapRenderers.push_back(renderer);
    if (m_SharedColorRange)
    {
      sharedTable = table;
    }
    else
    {
      auto bar = MakeRenderer(x0 + imageWidth, y1 - cellHeight, x0 + cellWidth, y1);
      AddColorBar(bar, table, this->GetUnits(i));
      m_Window->AddRenderer(bar);
      m_Renderers.push_back(bar);
    }
  }
  if (sharedTable != nullptr)
  {
    // The shared bar has units when all maps have the same.
    std::string units = this->GetUnits(0);
    for (unsigned int i = 1; i < count; ++i)
    {
      units = this->GetUnits(i) == units ? units : std::string();
    }
    auto bar = MakeRenderer(gridWidth, 0.0, 1.0, 1.0);
    AddColorBar(bar, sharedTable, units);
    m_Window->AddRenderer(bar);
    m_Renderers.push_back(bar);
  }
}

void
MapMontage::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Maps: " << m_Maps.size() << std::endl;
  os << indent << "NumberOfColumns: " << m_NumberOfColumns << std::endl;
  os << indent << "SharedColorRange: " << m_SharedColorRange << std::endl;
  os << indent << "ColorMap: " << m_ColorMap << std::endl;
}
} // end namespace itk
