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
#ifndef itkQuantificationOverlay_h
#define itkQuantificationOverlay_h

#include "itkCoreLossModelDesign.h"
#include "itkSpectrumImageViewer.h"

#include <cmath>

namespace itk
{
/** The fitted model of an updated CoreLossQuantificationFilter (or ElementalQuantificationFilter)
 * split into the background and one curve per edge, for SpectrumImageViewer::SetOverlayProvider():
 * each pixel's coefficients from the filter's background and abundance maps, its edges convolved
 * with its own low loss (\a lowLoss: the low loss that was fitted, the aligned one after an
 * alignment; null without multiple scattering), averaged over the viewer's box. Pixels that could
 * not be fitted are left out of the mean.
 * \ingroup AnalyticalEMVisualization */
template <typename TFilter>
SpectrumImageViewer::OverlayProvider
MakeQuantificationOverlay(TFilter * filter, const typename TFilter::InputImageType * lowLoss)
{
  using FilterPointer = typename TFilter::Pointer;
  using LowLossPointer = typename TFilter::InputImageType::ConstPointer;
  if (filter == nullptr || filter->GetDesign() == nullptr)
  {
    itkGenericExceptionMacro(<< "MakeQuantificationOverlay: the quantification filter has not been updated");
  }
  const CoreLossModelDesign * design = filter->GetDesign();
  if (design->UsesLowLoss() && (lowLoss == nullptr || lowLoss->GetNumberOfComponentsPerPixel() !=
                                                        design->GetSettings().LowLossLength))
  {
    itkGenericExceptionMacro(<< "MakeQuantificationOverlay: the fit used a low loss of "
                             << design->GetSettings().LowLossLength << " channels; give that low loss");
  }
  const FilterPointer  keep(filter);
  const LowLossPointer keepLowLoss(lowLoss);
  return [keep, keepLowLoss](const SpectrumImageViewer::IndexType & pixel, unsigned int radius) {
    const CoreLossModelDesign & model = *keep->GetDesign();
    const unsigned int          background = model.GetNumberOfBackgroundTerms();
    const unsigned int          edges = model.GetNumberOfEdges();
    const EnergyAxis &          axis = model.GetSettings().Axis;
    const SizeValueType         lowLossLength = model.GetSettings().LowLossLength;
    CoreLossModelDesign::Workspace   workspace(model);
    std::vector<std::vector<double>> components;
    std::vector<std::vector<double>> sum(1 + edges, std::vector<double>(axis.GetSize(), 0.0));
    std::vector<double>              coefficients(background + edges);
    std::vector<double>              pixelLowLoss(lowLossLength);
    const auto                       region = keep->GetOutput(0)->GetBufferedRegion();
    double                           count = 0.0;
    const auto                       r = static_cast<IndexValueType>(radius);
    for (IndexValueType y = pixel[1] - r; y <= pixel[1] + r; ++y)
    {
      for (IndexValueType x = pixel[0] - r; x <= pixel[0] + r; ++x)
      {
        const typename TFilter::MapImageType::IndexType index{ { x, y } };
        if (!region.IsInside(index))
        {
          continue;
        }
        bool finite = true;
        for (unsigned int j = 0; j < background + edges; ++j)
        {
          coefficients[j] = j < background ? keep->GetBackgroundMap(j)->GetPixel(index)
                                           : keep->GetAbundanceMap(j - background)->GetPixel(index);
          finite = finite && std::isfinite(coefficients[j]);
        }
        if (keepLowLoss != nullptr)
        {
          const auto * values = keepLowLoss->GetBufferPointer() + keepLowLoss->ComputeOffset(index) * lowLossLength;
          std::copy(values, values + lowLossLength, pixelLowLoss.begin());
        }
        if (finite && model.Components(pixelLowLoss.data(), coefficients.data(), workspace, components))
        {
          for (size_t part = 0; part < components.size(); ++part)
          {
            for (size_t k = 0; k < components[part].size(); ++k)
            {
              sum[part][k] += components[part][k];
            }
          }
          count += 1.0;
        }
      }
    }
    std::vector<EMCurve> curves;
    if (count == 0.0)
    {
      return curves;
    }
    std::vector<double> energies(axis.GetSize());
    for (SizeValueType k = 0; k < axis.GetSize(); ++k)
    {
      energies[k] = axis.GetEnergy(static_cast<double>(k));
    }
    for (size_t part = 0; part < sum.size(); ++part)
    {
      EMCurve curve;
      curve.Name = part == 0 ? std::string("background")
                             : model.GetSettings().Edges[part - 1].Element + " " + model.GetSettings().Edges[part - 1].Edge;
      curve.X = energies;
      curve.Y = sum[part];
      for (double & value : curve.Y)
      {
        value /= count;
      }
      curve.Width = 1.5f;
      curves.push_back(std::move(curve));
    }
    return curves;
  };
}
} // end namespace itk

#endif
