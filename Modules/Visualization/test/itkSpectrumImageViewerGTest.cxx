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
#include "itkCoreLossQuantificationFilter.h"
#include "itkCoreLossSimulator.h"
#include "itkEMViewTestSupport.h"
#include "itkQuantificationOverlay.h"
#include "itkSpectrumImageViewer.h"

#include "itkEMTestData.h"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkCommand.h>
#include <vtkRenderWindowInteractor.h>

#include "gtest/gtest.h"

#include <algorithm>
#include <cstdio>

namespace
{
using SpectrumType = itk::SpectrumImageViewer::SpectrumImageType;
using IndexType = itk::SpectrumImageViewer::IndexType;
constexpr int Width = 12;
constexpr int Height = 10;
constexpr int Channels = 200;

// Pixel (x, y) has one Gaussian peak at channel 20 + 10 x + 2 y on an axis 100 + 1 eV/channel.
int
PeakChannel(int x, int y)
{
  return 20 + 10 * x + 2 * y;
}

SpectrumType::Pointer
MakeScan()
{
  auto scan = SpectrumType::New();
  scan->SetRegions(itk::Size<2>{ { Width, Height } });
  scan->SetNumberOfComponentsPerPixel(Channels);
  scan->SetSpacing(2.0);
  scan->Allocate();
  for (int y = 0; y < Height; ++y)
  {
    for (int x = 0; x < Width; ++x)
    {
      float * spectrum = scan->GetBufferPointer() + (y * Width + x) * Channels;
      for (int c = 0; c < Channels; ++c)
      {
        const double d = c - PeakChannel(x, y);
        spectrum[c] = static_cast<float>(5.0 + 100.0 * std::exp(-0.5 * d * d / 2.0));
      }
    }
  }
  itk::EnergyAxis(100.0, 1.0, Channels).WriteTo(scan->GetMetaDataDictionary());
  return scan;
}

int
ArgMax(const std::vector<double> & values)
{
  return static_cast<int>(std::max_element(values.begin(), values.end()) - values.begin());
}

void
Press(vtkRenderWindowInteractor * interactor, char code, const char * symbol)
{
  interactor->SetKeyEventInformation(0, 0, code, 1, symbol);
  interactor->InvokeEvent(vtkCommand::KeyPressEvent);
}

void
Click(itk::SpectrumImageViewer * viewer, const IndexType & pixel, unsigned long event)
{
  const auto display = itk::EMVTK::IndexToDisplay(viewer->GetNavigatorRenderer(), viewer->GetNavigatorImage(), pixel);
  viewer->GetInteractor()->SetEventInformation(static_cast<int>(display.first), static_cast<int>(display.second));
  viewer->GetInteractor()->InvokeEvent(event);
}
} // namespace

