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
#include "itkConvergencePlot.h"
#include "itkEMChartSupport.h"
#include "itkEMMetaData.h"
#include "itkEMVTKBridge.h"
#include "itkEMViewTestSupport.h"
#include "itkImageFileWriter.h"
#include "itkMapMontage.h"
#include "itkSpectrumPlot.h"

#include "itkEMTestData.h"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkCommand.h>
#include <vtkImageData.h>
#include <vtkMatrix3x3.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include "gtest/gtest.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace
{
using ImageType = itk::EMVTK::ScalarImageType;
using itk::EMViewTest::At;
using itk::EMViewTest::Near;
using itk::EMViewTest::RGB;

ImageType::Pointer
MakeMap(unsigned int width, unsigned int height, double spacing)
{
  auto map = ImageType::New();
  map->SetRegions(ImageType::SizeType{ { width, height } });
  map->SetSpacing(spacing);
  map->Allocate(true);
  itk::EMMetaData::SetString(map->GetMetaDataDictionary(), "SpatialUnits", "nm");
  return map;
}

bool
Exists(const std::string & path)
{
  return std::ifstream(path).good();
}

// The display x of energy e on the chart's bottom axis; x0: the chart viewport's left edge.
double
ChartX(vtkChartXY * chart, double e, double x0)
{
  vtkAxis * axis = chart->GetAxis(vtkAxis::BOTTOM);
  const double p1 = axis->GetPoint1()[0];
  const double p2 = axis->GetPoint2()[0];
  return x0 + p1 + (e - axis->GetMinimum()) / (axis->GetMaximum() - axis->GetMinimum()) * (p2 - p1);
}

// The x of the highest pixel of the given colour in columns [x0, x1).
int
TopmostColumn(vtkImageData * png, const RGB & colour, int tolerance, int x0, int x1)
{
  const int * dimensions = png->GetDimensions();
  for (int y = dimensions[1] - 1; y >= 0; --y)
  {
    for (int x = x0; x < x1; ++x)
    {
      if (Near(At(png, x, y), colour, tolerance))
      {
        return x;
      }
    }
  }
  return -1;
}
} // namespace

TEST(EMVTKBridge, CopiesValuesAndGeometry)
{
  auto image = MakeMap(5, 3, 1.0);
  image->SetSpacing(itk::Vector<double, 2>{ std::array<double, 2>{ { 0.5, 2.0 } }.data() });
  ImageType::PointType origin;
  origin[0] = 1.0;
  origin[1] = -3.0;
  image->SetOrigin(origin);
  ImageType::DirectionType direction;
  direction(0, 0) = 0.0;
  direction(0, 1) = -1.0;
  direction(1, 0) = 1.0;
  direction(1, 1) = 0.0;
  image->SetDirection(direction);
  for (int i = 0; i < 15; ++i)
  {
    image->GetBufferPointer()[i] = static_cast<float>(i * i) - 3.5f;
  }
  const auto data = itk::EMVTK::ToVTK(image);
  const int * dimensions = data->GetDimensions();
  EXPECT_EQ(dimensions[0], 5);
  EXPECT_EQ(dimensions[1], 3);
  EXPECT_DOUBLE_EQ(data->GetSpacing()[0], 0.5);
  EXPECT_DOUBLE_EQ(data->GetSpacing()[1], 2.0);
  EXPECT_DOUBLE_EQ(data->GetOrigin()[0], 1.0);
  EXPECT_DOUBLE_EQ(data->GetOrigin()[1], -3.0);
  EXPECT_DOUBLE_EQ(data->GetDirectionMatrix()->GetElement(0, 1), -1.0);
  EXPECT_DOUBLE_EQ(data->GetDirectionMatrix()->GetElement(1, 0), 1.0);
  for (int y = 0; y < 3; ++y)
  {
    for (int x = 0; x < 5; ++x)
    {
      EXPECT_EQ(data->GetScalarComponentAsDouble(x, y, 0, 0), image->GetPixel({ { x, y } }));
    }
  }
  EXPECT_THROW(itk::EMVTK::ToVTK(nullptr), itk::ExceptionObject);

  auto spectra = itk::EMVTK::SpectrumImageType::New();
  spectra->SetRegions(ImageType::SizeType{ { 2, 2 } });
  spectra->SetNumberOfComponentsPerPixel(3);
  spectra->Allocate();
  for (int i = 0; i < 12; ++i)
  {
    spectra->GetBufferPointer()[i] = static_cast<float>(i);
  }
  const auto sum = itk::EMVTK::IntegratedIntensity(spectra);
  EXPECT_EQ(sum->GetPixel({ { 1, 1 } }), 9.0f + 10.0f + 11.0f);

  image->GetBufferPointer()[4] = std::numeric_limits<float>::quiet_NaN();
  const auto range = itk::EMVTK::FiniteRange(image);
  EXPECT_EQ(range.first, -3.5);
  EXPECT_EQ(range.second, 196.0 - 3.5);
}

