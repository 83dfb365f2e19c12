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
#ifndef itkEMVTKBridge_h
#define itkEMVTKBridge_h

#include "AnalyticalEMVisualizationExport.h"
#include "itkEMEnumNames.h"
#include "itkImage.h"
#include "itkVectorImage.h"

#include <vtkSmartPointer.h>

#include <string>
#include <utility>
#include <vector>

class vtkActor2D;
class vtkImageData;
class vtkImageSlice;
class vtkLookupTable;
class vtkRenderer;

namespace itk
{
/** Colour maps of the views (low to high). */
enum class EMColorMapEnum : uint8_t
{
  Gray,
  Viridis,
  Hot
};

template <>
struct EMEnumNames<EMColorMapEnum>
{
  static constexpr const char *               EnumName = "EMColorMapEnum";
  static constexpr EMEnumName<EMColorMapEnum> Entries[] = {
    { EMColorMapEnum::Gray, "Gray", nullptr },
    { EMColorMapEnum::Viridis, "Viridis", nullptr },
    { EMColorMapEnum::Hot, "Hot", nullptr },
  };
};

/** \brief ITK images to VTK, and the small image helpers the views share.
 * \ingroup AnalyticalEMVisualization */
namespace EMVTK
{
using ScalarImageType = Image<float, 2>;
using SpectrumImageType = VectorImage<float, 2>;

/** A copy of the image as vtkImageData, made through itk::VTKImageExport and vtkImageImport:
 * values, spacing, origin and direction. Throws for a null or empty image. */
AnalyticalEMVisualization_EXPORT vtkSmartPointer<vtkImageData>
ToVTK(const ScalarImageType * image);

/** Sum of every spectrum over its channels: the default navigator of a spectrum image. */
AnalyticalEMVisualization_EXPORT ScalarImageType::Pointer
IntegratedIntensity(const SpectrumImageType * spectra);

/** Smallest and largest finite value; (0, 1) when there is none; (v - |v|/2, v + |v|/2), or
 * (-1/2, 1/2) for 0, when all equal v, so that a constant map has the middle colour. */
AnalyticalEMVisualization_EXPORT std::pair<double, double>
FiniteRange(const ScalarImageType * image);

/** A 256-entry table of the colour map over [low, high]; NaN shows mid grey. */
AnalyticalEMVisualization_EXPORT vtkSmartPointer<vtkLookupTable>
MakeLookupTable(EMColorMapEnum map, double low, double high);

/** Shows the image in the renderer through the colour table (nearest-neighbour, whole pixels). */
AnalyticalEMVisualization_EXPORT vtkSmartPointer<vtkImageSlice>
AddImage(vtkRenderer * renderer, const ScalarImageType * image, vtkLookupTable * table);

/** Points the renderer's parallel camera at the image, row 0 at the top, the image filling the
 * viewport of \a width x \a height pixels up to \a margin (1.2: a tenth free on each side). */
AnalyticalEMVisualization_EXPORT void
FitCamera(vtkRenderer * renderer, const ScalarImageType * image, double width, double height, double margin);

/** The pixel of \a image shown at display position (x, y) of the renderer; false outside. */
AnalyticalEMVisualization_EXPORT bool
DisplayToIndex(vtkRenderer * renderer, const ScalarImageType * image, int x, int y, ScalarImageType::IndexType & index);

/** The display position (pixels, origin lower left) of the centre of pixel \a index. */
AnalyticalEMVisualization_EXPORT std::pair<double, double>
IndexToDisplay(vtkRenderer * renderer, const ScalarImageType * image, const ScalarImageType::IndexType & index);

/** A polyline through world points (x0, y0, x1, y1, ...), drawn in display space so that its
 * width is in pixels; closed joins the last point to the first. */
AnalyticalEMVisualization_EXPORT vtkSmartPointer<vtkActor2D>
MakeWorldPolyline(const std::vector<double> & xy, bool closed, float width, double r, double g, double b);

/** A string entry of the metadata, or \a fallback when it is absent or not a string. */
AnalyticalEMVisualization_EXPORT std::string
MetaDataString(const MetaDataDictionary & dictionary, const std::string & key, const std::string & fallback = "");

/** A scale-bar length of 1, 2 or 5 times a power of ten, close to a fifth of \a width. */
AnalyticalEMVisualization_EXPORT double
ScaleBarLength(double width);

/** "20 nm", "0.5 um", ...: the length with its unit, shortest exact form. */
AnalyticalEMVisualization_EXPORT std::string
FormatLength(double length, const std::string & units);
} // namespace EMVTK
} // end namespace itk

#endif
