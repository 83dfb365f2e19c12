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
#ifndef itkEMViewTestSupport_h
#define itkEMViewTestSupport_h

#include "itkEMView.h"

#include <vtkImageData.h>
#include <vtkPNGReader.h>
#include <vtkSmartPointer.h>

#include <array>
#include <cmath>
#include <set>
#include <string>

/** Skips a test that needs an X display (Xvfb under ctest). */
#define EM_REQUIRE_DISPLAY()                                                                   \
  do                                                                                           \
  {                                                                                            \
    if (!itk::EMView::DisplayAvailable())                                                      \
    {                                                                                          \
      GTEST_SKIP() << "no X display (DISPLAY unset): run the tests under xvfb-run";            \
    }                                                                                          \
  } while (false)

namespace itk
{
namespace EMViewTest
{
using RGB = std::array<int, 3>;

inline vtkSmartPointer<vtkImageData>
ReadPNG(const std::string & path)
{
  auto reader = vtkSmartPointer<vtkPNGReader>::New();
  reader->SetFileName(path.c_str());
  reader->Update();
  auto image = vtkSmartPointer<vtkImageData>::New();
  image->DeepCopy(reader->GetOutput());
  return image;
}

/** The colour at display position (x, y): origin at the lower left, as VTK's display coordinates
 * and vtkPNGReader's rows. */
inline RGB
At(vtkImageData * image, double x, double y)
{
  const int ix = static_cast<int>(std::floor(x));
  const int iy = static_cast<int>(std::floor(y));
  RGB       rgb{ { 0, 0, 0 } };
  for (int c = 0; c < 3; ++c)
  {
    rgb[c] = static_cast<int>(image->GetScalarComponentAsDouble(ix, iy, 0, c));
  }
  return rgb;
}

inline bool
Near(const RGB & a, const RGB & b, int tolerance)
{
  return std::abs(a[0] - b[0]) <= tolerance && std::abs(a[1] - b[1]) <= tolerance && std::abs(a[2] - b[2]) <= tolerance;
}

inline size_t
DistinctColours(vtkImageData * image)
{
  std::set<int> colours;
  const int *   dimensions = image->GetDimensions();
  for (int y = 0; y < dimensions[1]; y += 2)
  {
    for (int x = 0; x < dimensions[0]; x += 2)
    {
      const RGB c = At(image, x, y);
      colours.insert((c[0] << 16) | (c[1] << 8) | c[2]);
    }
  }
  return colours.size();
}
} // namespace EMViewTest
} // end namespace itk

#endif
