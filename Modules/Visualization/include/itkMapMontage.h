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
#ifndef itkMapMontage_h
#define itkMapMontage_h

#include "itkEMVTKBridge.h"
#include "itkEMView.h"

#include <vtkSmartPointer.h>

#include <utility>
#include <vector>

class vtkRenderer;

namespace itk
{
/** \class MapMontage
 * \brief A grid of 2-D maps (raw against fused, abundance and CRLB per element, ...), each with
 * its title, a colour bar (one per map, or one shared by all) and a scale bar in physical units.
 *
 * Maps are shown with row 0 at the top (as microscopes and HyperSpy show them), pixel edges at
 * their physical positions (origin and spacing; the direction is not applied). The title of a
 * map defaults to its Element metadata; a map's colour bar is titled with its Units metadata.
 * The scale bar's unit is the map's SpatialUnits metadata; a map without it is uncalibrated and
 * has no scale bar. NaN pixels are grey; a constant map has the middle colour of its range.
 *
 * \ingroup AnalyticalEMVisualization
 */
class AnalyticalEMVisualization_EXPORT MapMontage : public EMView
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(MapMontage);

  using Self = MapMontage;
  using Superclass = EMView;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(MapMontage);

  using ImageType = EMVTK::ScalarImageType;

  void
  AddMap(const ImageType * map, const std::string & title = "");
  void
  ClearMaps();
  unsigned int
  GetNumberOfMaps() const
  {
    return static_cast<unsigned int>(m_Maps.size());
  }
  /** Maps per row (0, default: the smallest n with n * n >= maps). */
  itkSetMacro(NumberOfColumns, unsigned int);
  itkGetConstMacro(NumberOfColumns, unsigned int);
  /** One colour range and bar for all maps (default off: one per map). */
  itkSetMacro(SharedColorRange, bool);
  itkGetConstMacro(SharedColorRange, bool);
  itkBooleanMacro(SharedColorRange);
  itkSetEnumMacro(ColorMap, EMColorMapEnum);
  itkGetEnumMacro(ColorMap, EMColorMapEnum);

  /** The title, colour range and scale-bar length of map i. */
  const std::string &
  GetTitle(unsigned int map) const;
  std::pair<double, double>
  GetColorRange(unsigned int map) const;
  double
  GetScaleBarLength(unsigned int map) const;
  /** The units of map i's values (its Units metadata; "" when absent). */
  std::string
  GetUnits(unsigned int map) const;
  /** The renderer that shows map i (after a render), e.g. to find a point on screen. */
  vtkRenderer *
  GetMapRenderer(unsigned int map) const;

protected:
  MapMontage() = default;
  ~MapMontage() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;
  void
  BuildScene(vtkRenderWindow * window) override;
  void
  UpdateScene() override;

private:
  struct Map
  {
    ImageType::ConstPointer Image;
    std::string             Title;
  };
  void
  CheckIndex(unsigned int map) const;

  std::vector<Map>                          m_Maps;
  unsigned int                              m_NumberOfColumns{ 0 };
  bool                                      m_SharedColorRange{ false };
  EMColorMapEnum                            m_ColorMap{ EMColorMapEnum::Viridis };
  vtkRenderWindow *                         m_Window{ nullptr };
  std::vector<vtkSmartPointer<vtkRenderer>> m_Renderers;
  std::vector<vtkRenderer *>                m_MapRenderers;
};
} // end namespace itk

#endif