TEST(SpectrumImageViewer, ClicksKeysAndTheAveragingBox)
{
  EM_REQUIRE_DISPLAY();
  const auto scan = MakeScan();
  auto       viewer = itk::SpectrumImageViewer::New();
  viewer->SetSpectrumImage(scan);
  viewer->SetSize(900, 500);
  viewer->Render();
  EXPECT_EQ(ArgMax(viewer->GetCurrentSpectrum()), PeakChannel(0, 0));
  EXPECT_DOUBLE_EQ(viewer->GetEnergies()[7], 107.0);

  // A click on the navigator selects the pixel under it.
  Click(viewer, { { 7, 4 } }, vtkCommand::LeftButtonPressEvent);
  Click(viewer, { { 7, 4 } }, vtkCommand::LeftButtonReleaseEvent);
  EXPECT_EQ(viewer->GetPixel(), (IndexType{ { 7, 4 } }));
  EXPECT_EQ(ArgMax(viewer->GetCurrentSpectrum()), PeakChannel(7, 4));
  // Arrow keys: row 0 is at the top, so Down increases y; the scan's edges stop them.
  vtkRenderWindowInteractor * interactor = viewer->GetInteractor();
  Press(interactor, 0, "Right");
  Press(interactor, 0, "Down");
  EXPECT_EQ(viewer->GetPixel(), (IndexType{ { 8, 5 } }));
  Press(interactor, 0, "Up");
  for (int i = 0; i < 12; ++i)
  {
    Press(interactor, 0, "Left");
  }
  EXPECT_EQ(viewer->GetPixel(), (IndexType{ { 0, 4 } }));
  // A drag follows the button; a move after the release does not.
  Click(viewer, { { 2, 2 } }, vtkCommand::LeftButtonPressEvent);
  Click(viewer, { { 3, 2 } }, vtkCommand::MouseMoveEvent);
  EXPECT_EQ(viewer->GetPixel(), (IndexType{ { 3, 2 } }));
  Click(viewer, { { 3, 2 } }, vtkCommand::LeftButtonReleaseEvent);
  Click(viewer, { { 9, 9 } }, vtkCommand::MouseMoveEvent);
  EXPECT_EQ(viewer->GetPixel(), (IndexType{ { 3, 2 } }));

  // '+' averages the 3 x 3 box (clipped at the scan's edge), '-' goes back to the pixel.
  viewer->SetPixel({ { 0, 2 } });
  Press(interactor, '+', "plus");
  EXPECT_EQ(viewer->GetBoxRadius(), 1u);
  const std::vector<double> box = viewer->GetCurrentSpectrum();
  for (int c = 0; c < Channels; c += 7)
  {
    double expected = 0.0;
    for (int y = 1; y <= 3; ++y)
    {
      for (int x = 0; x <= 1; ++x)
      {
        expected += scan->GetBufferPointer()[(y * Width + x) * Channels + c] / 6.0;
      }
    }
    EXPECT_NEAR(box[c], expected, 1e-4) << c;
  }
  Press(interactor, '-', "minus");
  Press(interactor, '-', "minus");
  EXPECT_EQ(viewer->GetBoxRadius(), 0u);
  Press(interactor, 'l', "l");
  EXPECT_TRUE(viewer->GetLogarithmic());
  EXPECT_TRUE(viewer->GetChart()->GetAxis(vtkAxis::LEFT)->GetLogScale());
  Press(interactor, 'l', "l");

  // The screenshot: the chart's peak at the selected pixel's energy, the box drawn in red on the
  // navigator at that pixel.
  viewer->SetPixel({ { 9, 6 } });
  const std::string path = itk::EMTest::OutputPath("explorer.png");
  viewer->WriteScreenshot(path);
  const auto png = itk::EMViewTest::ReadPNG(path);
  ASSERT_EQ(png->GetDimensions()[0], 900);
  EXPECT_GT(itk::EMViewTest::DistinctColours(png), 30u);
  // The data curve is black: its highest point inside the plot area (inside the axes).
  const double left = 0.42 * 900;
  vtkAxis *    axis = viewer->GetChart()->GetAxis(vtkAxis::BOTTOM);
  vtkAxis *    vertical = viewer->GetChart()->GetAxis(vtkAxis::LEFT);
  int          peakX = -1;
  for (int y = static_cast<int>(vertical->GetPoint2()[1]) - 1; y > vertical->GetPoint1()[1] + 2 && peakX < 0; --y)
  {
    for (int x = static_cast<int>(left + axis->GetPoint1()[0]) + 3; x < left + axis->GetPoint2()[0]; ++x)
    {
      const auto c = itk::EMViewTest::At(png, x, y);
      if (c[0] < 60 && c[1] < 60 && c[2] < 60)
      {
        peakX = x;
        break;
      }
    }
  }
  const double energy = 100.0 + PeakChannel(9, 6);
  const double expected = left + axis->GetPoint1()[0] +
                          (energy - axis->GetMinimum()) / (axis->GetMaximum() - axis->GetMinimum()) *
                            (axis->GetPoint2()[0] - axis->GetPoint1()[0]);
  EXPECT_NEAR(peakX, expected, 4.0);
  const auto centre = itk::EMVTK::IndexToDisplay(viewer->GetNavigatorRenderer(), viewer->GetNavigatorImage(), { { 9, 6 } });
  int        red = 0;
  for (int y = static_cast<int>(centre.second) - 20; y <= static_cast<int>(centre.second) + 20; ++y)
  {
    for (int x = static_cast<int>(centre.first) - 20; x <= static_cast<int>(centre.first) + 20; ++x)
    {
      const auto c = itk::EMViewTest::At(png, x, y);
      red += (c[0] > 200 && c[1] < 80 && c[2] < 80) ? 1 : 0;
    }
  }
  EXPECT_GT(red, 20);
}

