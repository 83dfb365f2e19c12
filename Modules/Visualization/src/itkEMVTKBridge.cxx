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
#include "itkEMVTKBridge.h"
#include "itkEMMetaData.h"
#include "itkMetaDataObject.h"
#include "itkVTKImageExport.h"

#include <vtkActor2D.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkImageData.h>
#include <vtkImageImport.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

namespace itk
{
namespace EMVTK
{
vtkSmartPointer<vtkImageData>
ToVTK(const ScalarImageType * image)
{
  if (image == nullptr || image->GetBufferedRegion().GetNumberOfPixels() == 0)
  {
    itkGenericExceptionMacro(<< "EMVTK::ToVTK: no image, or an empty one");
  }
  using ExportType = VTKImageExport<ScalarImageType>;
  auto exporter = ExportType::New();
  exporter->SetInput(image);
  auto importer = vtkSmartPointer<vtkImageImport>::New();
  importer->SetUpdateInformationCallback(exporter->GetUpdateInformationCallback());
  importer->SetPipelineModifiedCallback(exporter->GetPipelineModifiedCallback());
  importer->SetWholeExtentCallback(exporter->GetWholeExtentCallback());
  importer->SetSpacingCallback(exporter->GetSpacingCallback());
  importer->SetOriginCallback(exporter->GetOriginCallback());
  importer->SetDirectionCallback(exporter->GetDirectionCallback());
  importer->SetScalarTypeCallback(exporter->GetScalarTypeCallback());
  importer->SetNumberOfComponentsCallback(exporter->GetNumberOfComponentsCallback());
  importer->SetPropagateUpdateExtentCallback(exporter->GetPropagateUpdateExtentCallback());
  importer->SetUpdateDataCallback(exporter->GetUpdateDataCallback());
  importer->SetDataExtentCallback(exporter->GetDataExtentCallback());
  importer->SetBufferPointerCallback(exporter->GetBufferPointerCallback());
  importer->SetCallbackUserData(exporter->GetCallbackUserData());
  importer->Update();
  // A deep copy, so the result does not depend on the exporter (or the ITK buffer) staying alive.
  auto copy = vtkSmartPointer<vtkImageData>::New();
  copy->DeepCopy(importer->GetOutput());
  return copy;
}

ScalarImageType::Pointer
IntegratedIntensity(const SpectrumImageType * spectra)
{
  if (spectra == nullptr || spectra->GetBufferedRegion().GetNumberOfPixels() == 0)
  {
    itkGenericExceptionMacro(<< "EMVTK::IntegratedIntensity: no spectrum image, or an empty one");
  }
  auto result = ScalarImageType::New();
  result->SetRegions(spectra->GetBufferedRegion());
  result->SetSpacing(spectra->GetSpacing());
  result->SetOrigin(spectra->GetOrigin());
  result->SetDirection(spectra->GetDirection());
  result->SetMetaDataDictionary(spectra->GetMetaDataDictionary());
  result->Allocate();
  const SizeValueType  pixels = spectra->GetBufferedRegion().GetNumberOfPixels();
  const unsigned int   channels = spectra->GetNumberOfComponentsPerPixel();
  const float *        in = spectra->GetBufferPointer();
  float *              out = result->GetBufferPointer();
  for (SizeValueType p = 0; p < pixels; ++p)
  {
    double sum = 0.0;
    for (unsigned int c = 0; c < channels; ++c)
    {
      sum += in[p * channels + c];
    }
    out[p] = static_cast<float>(sum);
  }
  return result;
}

std::pair<double, double>
FiniteRange(const ScalarImageType * image)
{
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  const float * values = image->GetBufferPointer();
  for (SizeValueType p = 0; p < image->GetBufferedRegion().GetNumberOfPixels(); ++p)
  {
    if (std::isfinite(values[p]))
    {
      low = std::min<double>(low, values[p]);
      high = std::max<double>(high, values[p]);
    }
  }
  if (!(low <= high))
  {
    return { 0.0, 1.0 };
  }
  // A constant map takes the middle of a range around its value.
  const double half = low != 0.0 ? 0.5 * std::abs(low) : 0.5;
  return high > low ? std::make_pair(low, high) : std::make_pair(low - half, low + half);
}

vtkSmartPointer<vtkLookupTable>
MakeLookupTable(EMColorMapEnum map, double low, double high)
{
  // Control points (position, r, g, b), interpolated linearly; viridis from its published
  // anchor colours.
  struct Point
  {
    double t, r, g, b;
  };
  static const Point gray[] = { { 0.0, 0.0, 0.0, 0.0 }, { 1.0, 1.0, 1.0, 1.0 } };
  static const Point viridis[] = { { 0.0, 0.267, 0.005, 0.329 },  { 0.25, 0.229, 0.322, 0.546 },
                                   { 0.5, 0.128, 0.567, 0.551 },  { 0.75, 0.369, 0.789, 0.383 },
                                   { 1.0, 0.993, 0.906, 0.144 } };
  static const Point hot[] = { { 0.0, 0.0, 0.0, 0.0 }, { 0.375, 1.0, 0.0, 0.0 }, { 0.75, 1.0, 1.0, 0.0 },
                               { 1.0, 1.0, 1.0, 1.0 } };
  const Point * points = gray;
  size_t        count = 2;
  if (map == EMColorMapEnum::Viridis)
  {
    points = viridis;
    count = 5;
  }
  else if (map == EMColorMapEnum::Hot)
  {
    points = hot;
    count = 4;
  }
  auto table = vtkSmartPointer<vtkLookupTable>::New();
  table->SetNumberOfTableValues(256);
  table->SetTableRange(low, high);
  for (int i = 0; i < 256; ++i)
  {
    const double t = i / 255.0;
    size_t       k = 0;
    while (k + 2 < count && t > points[k + 1].t)
    {
      ++k;
    }
    const double f = (t - points[k].t) / (points[k + 1].t - points[k].t);
    table->SetTableValue(i, points[k].r + f * (points[k + 1].r - points[k].r),
                         points[k].g + f * (points[k + 1].g - points[k].g),
                         points[k].b + f * (points[k + 1].b - points[k].b), 1.0);
  }
  table->SetNanColor(0.5, 0.5, 0.5, 1.0);
  table->UseBelowRangeColorOff();
  table->UseAboveRangeColorOff();
  return table;
}

vtkSmartPointer<vtkImageSlice>
AddImage(vtkRenderer * renderer, const ScalarImageType * image, vtkLookupTable * table)
{
  vtkSmartPointer<vtkImageData> data = ToVTK(image);
  // Shown in index axes scaled by spacing: no rotation, whatever the direction.
  data->SetDirectionMatrix(1, 0, 0, 0, 1, 0, 0, 0, 1);
  auto mapper = vtkSmartPointer<vtkImageSliceMapper>::New();
  mapper->SetInputData(data);
  mapper->BorderOn(); // whole pixels at the edges
  auto slice = vtkSmartPointer<vtkImageSlice>::New();
  slice->SetMapper(mapper);
  slice->GetProperty()->SetLookupTable(table);
  slice->GetProperty()->UseLookupTableScalarRangeOn();
  slice->GetProperty()->SetInterpolationTypeToNearest();
  renderer->AddViewProp(slice);
  return slice;
}

namespace
{
// Physical centre and size of the image's pixel area (pixel edges included).
void
ImageFrame(const ScalarImageType * image, double centre[2], double size[2])
{
  const auto region = image->GetBufferedRegion();
  for (unsigned int d = 0; d < 2; ++d)
  {
    const double spacing = image->GetSpacing()[d];
    const double first = image->GetOrigin()[d] + spacing * static_cast<double>(region.GetIndex(d));
    size[d] = spacing * static_cast<double>(region.GetSize(d));
    centre[d] = first + 0.5 * (size[d] - spacing);
  }
}
} // namespace

void
FitCamera(vtkRenderer * renderer, const ScalarImageType * image, double width, double height, double margin)
{
  double centre[2];
  double size[2];
  ImageFrame(image, centre, size);
  vtkCamera * camera = renderer->GetActiveCamera();
  camera->ParallelProjectionOn();
  // Looking along +z with y pointing down the screen: row 0 at the top, x to the right.
  camera->SetFocalPoint(centre[0], centre[1], 0.0);
  camera->SetPosition(centre[0], centre[1], -std::max(size[0], size[1]) * 4.0);
  camera->SetViewUp(0.0, -1.0, 0.0);
  const double aspect = width / std::max(height, 1.0);
  camera->SetParallelScale(0.5 * margin * std::max(size[1], size[0] / aspect));
  renderer->ResetCameraClippingRange();
}

bool
DisplayToIndex(vtkRenderer * renderer, const ScalarImageType * image, int x, int y, ScalarImageType::IndexType & index)
{
  if (!renderer->IsInViewport(x, y))
  {
    return false;
  }
  renderer->SetDisplayPoint(x, y, 0.0);
  renderer->DisplayToWorld();
  const double * world = renderer->GetWorldPoint();
  const double   w = world[3] != 0.0 ? world[3] : 1.0;
  const auto     region = image->GetBufferedRegion();
  for (unsigned int d = 0; d < 2; ++d)
  {
    const double continuous = (world[d] / w - image->GetOrigin()[d]) / image->GetSpacing()[d];
    index[d] = static_cast<IndexValueType>(std::floor(continuous + 0.5));
  }
  return region.IsInside(index);
}

std::pair<double, double>
IndexToDisplay(vtkRenderer * renderer, const ScalarImageType * image, const ScalarImageType::IndexType & index)
{
  renderer->SetWorldPoint(image->GetOrigin()[0] + image->GetSpacing()[0] * static_cast<double>(index[0]),
                          image->GetOrigin()[1] + image->GetSpacing()[1] * static_cast<double>(index[1]), 0.0, 1.0);
  renderer->WorldToDisplay();
  const double * display = renderer->GetDisplayPoint();
  return { display[0], display[1] };
}

vtkSmartPointer<vtkActor2D>
MakeWorldPolyline(const std::vector<double> & xy, bool closed, float width, double r, double g, double b)
{
  auto            points = vtkSmartPointer<vtkPoints>::New();
  const vtkIdType count = static_cast<vtkIdType>(xy.size() / 2);
  std::vector<vtkIdType> ids;
  for (vtkIdType i = 0; i < count; ++i)
  {
    points->InsertNextPoint(xy[2 * i], xy[2 * i + 1], 0.0);
    ids.push_back(i);
  }
  if (closed && count > 2)
  {
    ids.push_back(0);
  }
  auto lines = vtkSmartPointer<vtkCellArray>::New();
  lines->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
  auto polyData = vtkSmartPointer<vtkPolyData>::New();
  polyData->SetPoints(points);
  polyData->SetLines(lines);
  auto coordinate = vtkSmartPointer<vtkCoordinate>::New();
  coordinate->SetCoordinateSystemToWorld();
  auto mapper = vtkSmartPointer<vtkPolyDataMapper2D>::New();
  mapper->SetInputData(polyData);
  mapper->SetTransformCoordinate(coordinate);
  auto actor = vtkSmartPointer<vtkActor2D>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetLineWidth(width);
  actor->GetProperty()->SetColor(r, g, b);
  return actor;
}

std::string
MetaDataString(const MetaDataDictionary & dictionary, const std::string & key, const std::string & fallback)
{
  std::string value;
  return ExposeMetaData<std::string>(dictionary, key, value) ? value : fallback;
}

double
ScaleBarLength(double width)
{
  if (!(width > 0.0) || !std::isfinite(width))
  {
    return 0.0;
  }
  const double target = width / 5.0;
  const double decade = std::pow(10.0, std::floor(std::log10(target)));
  double       best = decade;
  for (const double factor : { 1.0, 2.0, 5.0, 10.0 })
  {
    if (std::abs(std::log(factor * decade / target)) < std::abs(std::log(best / target)))
    {
      best = factor * decade;
    }
  }
  return best;
}

std::string
FormatLength(double length, const std::string & units)
{
  std::ostringstream text;
  text << std::setprecision(6) << length << ' ' << (units.empty() ? "nm" : units);
  return text.str();
}
} // namespace EMVTK
} // end namespace itk
