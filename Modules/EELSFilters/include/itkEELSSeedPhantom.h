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
#ifndef itkEELSSeedPhantom_h
#define itkEELSSeedPhantom_h

#include "itkEELSEdgeTable.h"
#include "itkEMMetaData.h"
#include "itkImage.h"

#include <cmath>
#include <string>
#include <vector>

namespace itk
{
/** \class EELSSeedPhantom
 * \brief The EELS seed workflow's sample: C, N, O and Fe abundance maps and the t/lambda map of
 * an xsize x ysize scan, the input of CoreLossSimulator::SetSeedMaps().
 *
 * C = 1; N = 2 rect(5, 5, 20, 20) + rect(90, 90, 20, 30); O = annulus(20, 30); Fe = disc(0, 20)
 * + 0.5 annulus(20, 30), centred at (xsize/2, ysize/2), all lengths scaled by size / 128
 * (rectangles rounded half to even), and t/lambda = sum_j Z_j map_j / its maximum.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
template <typename TMapImage>
struct EELSSeedPhantom
{
  using MapImageType = TMapImage;
  using MapPointer = typename TMapImage::Pointer;

  std::vector<std::string> Elements;
  std::vector<std::string> Edges;
  std::vector<MapPointer>  Abundances;
  MapPointer               Thickness;

  /** Throws for an empty scan. */
  static EELSSeedPhantom
  Make(SizeValueType xsize, SizeValueType ysize);
};

/** The seed's ADF-like contrast of a sample: sum_e (Z_e c_e)^2 over the abundance maps c_e of the
 * elements \a elements (same size, same order). */
template <typename TMapImage>
typename TMapImage::Pointer
MakeADFLikeContrast(const std::vector<const TMapImage *> & abundances, const std::vector<std::string> & elements);

template <typename TMapImage>
auto
EELSSeedPhantom<TMapImage>::Make(SizeValueType xsize, SizeValueType ysize) -> EELSSeedPhantom
{
  using PixelType = typename TMapImage::PixelType;
  if (xsize == 0 || ysize == 0)
  {
    itkGenericExceptionMacro(<< "EELSSeedPhantom: the seed maps need a non-empty scan, got " << xsize << " x " << ysize);
  }
  EELSSeedPhantom maps;
  maps.Elements = { "C", "N", "O", "Fe" };
  maps.Edges = { "K", "K", "K", "L" };
  const double sx = static_cast<double>(xsize) / 128.0;
  const double sy = static_cast<double>(ysize) / 128.0;
  const auto   scaled = [](double v, double s) { return static_cast<long>(std::nearbyint(v * s)); }; // half to even
  const auto   inRectangle = [&](long x, long y, double x0, double y0, double w, double h) {
    const long left = scaled(x0, sx), top = scaled(y0, sy);
    return x >= left && x < left + scaled(w, sx) && y >= top && y < top + scaled(h, sy);
  };
  const double xc = static_cast<double>(xsize / 2), yc = static_cast<double>(ysize / 2);
  const auto   inRing = [&](long x, long y, double inner, double outer) {
    const double r = std::sqrt((x - xc) * (x - xc) + (y - yc) * (y - yc));
    return r >= inner * sx && r < outer * sx;
  };
  const auto make = [&]() {
    auto image = TMapImage::New();
    image->SetRegions(typename TMapImage::SizeType{ { xsize, ysize } });
    image->Allocate(true);
    return image;
  };
  double z[4];
  for (size_t e = 0; e < 4; ++e)
  {
    const auto number = EELSEdgeTable::GetAtomicNumber(maps.Elements[e]);
    z[e] = static_cast<double>(number);
    maps.Abundances.push_back(make());
    MetaDataDictionary & dictionary = maps.Abundances.back()->GetMetaDataDictionary();
    EMMetaData::SetString(dictionary, EMMetaDataKeys::Element, maps.Elements[e]);
    EMMetaData::SetString(dictionary, EMMetaDataKeys::AtomicNumber, std::to_string(number));
  }
  maps.Thickness = make();
  double largest = 0.0;
  for (SizeValueType y = 0; y < ysize; ++y)
  {
    for (SizeValueType x = 0; x < xsize; ++x)
    {
      const auto   xi = static_cast<long>(x), yi = static_cast<long>(y);
      const double values[4] = { 1.0,
                                 2.0 * inRectangle(xi, yi, 5, 5, 20, 20) + inRectangle(xi, yi, 90, 90, 20, 30),
                                 inRing(xi, yi, 20, 30) ? 1.0 : 0.0,
                                 (inRing(xi, yi, 0, 20) ? 1.0 : 0.0) + (inRing(xi, yi, 20, 30) ? 0.5 : 0.0) };
      double       weighted = 0.0;
      for (size_t e = 0; e < 4; ++e)
      {
        maps.Abundances[e]->GetBufferPointer()[y * xsize + x] = static_cast<PixelType>(values[e]);
        weighted += z[e] * values[e];
      }
      maps.Thickness->GetBufferPointer()[y * xsize + x] = static_cast<PixelType>(weighted);
      largest = std::max(largest, weighted);
    }
  }
  PixelType * thickness = maps.Thickness->GetBufferPointer();
  for (SizeValueType p = 0; p < xsize * ysize; ++p)
  {
    thickness[p] = static_cast<PixelType>(static_cast<double>(thickness[p]) / largest);
  }
  return maps;
}

template <typename TMapImage>
typename TMapImage::Pointer
MakeADFLikeContrast(const std::vector<const TMapImage *> & abundances, const std::vector<std::string> & elements)
{
  using PixelType = typename TMapImage::PixelType;
  if (abundances.empty() || abundances.size() != elements.size())
  {
    itkGenericExceptionMacro(<< "MakeADFLikeContrast: " << abundances.size() << " maps for " << elements.size()
                             << " elements");
  }
  auto contrast = TMapImage::New();
  contrast->CopyInformation(abundances.front());
  contrast->SetRegions(abundances.front()->GetBufferedRegion());
  contrast->Allocate(true);
  const SizeValueType pixels = contrast->GetBufferedRegion().GetNumberOfPixels();
  for (size_t e = 0; e < abundances.size(); ++e)
  {
    if (abundances[e]->GetBufferedRegion() != contrast->GetBufferedRegion())
    {
      itkGenericExceptionMacro(<< "MakeADFLikeContrast: the map of " << elements[e] << " has another size");
    }
    const double      z = EELSEdgeTable::GetAtomicNumber(elements[e]);
    const PixelType * c = abundances[e]->GetBufferPointer();
    PixelType *       out = contrast->GetBufferPointer();
    for (SizeValueType p = 0; p < pixels; ++p)
    {
      out[p] += static_cast<PixelType>((z * c[p]) * (z * c[p]));
    }
  }
  return contrast;
}
} // end namespace itk

#endif