TEST(SpectrumImageViewer, OverlaysMarkersAndBadInput)
{
  EM_REQUIRE_DISPLAY();
  const auto scan = MakeScan();
  auto       half = SpectrumType::New();
  half->SetRegions(scan->GetBufferedRegion());
  half->SetNumberOfComponentsPerPixel(Channels);
  half->Allocate();
  for (size_t i = 0; i < static_cast<size_t>(Width * Height * Channels); ++i)
  {
    half->GetBufferPointer()[i] = 0.5f * scan->GetBufferPointer()[i];
  }
  auto viewer = itk::SpectrumImageViewer::New();
  viewer->SetSpectrumImage(scan);
  viewer->AddOverlay("model", half);
  viewer->AddEdgeMarker("C K", 284.0);
  viewer->SetOverlayProvider([](const IndexType & pixel, unsigned int) {
    itk::EMCurve curve;
    curve.Name = "constant";
    curve.X = { 100.0, 299.0 };
    curve.Y = { static_cast<double>(pixel[0]), static_cast<double>(pixel[0]) };
    return std::vector<itk::EMCurve>{ curve };
  });
  viewer->SetPixel({ { 4, 3 } });
  const auto curves = viewer->GetCurrentCurves();
  ASSERT_EQ(curves.size(), 3u);
  EXPECT_EQ(curves[1].Name, "model");
  EXPECT_NEAR(curves[1].Y[50], 0.5 * curves[0].Y[50], 1e-5);
  EXPECT_EQ(curves[2].Y[0], 4.0);
  viewer->Render();
  EXPECT_EQ(viewer->GetChart()->GetNumberOfPlots(), 4); // three curves and a marker

  auto small = SpectrumType::New();
  small->SetRegions(itk::Size<2>{ { 3, 3 } });
  small->SetNumberOfComponentsPerPixel(Channels);
  small->Allocate();
  EXPECT_THROW(viewer->AddOverlay("small", small), itk::ExceptionObject);
  EXPECT_THROW(viewer->SetNavigatorImage(itk::EMVTK::IntegratedIntensity(small)), itk::ExceptionObject);
  EXPECT_THROW(viewer->SetSpectrumImage(nullptr), itk::ExceptionObject);
  auto empty = itk::SpectrumImageViewer::New();
  EXPECT_THROW(empty->Render(), itk::ExceptionObject);
}

TEST(QuantificationOverlay, ComponentsOfTheFitSumToItsModel)
{
  // The provider's background and edge curves of each pixel (coefficients read back from float
  // maps) add up to the filter's model output; float rounding of the cancelling power-law
  // coefficients leaves about 2e-6 of the spectrum's maximum.
  using SimulatorType = itk::CoreLossSimulator<float>;
  auto simulator = SimulatorType::New();
  simulator->SetSeedMaps(SimulatorType::SeedMaps::Make(4, 3));
  simulator->Update();
  using FilterType = itk::CoreLossQuantificationFilter<SpectrumType>;
  auto filter = FilterType::New();
  filter->SetInput(simulator->GetCoreLossOutput());
  filter->SetLowLoss(simulator->GetLowLossOutput());
  filter->SetEdges({ { "C", "K" }, { "N", "K" }, { "O", "K" }, { "Fe", "L" } });
  filter->ComputeModelOn();
  filter->Update();
  const auto         provider = itk::MakeQuantificationOverlay(filter.GetPointer(), simulator->GetLowLossOutput());
  const unsigned int channels = filter->GetModel()->GetNumberOfComponentsPerPixel();
  for (const unsigned int radius : { 0u, 1u })
  {
    const IndexType pixel{ { 1, 1 } };
    const auto      curves = provider(pixel, radius);
    ASSERT_EQ(curves.size(), 5u);
    EXPECT_EQ(curves[0].Name, "background");
    EXPECT_EQ(curves[3].Name, "O K");
    std::vector<double> model(channels, 0.0);
    double              pixels = 0.0;
    for (int y = 1 - static_cast<int>(radius); y <= 1 + static_cast<int>(radius); ++y)
    {
      for (int x = 1 - static_cast<int>(radius); x <= 1 + static_cast<int>(radius); ++x)
      {
        const float * values = filter->GetModel()->GetBufferPointer() + (y * 4 + x) * channels;
        for (unsigned int k = 0; k < channels; ++k)
        {
          model[k] += values[k];
        }
        pixels += 1.0;
      }
    }
    const double largest = *std::max_element(model.begin(), model.end()) / pixels;
    for (unsigned int k = 0; k < channels; ++k)
    {
      double sum = 0.0;
      for (const auto & curve : curves)
      {
        sum += curve.Y[k];
      }
      ASSERT_NEAR(sum, model[k] / pixels, 1e-5 * largest) << "radius " << radius << " channel " << k;
    }
  }
  EXPECT_THROW(itk::MakeQuantificationOverlay(FilterType::New().GetPointer(), nullptr), itk::ExceptionObject);
}
