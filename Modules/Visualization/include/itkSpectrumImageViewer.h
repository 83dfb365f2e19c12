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
#ifndef itkSpectrumImageViewer_h
#define itkSpectrumImageViewer_h

#include "itkEMChartSupport.h"
#include "itkEMVTKBridge.h"
#include "itkEMView.h"
#include "itkEnergyAxis.h"

#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <functional>

class vtkActor2D;
class vtkChartXY;

class vtkTextActor;

namespace itk
{
/** \class SpectrumImageViewer
 * \brief A spectrum-image explorer: the navigator image on the left, the spectrum of the selected
 * pixel (or the mean over a box around it) on the right.
 *
 * Interaction: a left click or drag on the navigator selects the pixel; the arrow keys move it;
 * '+' and '-' grow and shrink the averaging box (side 2 r + 1); 'l' toggles a logarithmic
 * intensity axis. The energy axis comes from the spectrum image's EnergyAxis metadata (channel
 * numbers without it). Optional overlays, averaged over the same box: spectrum images of the
 * same scan (a fitted model, a residual) and curves computed per pixel by an OverlayProvider
 * (e.g. MakeQuantificationOverlay(): the background and each edge of the fit); vertical markers
 * at edge onsets.
 *
 * \ingroup AnalyticalEMVisualization
 */
class AnalyticalEMVisualization_EXPORT SpectrumImageViewer : public EMView
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(SpectrumImageViewer);

  using Self = SpectrumImageViewer;
  using Superclass = EMView;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(SpectrumImageViewer);

  using SpectrumImageType = EMVTK::SpectrumImageType;
  using ImageType = EMVTK::ScalarImageType;
  using IndexType = ImageType::IndexType;
  /** Curves on the spectrum image's energy axis for the box of half-width \a radius around a pixel. */
  using OverlayProvider = std::function<std::vector<EMCurve>(const IndexType & pixel, unsigned int radius)>;

  void
  SetSpectrumImage(const SpectrumImageType * spectra);
  const SpectrumImageType *
  GetSpectrumImage() const
  {
    return m_Spectra;
  }
  /** The navigator (same size as the scan); default: the integrated intensity. */
  void
  SetNavigatorImage(const ImageType * navigator);
  itkSetStringMacro(NavigatorTitle);
  itkGetStringMacro(NavigatorTitle);
  itkSetEnumMacro(ColorMap, EMColorMapEnum);
  itkGetEnumMacro(ColorMap, EMColorMapEnum);

  /** A spectrum image of the same scan and channels shown with the data (e.g. the model). */
  void
  AddOverlay(const std::string & name, const SpectrumImageType * spectra);
  void
  SetOverlayProvider(OverlayProvider provider);
  void
  AddEdgeMarker(const std::string & name, double energy);

  /** The selected pixel (clamped to the scan). */
  void
  SetPixel(const IndexType & pixel);
  itkGetConstReferenceMacro(Pixel, IndexType);
  /** Half-width r of the averaging box (side 2 r + 1; 0: the pixel alone). */
  void
  SetBoxRadius(unsigned int radius);
  itkGetConstMacro(BoxRadius, unsigned int);
  itkSetMacro(Logarithmic, bool);
  itkGetConstMacro(Logarithmic, bool);
  itkBooleanMacro(Logarithmic);

  /** The energy of each channel, and the data averaged over the current box. */
  const std::vector<double> &
  GetEnergies() const
  {
    return m_Energies;
  }
  std::vector<double>
  GetCurrentSpectrum() const;
  /** Everything the chart shows for the current box: data, overlays, provider curves. */
  std::vector<EMCurve>
  GetCurrentCurves() const;

  /** After the first render. */
  vtkRenderer *
  GetNavigatorRenderer() const
  {
    return m_NavigatorRenderer;
  }
  vtkChartXY *
  GetChart() const
  {
    return m_Chart;
  }
  /** The navigator shown: the one set, else the integrated intensity. */
  const ImageType *
  GetNavigatorImage() const
  {
    return m_Navigator != nullptr ? m_Navigator.GetPointer() : m_IntegratedIntensity.GetPointer();
  }

protected:
  SpectrumImageViewer() = default;
  ~SpectrumImageViewer() override = default;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;
  void
  BuildScene(vtkRenderWindow * window) override;
  void
  UpdateScene() override;
  void
  OnKey(const std::string & key) override;
  void
  OnClick(int x, int y) override;

private:
  std::vector<double>
  BoxMean(const SpectrumImageType * spectra) const;
  void
  CheckScan(const SpectrumImageType * spectra, const std::string & what) const;

  SpectrumImageType::ConstPointer                 m_Spectra;
  ImageType::ConstPointer                         m_Navigator;
  ImageType::Pointer                              m_IntegratedIntensity;
  std::string                                     m_NavigatorTitle;
  EMColorMapEnum                                  m_ColorMap{ EMColorMapEnum::Gray };
  std::vector<std::pair<std::string, SpectrumImageType::ConstPointer>> m_Overlays;
  OverlayProvider                                 m_Provider;
  std::vector<EMMarker>                           m_Markers;
  std::vector<double>                             m_Energies;
  bool                                            m_HasEnergyAxis{ false };
  IndexType                                       m_Pixel{ { 0, 0 } };
  unsigned int                                    m_BoxRadius{ 0 };
  bool                                            m_Logarithmic{ false };
  vtkSmartPointer<vtkRenderer>                    m_NavigatorRenderer;
  vtkChartXY *                                    m_Chart{ nullptr };
  vtkSmartPointer<vtkActor2D>                     m_Box;
  vtkSmartPointer<vtkTextActor>                   m_Caption;
  const ImageType *                               m_ShownNavigator{ nullptr };
};
} // end namespace itk

#endif