TEST(EMVTKBridge, ScaleBarLengths)
{
  // A fifth of the width, rounded to 1, 2 or 5 times a power of ten (nearest on a log scale).
  EXPECT_DOUBLE_EQ(itk::EMVTK::ScaleBarLength(100.0), 20.0);
  EXPECT_DOUBLE_EQ(itk::EMVTK::ScaleBarLength(32.0), 5.0);
  EXPECT_DOUBLE_EQ(itk::EMVTK::ScaleBarLength(64.0), 10.0);
  EXPECT_NEAR(itk::EMVTK::ScaleBarLength(0.3), 0.05, 1e-15);
  EXPECT_EQ(itk::EMVTK::ScaleBarLength(0.0), 0.0);
  EXPECT_EQ(itk::EMVTK::FormatLength(20.0, "nm"), "20 nm");
  EXPECT_EQ(itk::EMVTK::FormatLength(0.05, ""), "0.05 nm");
}

TEST(MapMontage, BrightSquareAppearsWhereItShould)
{
  EM_REQUIRE_DISPLAY();
  // Map 0: zeros with a bright 8 x 8 square at columns 40-47, rows 8-15; map 1: a ramp.
  auto square = MakeMap(64, 48, 0.5);
  for (int y = 8; y < 16; ++y)
  {
    for (int x = 40; x < 48; ++x)
    {
      square->SetPixel({ { x, y } }, 1.0f);
    }
  }
  auto ramp = MakeMap(64, 48, 0.5);
  for (int i = 0; i < 64 * 48; ++i)
  {
    ramp->GetBufferPointer()[i] = static_cast<float>(i % 64) * 2.0f;
  }
  auto montage = itk::MapMontage::New();
  montage->AddMap(square, "square");
  montage->AddMap(ramp);
  montage->SetColorMap(itk::EMColorMapEnum::Gray);
  montage->SetSize(800, 300);
  EXPECT_EQ(montage->GetTitle(1), "map 1");
  EXPECT_EQ(montage->GetColorRange(0), std::make_pair(0.0, 1.0));
  EXPECT_EQ(montage->GetColorRange(1), std::make_pair(0.0, 126.0));
  EXPECT_DOUBLE_EQ(montage->GetScaleBarLength(0), 5.0); // 32 nm wide
  const std::string path = itk::EMTest::OutputPath("montage_square.png");
  std::remove(path.c_str());
  montage->WriteScreenshot(path);
  ASSERT_TRUE(Exists(path));
  const auto png = itk::EMViewTest::ReadPNG(path);
  EXPECT_EQ(png->GetDimensions()[0], 800);
  EXPECT_EQ(png->GetDimensions()[1], 300);
  EXPECT_GT(itk::EMViewTest::DistinctColours(png), 50u);

  vtkRenderer * renderer = montage->GetMapRenderer(0);
  const RGB     white{ { 255, 255, 255 } };
  const RGB     black{ { 0, 0, 0 } };
  const auto    colourOf = [&](int x, int y) {
    const auto display = itk::EMVTK::IndexToDisplay(renderer, square, { { x, y } });
    return At(png, display.first, display.second);
  };
  // Inside the square, at its edges and just outside them.
  for (const auto & inside : { std::make_pair(43, 11), std::make_pair(40, 8), std::make_pair(47, 15) })
  {
    EXPECT_TRUE(Near(colourOf(inside.first, inside.second), white, 2)) << inside.first << ", " << inside.second;
  }
  for (const auto & outside : { std::make_pair(39, 11), std::make_pair(48, 11), std::make_pair(43, 7),
                                std::make_pair(43, 16), std::make_pair(10, 30) })
  {
    EXPECT_TRUE(Near(colourOf(outside.first, outside.second), black, 2)) << outside.first << ", " << outside.second;
  }
  // The square is in the upper half of its panel: row 0 at the top.
  EXPECT_GT(itk::EMVTK::IndexToDisplay(renderer, square, { { 43, 11 } }).second, 150.0);
  // The ramp's colours grow to the right.
  const auto left = itk::EMVTK::IndexToDisplay(montage->GetMapRenderer(1), ramp, { { 5, 20 } });
  const auto right = itk::EMVTK::IndexToDisplay(montage->GetMapRenderer(1), ramp, { { 58, 20 } });
  EXPECT_LT(At(png, left.first, left.second)[0] + 100, At(png, right.first, right.second)[0]);

  // The 5 nm scale bar: white from its start to its end (10 pixels of 0.5 nm), black beyond.
  const double barY = (47.5 * 0.5) - 0.06 * 24.0;
  const double barX = -0.25 + 0.05 * 32.0;
  const auto   world = [&](double x, double y) {
    renderer->SetWorldPoint(x, y, 0.0, 1.0);
    renderer->WorldToDisplay();
    return std::make_pair(renderer->GetDisplayPoint()[0], renderer->GetDisplayPoint()[1]);
  };
  const auto start = world(barX + 0.3, barY);
  const auto end = world(barX + 5.0 - 0.3, barY);
  const auto beyond = world(barX + 5.0 + 1.0, barY);
  EXPECT_TRUE(Near(At(png, start.first, start.second), white, 2));
  EXPECT_TRUE(Near(At(png, end.first, end.second), white, 2));
  EXPECT_TRUE(Near(At(png, beyond.first, beyond.second), black, 2));

  // One shared range.
  montage->SharedColorRangeOn();
  EXPECT_EQ(montage->GetColorRange(0), std::make_pair(0.0, 126.0));
  EXPECT_EQ(montage->GetColorRange(1), montage->GetColorRange(0));
  montage->Render();
  EXPECT_THROW(montage->AddMap(nullptr), itk::ExceptionObject);
  EXPECT_THROW(montage->GetTitle(2), itk::ExceptionObject);
}

