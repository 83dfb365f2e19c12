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
#include "itkSpectrumImageViewer.h"

#include <vtkActor2D.h>
#include <vtkChartXY.h>
#include <vtkLookupTable.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <cmath>
#include <sstream>

namespace itk
{
namespace
{
constexpr double NavigatorFraction = 0.42; // of the window width
} // namespace

void
SpectrumImageViewer::SetSpectrumImage(const SpectrumImageType * spectra)
{
  if (spectra == nullptr || spectra->GetBufferedRegion().GetNumberOfPixels() == 0 ||
      spectra->GetNumberOfComponentsPerPixel() == 0)
  {
    itkExceptionMacro(<< "SetSpectrumImage: no spectrum image, or an empty one");
  }
  const unsigned int channels = spectra->GetNumberOfComponentsPerPixel();
  m_HasEnergyAxis = EnergyAxis::IsDefinedIn(spectra->GetMetaDataDictionary());
  const EnergyAxis axis =
    m_HasEnergyAxis ? EnergyAxis::ReadFrom(spectra->GetMetaDataDictionary(), channels) : EnergyAxis(0.0, 1.0, channels);
  m_Energies.resize(channels);
  for (unsigned int c = 0; c < channels; ++c)
  {
    m_Energies[c] = axis.GetEnergy(static_cast<double>(c));
  }
  m_Spectra = spectra;
  m_IntegratedIntensity = EMVTK::IntegratedIntensity(spectra);
  this->SetPixel(m_Pixel);
  this->Modified();
}

void
SpectrumImageViewer::CheckScan(const SpectrumImageType * spectra, const std::string & what) const
{
  if (m_Spectra == nullptr)
  {
    itkExceptionMacro(<< what << ": set the spectrum image first");
  }
  if (spectra->GetBufferedRegion() != m_Spectra->GetBufferedRegion() ||
      spectra->GetNumberOfComponentsPerPixel() != m_Spectra->GetNumberOfComponentsPerPixel())
  {
    itkExceptionMacro(<< what << ": " << spectra->GetBufferedRegion().GetSize() << " pixels of "
                      << spectra->GetNumberOfComponentsPerPixel() << " channels, the spectrum image has "
                      << m_Spectra->GetBufferedRegion().GetSize() << " of " << m_Spectra->GetNumberOfComponentsPerPixel());
  }
}

void
SpectrumImageViewer::SetNavigatorImage(const ImageType * navigator)
{
  if (navigator != nullptr && m_Spectra != nullptr &&
      navigator->GetBufferedRegion().GetSize() != m_Spectra->GetBufferedRegion().GetSize())
  {
    itkExceptionMacro(<< "SetNavigatorImage: " << navigator->GetBufferedRegion().GetSize()
                      << " pixels, the spectrum image has " << m_Spectra->GetBufferedRegion().GetSize());
  }
  m_Navigator = navigator;
  this->Modified();
}

void
SpectrumImageViewer::AddOverlay(const std::string & name, const SpectrumImageType * spectra)
{
  if (spectra == nullptr)
  {
    itkExceptionMacro(<< "AddOverlay: " << name << " is null");
  }
  this->CheckScan(spectra, "AddOverlay " + name);
  m_Overlays.emplace_back(name, spectra);
  this->Modified();
}

void
SpectrumImageViewer::SetOverlayProvider(OverlayProvider provider)
{
  m_Provider = std::move(provider);
  this->Modified();
}

void
SpectrumImageViewer::AddEdgeMarker(const std::string & name, double energy)
{
  m_Markers.push_back({ name, energy });
  this->Modified();
}

void
SpectrumImageViewer::SetPixel(const IndexType & pixel)
{
  IndexType clamped = pixel;
  if (m_Spectra != nullptr)
  {
    const auto size = m_Spectra->GetBufferedRegion().GetSize();
    for (unsigned int d = 0; d < 2; ++d)
    {
      clamped[d] = std::max<IndexValueType>(0, std::min<IndexValueType>(pixel[d], static_cast<IndexValueType>(size[d]) - 1));
    }
  }
  if (clamped != m_Pixel)
  {
    m_Pixel = clamped;
    this->Modified();
  }
}

void
SpectrumImageViewer::SetBoxRadius(unsigned int radius)
{
  const unsigned int largest = 64;
  if (std::min(radius, largest) != m_BoxRadius)
  {
    m_BoxRadius = std::min(radius, largest);
    this->Modified();
  }
}

std::vector<double>
SpectrumImageViewer::BoxMean(const SpectrumImageType * spectra) const
{
  const unsigned int  channels = spectra->GetNumberOfComponentsPerPixel();
  const auto          size = spectra->GetBufferedRegion().GetSize();
  std::vector<double> sum(channels, 0.0);
  std::vector<double> count(channels, 0.0);
  const auto          radius = static_cast<IndexValueType>(m_BoxRadius);
  for (IndexValueType y = std::max<IndexValueType>(0, m_Pixel[1] - radius);
       y <= std::min<IndexValueType>(static_cast<IndexValueType>(size[1]) - 1, m_Pixel[1] + radius);
       ++y)
  {
    for (IndexValueType x = std::max<IndexValueType>(0, m_Pixel[0] - radius);
         x <= std::min<IndexValueType>(static_cast<IndexValueType>(size[0]) - 1, m_Pixel[0] + radius);
         ++x)
    {
      const float * spectrum = spectra->GetBufferPointer() + spectra->ComputeOffset({ { x, y } }) * channels;
      for (unsigned int c = 0; c < channels; ++c)
      {
        if (std::isfinite(spectrum[c]))
        {
          sum[c] += spectrum[c];
          count[c] += 1.0;
        }
      }
    }
  }
  for (unsigned int c = 0; c < channels; ++c)
  {
    sum[c] = count[c] > 0.0 ? sum[c] / count[c] : std::numeric_limits<double>::quiet_NaN();
  }
  return sum;
}

std::vector<double>
SpectrumImageViewer::GetCurrentSpectrum() const
{
  if (m_Spectra == nullptr)
  {
    return {};
  }
  return this->BoxMean(m_Spectra);
}

std::vector<EMCurve>
SpectrumImageViewer::GetCurrentCurves() const
{
  std::vector<EMCurve> curves;
  if (m_Spectra == nullptr)
  {
    return curves;
  }
  const auto add = [&](const std::string & name, std::vector<double> values) {
    EMCurve curve;
    curve.Name = name;
    curve.X = m_Energies;
    curve.Y = std::move(values);
    curve.Color = curves.empty() ? std::array<unsigned char, 3>{ { 0, 0, 0 } } : EMChart::PaletteColor(curves.size() - 1);
    curve.Width = curves.empty() ? 1.5f : 2.0f;
    curves.push_back(std::move(curve));
  };
  add("data", this->BoxMean(m_Spectra));
  for (const auto & overlay : m_Overlays)
  {
    add(overlay.first, this->BoxMean(overlay.second));
  }
  if (m_Provider)
  {
    for (auto & curve : m_Provider(m_Pixel, m_BoxRadius))
    {
      curve.Color = EMChart::PaletteColor(curves.size() - 1);
      curves.push_back(std::move(curve));
    }
  }
  return curves;
}

void
SpectrumImageViewer::BuildScene(vtkRenderWindow * window)
{
  m_NavigatorRenderer = vtkSmartPointer<vtkRenderer>::New();
  m_NavigatorRenderer->SetViewport(0.0, 0.0, NavigatorFraction, 1.0);
  m_NavigatorRenderer->SetBackground(1.0, 1.0, 1.0);
  window->AddRenderer(m_NavigatorRenderer);
  m_Chart = EMChart::AddChart(window, NavigatorFraction, 0.0, 1.0, 1.0);
  m_Caption = vtkSmartPointer<vtkTextActor>::New();
  m_Caption->GetTextProperty()->SetFontSize(14);
  m_Caption->GetTextProperty()->SetColor(0.0, 0.0, 0.0);
  m_Caption->GetTextProperty()->SetJustificationToCentered();
  m_Caption->GetTextProperty()->SetVerticalJustificationToTop();
  m_Caption->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  m_Caption->GetPositionCoordinate()->SetValue(0.5, 0.985);
  m_ShownNavigator = nullptr;
}

void
SpectrumImageViewer::UpdateScene()
{
  if (m_Spectra == nullptr)
  {
    itkExceptionMacro(<< "No spectrum image to show");
  }
  const ImageType * navigator = this->GetNavigatorImage();
  if (navigator->GetBufferedRegion().GetSize() != m_Spectra->GetBufferedRegion().GetSize())
  {
    itkExceptionMacro(<< "The navigator has " << navigator->GetBufferedRegion().GetSize()
                      << " pixels, the spectrum image " << m_Spectra->GetBufferedRegion().GetSize());
  }
  if (navigator != m_ShownNavigator)
  {
    m_NavigatorRenderer->RemoveAllViewProps();
    const auto range = EMVTK::FiniteRange(navigator);
    EMVTK::AddImage(m_NavigatorRenderer, navigator, EMVTK::MakeLookupTable(m_ColorMap, range.first, range.second));
    m_NavigatorRenderer->AddActor2D(m_Caption);
    m_ShownNavigator = navigator;
    m_Box = nullptr;
  }
  EMVTK::FitCamera(m_NavigatorRenderer, navigator, NavigatorFraction * this->GetWidth(), this->GetHeight(), 1.15);

  // The box, outlined along the pixel edges.
  if (m_Box != nullptr)
  {
    m_NavigatorRenderer->RemoveActor2D(m_Box);
  }
  const auto   radius = static_cast<double>(m_BoxRadius) + 0.5;
  const double sx = navigator->GetSpacing()[0];
  const double sy = navigator->GetSpacing()[1];
  const double cx = navigator->GetOrigin()[0] + sx * static_cast<double>(m_Pixel[0]);
  const double cy = navigator->GetOrigin()[1] + sy * static_cast<double>(m_Pixel[1]);
  m_Box = EMVTK::MakeWorldPolyline({ cx - radius * sx, cy - radius * sy, cx + radius * sx, cy - radius * sy,
                                     cx + radius * sx, cy + radius * sy, cx - radius * sx, cy + radius * sy },
                                   true, 2.0f, 1.0, 0.15, 0.15);
  m_NavigatorRenderer->AddActor2D(m_Box);

  std::ostringstream caption;
  caption << (m_NavigatorTitle.empty() ? std::string("navigator") : m_NavigatorTitle) << "  (" << m_Pixel[0] << ", "
          << m_Pixel[1] << ")";
  if (m_BoxRadius > 0)
  {
    caption << "  mean of " << 2 * m_BoxRadius + 1 << " x " << 2 * m_BoxRadius + 1;
  }
  m_Caption->SetInput(caption.str().c_str());

  EMChart::Fill(m_Chart, this->GetCurrentCurves(), m_Markers, m_Logarithmic, "",
                m_HasEnergyAxis ? "Energy loss (eV)" : "Channel", "Counts");
}

void
SpectrumImageViewer::OnKey(const std::string & key)
{
  IndexType pixel = m_Pixel;
  if (key == "Left")
  {
    --pixel[0];
  }
  else if (key == "Right")
  {
    ++pixel[0];
  }
  else if (key == "Up") // row 0 is at the top
  {
    --pixel[1];
  }
  else if (key == "Down")
  {
    ++pixel[1];
  }
  else if (key == "+" || key == "plus" || key == "KP_Add")
  {
    this->SetBoxRadius(m_BoxRadius + 1);
  }
  else if (key == "-" || key == "minus" || key == "KP_Subtract")
  {
    this->SetBoxRadius(m_BoxRadius > 0 ? m_BoxRadius - 1 : 0);
  }
  else if (key == "l")
  {
    this->SetLogarithmic(!m_Logarithmic);
  }
  else
  {
    return;
  }
  this->SetPixel(pixel);
  this->RenderIfInitialized();
}

void
SpectrumImageViewer::OnClick(int x, int y)
{
  IndexType pixel;
  if (m_NavigatorRenderer != nullptr && m_Spectra != nullptr &&
      EMVTK::DisplayToIndex(m_NavigatorRenderer, this->GetNavigatorImage(), x, y, pixel))
  {
    this->SetPixel(pixel);
    this->RenderIfInitialized();
  }
}

void
SpectrumImageViewer::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "SpectrumImage: " << m_Spectra.GetPointer() << std::endl;
  os << indent << "Navigator: " << (m_Navigator != nullptr ? "set" : "integrated intensity") << std::endl;
  os << indent << "Overlays: " << m_Overlays.size() << (m_Provider ? " plus a provider" : "") << std::endl;
  os << indent << "EdgeMarkers: " << m_Markers.size() << std::endl;
  os << indent << "Pixel: " << m_Pixel << ", BoxRadius: " << m_BoxRadius << std::endl;
  os << indent << "Logarithmic: " << m_Logarithmic << ", ColorMap: " << m_ColorMap << std::endl;
}
} // end namespace itk