// What a montage says of a map: no scale bar without a calibration (once "50 nm" on any map),
// its units on its colour bar, the middle colour for a constant map (once black).
TEST(MapMontage, UncalibratedConstantAndUnits)
{
  auto plain = ImageType::New();
  plain->SetRegions(ImageType::SizeType{ { 16, 8 } });
  plain->Allocate();
  plain->FillBuffer(1.0f);
  auto abundance = MakeMap(16, 8, 2.0);
  itk::EMMetaData::SetString(abundance->GetMetaDataDictionary(), itk::EMMetaDataKeys::Units, "counts/(barn/eV)");
  auto montage = itk::MapMontage::New();
  montage->AddMap(plain, "truth");
  montage->AddMap(abundance);
  EXPECT_EQ(montage->GetScaleBarLength(0), 0.0);
  EXPECT_GT(montage->GetScaleBarLength(1), 0.0);
  EXPECT_EQ(montage->GetUnits(0), "");
  EXPECT_EQ(montage->GetUnits(1), "counts/(barn/eV)");
  EXPECT_EQ(montage->GetColorRange(0), std::make_pair(0.5, 1.5));
  EM_REQUIRE_DISPLAY();
  montage->SetColorMap(itk::EMColorMapEnum::Gray);
  montage->SetSize(600, 300);
  const std::string path = itk::EMTest::OutputPath("montage_constant.png");
  montage->WriteScreenshot(path);
  const auto png = itk::EMViewTest::ReadPNG(path);
  const auto centre = itk::EMVTK::IndexToDisplay(montage->GetMapRenderer(0), plain, { { 8, 4 } });
  EXPECT_TRUE(Near(At(png, centre.first, centre.second), RGB{ { 128, 128, 128 } }, 3)) << "a constant map in mid grey";
}

TEST(SpectrumPlot, PeakAndMarkerAtTheirEnergies)
{
  EM_REQUIRE_DISPLAY();
  const itk::EnergyAxis axis(400.0, 0.5, 600);
  std::vector<double>   values(600);
  for (int k = 0; k < 600; ++k)
  {
    const double e = axis.GetEnergy(k);
    values[k] = 100.0 + 1000.0 * std::exp(-0.5 * (e - 532.0) * (e - 532.0) / 4.0);
  }
  auto plot = itk::SpectrumPlot::New();
  itk::EMCurve curve;
  curve.Name = "O K";
  curve.Color = { { 220, 0, 0 } };
  for (int k = 0; k < 600; ++k)
  {
    curve.X.push_back(axis.GetEnergy(k));
  }
  curve.Y = values;
  plot->AddCurve(curve);
  plot->AddMarker("edge", 600.0);
  plot->SetSize(600, 400);
  const std::string path = itk::EMTest::OutputPath("spectrum_peak.png");
  plot->WriteScreenshot(path);
  const auto png = itk::EMViewTest::ReadPNG(path);
  EXPECT_EQ(png->GetDimensions()[0], 600);
  EXPECT_EQ(png->GetDimensions()[1], 400);
  const int peak = TopmostColumn(png, { { 220, 0, 0 } }, 40, 0, 600);
  EXPECT_NEAR(peak, ChartX(plot->GetChart(), 532.0, 0.0), 3.0);
  // The dashed grey marker crosses the middle of the plot at 600 eV.
  const int marker = static_cast<int>(std::lround(ChartX(plot->GetChart(), 600.0, 0.0)));
  int       grey = 0;
  for (int y = 100; y < 300; ++y)
  {
    for (int dx = -1; dx <= 1; ++dx)
    {
      grey += Near(At(png, marker + dx, y), { { 110, 110, 110 } }, 40) ? 1 : 0;
    }
  }
  EXPECT_GT(grey, 40);

  // 'l' sent to the interactor toggles the log axis.
  vtkRenderWindowInteractor * interactor = plot->GetInteractor();
  interactor->SetKeyEventInformation(0, 0, 'l', 1, "l");
  interactor->InvokeEvent(vtkCommand::KeyPressEvent);
  EXPECT_TRUE(plot->GetLogarithmic());
  EXPECT_TRUE(plot->GetChart()->GetAxis(vtkAxis::LEFT)->GetLogScale());
  interactor->InvokeEvent(vtkCommand::KeyPressEvent);
  EXPECT_FALSE(plot->GetChart()->GetAxis(vtkAxis::LEFT)->GetLogScale());
  EXPECT_THROW(plot->AddSpectrum("short", axis, { 1.0, 2.0 }), itk::ExceptionObject);
  EXPECT_THROW(plot->SetSize(0, 10), itk::ExceptionObject);
}

TEST(ConvergencePlot, OnePanelPerCost)
{
  EM_REQUIRE_DISPLAY();
  auto                plot = itk::ConvergencePlot::New();
  std::vector<double> iterations;
  for (int k = 1; k <= 30; ++k)
  {
    iterations.push_back(k);
  }
  for (const std::string panel : { "HAADF", "chemical", "TV" })
  {
    std::vector<double> cost;
    for (const double k : iterations)
    {
      cost.push_back(1000.0 / k + panel.size());
    }
    plot->AddCurve(panel, "reference", iterations, cost);
  }
  plot->AddCurve("TV", "proximal", iterations, std::vector<double>(30, 500.0));
  EXPECT_EQ(plot->GetNumberOfPanels(), 3u);
  plot->SetSize(900, 300);
  const std::string path = itk::EMTest::OutputPath("convergence.png");
  plot->WriteScreenshot(path);
  const auto png = itk::EMViewTest::ReadPNG(path);
  ASSERT_EQ(png->GetDimensions()[0], 900);
  // Each third of the window holds its panel's first curve (the palette's first colour), and only
  // the last panel has the second curve's colour.
  const RGB first = { { 31, 119, 180 } };
  const RGB second = { { 214, 39, 40 } };
  for (int panel = 0; panel < 3; ++panel)
  {
    int firstCount = 0, secondCount = 0;
    for (int y = 0; y < 300; ++y)
    {
      for (int x = panel * 300; x < panel * 300 + 300; ++x)
      {
        firstCount += Near(At(png, x, y), first, 30) ? 1 : 0;
        secondCount += Near(At(png, x, y), second, 30) ? 1 : 0;
      }
    }
    EXPECT_GT(firstCount, 100) << "panel " << panel;
    if (panel < 2)
    {
      EXPECT_EQ(secondCount, 0) << "panel " << panel;
    }
    else
    {
      EXPECT_GT(secondCount, 100);
    }
  }
  EXPECT_THROW(plot->AddCurve("TV", "bad", iterations, { 1.0 }), itk::ExceptionObject);
}

TEST(AemView, OpensMapsAndSpectrumImagesOffScreen)
{
  EM_REQUIRE_DISPLAY();
  auto map = MakeMap(32, 24, 1.0);
  map->GetBufferPointer()[100] = 5.0f;
  const std::string mapPath = itk::EMTest::OutputPath("aem_view_map.mha");
  itk::WriteImage(map, mapPath);
  auto spectra = itk::EMVTK::SpectrumImageType::New();
  spectra->SetRegions(ImageType::SizeType{ { 6, 4 } });
  spectra->SetNumberOfComponentsPerPixel(50);
  spectra->Allocate();
  for (int i = 0; i < 6 * 4 * 50; ++i)
  {
    spectra->GetBufferPointer()[i] = static_cast<float>(i % 50);
  }
  itk::EnergyAxis(100.0, 1.0, 50).WriteTo(spectra->GetMetaDataDictionary());
  const std::string spectraPath = itk::EMTest::OutputPath("aem_view_spectra.mha");
  itk::WriteImage(spectra, spectraPath);
  const std::string navigatorPath = itk::EMTest::OutputPath("aem_view_navigator.mha");
  itk::WriteImage(MakeMap(6, 4, 1.0), navigatorPath);
  spectra->SetRegions(ImageType::SizeType{ { 1, 1 } });
  spectra->Allocate();
  itk::VariableLengthVector<float> flat(50);
  flat.Fill(1.0f);
  spectra->FillBuffer(flat);
  const std::string spectrumPath = itk::EMTest::OutputPath("aem_view_spectrum.mha");
  itk::WriteImage(spectra, spectrumPath);

  const std::string program = EM_AEM_VIEW;
  const auto        run = [&](const std::string & arguments) {
    return std::system((program + " " + arguments + " > /dev/null 2>&1").c_str());
  };
  for (const auto & input : { mapPath + " " + mapPath, spectraPath, spectraPath + " " + navigatorPath, spectrumPath })
  {
    const std::string png = itk::EMTest::OutputPath("aem_view.png");
    std::remove(png.c_str());
    EXPECT_EQ(run("--png " + png + " --size 640,400 " + input), 0) << input;
    ASSERT_TRUE(Exists(png)) << input;
    EXPECT_EQ(itk::EMViewTest::ReadPNG(png)->GetDimensions()[0], 640);
  }
  // A stack of three constant maps without an energy axis (abundances): three montage panels in
  // the middle colour of their own ranges (once a spectrum explorer of three-point spectra).
  auto stack = itk::EMVTK::SpectrumImageType::New();
  stack->SetRegions(ImageType::SizeType{ { 40, 40 } });
  stack->SetNumberOfComponentsPerPixel(3);
  stack->Allocate();
  for (int i = 0; i < 40 * 40 * 3; ++i)
  {
    stack->GetBufferPointer()[i] = static_cast<float>(1 + i % 3);
  }
  itk::EMMetaData::SetString(stack->GetMetaDataDictionary(), itk::EMMetaDataKeys::Element, "C N O");
  const std::string stackPath = itk::EMTest::OutputPath("aem_view_stack.mha");
  itk::WriteImage(stack, stackPath);
  const std::string stackPng = itk::EMTest::OutputPath("aem_view_stack.png");
  ASSERT_EQ(run("--png " + stackPng + " --size 900,300 --columns 3 " + stackPath), 0);
  const auto   rendered = itk::EMViewTest::ReadPNG(stackPng);
  const RGB    middle{ { 33, 145, 141 } }; // viridis at 0.5
  unsigned int inPanels[3] = { 0, 0, 0 };
  for (int y = 0; y < 300; ++y)
  {
    for (int x = 0; x < 900; ++x)
    {
      inPanels[x / 300] += Near(At(rendered, x, y), middle, 3) ? 1 : 0;
    }
  }
  for (unsigned int panel = 0; panel < 3; ++panel)
  {
    EXPECT_GT(inPanels[panel], 10000u) << "panel " << panel;
  }

  // Errors: one line, non-zero, and no output file.
  const std::string png = itk::EMTest::OutputPath("aem_view_error.png");
  std::remove(png.c_str());
  for (const std::string arguments : { "--png " + png + " /nonexistent.mha", "--png " + png + " --size 12 " + mapPath,
                                       "--png " + png + " --bogus " + mapPath, "--png " + png,
                                       "--png " + png + " " + spectraPath + " " + spectraPath,
                                       "--png " + png + " " + spectraPath + " " + mapPath })
  {
    EXPECT_NE(run(arguments), 0) << arguments;
    EXPECT_FALSE(Exists(png)) << arguments;
  }
  EXPECT_EQ(run("--help"), 0);
}
