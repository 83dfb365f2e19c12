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
// Fused multi-modal imaging, the project's second main-job step.
//
// 1. A generated DyScO3-like phantom (perovskite lattice of Gaussian columns, Dy-deficient stripe,
//    O-deficient disc, vacuum, Poisson HAADF and low-count Poisson maps of Sc, Dy, O) is fused by
//    the proximal-gradient solver with automatic parameters; the PSNR of raw and fused maps
//    against the ground truth is printed.
// 2. With the real DyScO3 data of the fusion tutorial (SHARED/data/fusion/PTO_Trilayer), the
//    published method (ReferenceCompatible, the tutorial's parameters) reproduces the published
//    fused crops (Pearson r printed) and the proximal-gradient solver fuses the same data.
// Maps (.mha, .png), the model HAADF and the cost curves (.csv) go to OUTPUT_FOLDER.
//
//   AnalyticalEMFusionExample [OUTPUT_FOLDER] [SHARED_FOLDER]

#include "ExampleOutput.h"
#include "itkFusedMultiModalImageFilter.h"
#include "itkImageFileReader.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <random>

namespace
{
using ImageType = itk::Image<float, 2>;
using FilterType = itk::FusedMultiModalImageFilter<ImageType>;
const char * const Elements[3] = { "Sc", "Dy", "O" };
const double       AtomicNumbers[3] = { 21, 66, 8 };

ImageType::Pointer
NewImage(itk::SizeValueType size)
{
  auto image = ImageType::New();
  image->SetRegions(ImageType::SizeType{ { size, size } });
  image->Allocate();
  image->FillBuffer(0.0f);
  return image;
}

// Scale-invariant PSNR (optimal gain, ground truth normalised to peak 1).
double
Psnr(const ImageType * estimate, const ImageType * truth)
{
  const size_t  n = truth->GetBufferedRegion().GetNumberOfPixels();
  const float * x = estimate->GetBufferPointer();
  const float * t = truth->GetBufferPointer();
  const double  peak = *std::max_element(t, t + n);
  double        xg = 0.0, xx = 0.0, squared = 0.0;
  for (size_t i = 0; i < n; ++i)
  {
    xg += x[i] * t[i] / peak;
    xx += static_cast<double>(x[i]) * x[i];
  }
  for (size_t i = 0; i < n; ++i)
  {
    const double d = xg / xx * x[i] - t[i] / peak;
    squared += d * d;
  }
  return 20.0 * std::log10(1.0 / std::sqrt(squared / static_cast<double>(n)));
}

// DyScO3-like phantom: lattice constant 16 px, Gaussian columns (sigma 2 px), Dy at the cell
// corners, Sc (and O) at the centres, O also on the edge centres; random occupancies, a
// Dy-deficient stripe, an O-deficient disc, a thickness envelope and a vacuum hole.
void
MakePhantom(itk::SizeValueType n, ImageType::Pointer truth[3], ImageType::Pointer counts[3], ImageType::Pointer & haadf)
{
  std::mt19937                           generator(2024);
  std::uniform_real_distribution<double> occupancy(0.6, 1.0);
  const double                           a = 16.0;
  const double                           peaks[3] = { 4.0, 6.0, 2.0 };
  for (int e = 0; e < 3; ++e)
  {
    truth[e] = NewImage(n);
    counts[e] = NewImage(n);
  }
  haadf = NewImage(n);
  const double sites[3][3][2] = { { { 0.5, 0.5 }, { -1, -1 }, { -1, -1 } },
                                  { { 0.0, 0.0 }, { -1, -1 }, { -1, -1 } },
                                  { { 0.5, 0.5 }, { 0.5, 0.0 }, { 0.0, 0.5 } } };
  const auto   cells = static_cast<int>(n / a) + 1;
  for (int e = 0; e < 3; ++e)
  {
    for (int cy = -1; cy <= cells; ++cy)
    {
      for (int cx = -1; cx <= cells; ++cx)
      {
        for (const auto & site : sites[e])
        {
          if (site[0] < 0.0)
          {
            continue;
          }
          const double x0 = (cx + site[0]) * a + a / 4.0;
          const double y0 = (cy + site[1]) * a + a / 4.0;
          double       weight = occupancy(generator);
          if (e == 1 && y0 > 0.55 * n && y0 < 0.70 * n)
          {
            weight *= 0.35; // Dy-deficient stripe
          }
          const double ox = x0 - 0.3 * n, oy = y0 - 0.7 * n;
          if (e == 2 && ox * ox + oy * oy < 0.15 * n * 0.15 * n)
          {
            weight *= 0.4; // O-deficient disc
          }
          for (int y = std::max(0, static_cast<int>(y0 - 8)); y < std::min<int>(n, static_cast<int>(y0 + 9)); ++y)
          {
            for (int x = std::max(0, static_cast<int>(x0 - 8)); x < std::min<int>(n, static_cast<int>(x0 + 9)); ++x)
            {
              const double r2 = (x - x0) * (x - x0) + (y - y0) * (y - y0);
              truth[e]->GetBufferPointer()[y * n + x] += static_cast<float>(weight * std::exp(-r2 / 8.0));
            }
          }
        }
      }
    }
  }
  std::vector<double> model(n * n, 0.0);
  for (itk::SizeValueType p = 0; p < n * n; ++p)
  {
    const double x = static_cast<double>(p % n), y = static_cast<double>(p / n);
    const double envelope = 0.55 + 0.45 * (0.5 + 0.5 * std::cos(3.14159265 * x / n) * std::sin(3.14159265 * y / n));
    const double vx = x - 0.85 * n, vy = y - 0.15 * n;
    const double vacuum = vx * vx + vy * vy < 0.12 * n * 0.12 * n ? 0.0 : 1.0;
    for (int e = 0; e < 3; ++e)
    {
      float & value = truth[e]->GetBufferPointer()[p];
      value = static_cast<float>(value * envelope * vacuum);
      model[p] += std::pow(AtomicNumbers[e] * value, 1.6);
    }
  }
  const double modelPeak = *std::max_element(model.begin(), model.end());
  for (int e = 0; e < 3; ++e)
  {
    const float * t = truth[e]->GetBufferPointer();
    const double  peak = *std::max_element(t, t + n * n);
    for (itk::SizeValueType p = 0; p < n * n; ++p)
    {
      counts[e]->GetBufferPointer()[p] =
        static_cast<float>(std::poisson_distribution<int>(peaks[e] * t[p] / peak)(generator));
    }
  }
  for (itk::SizeValueType p = 0; p < n * n; ++p)
  {
    haadf->GetBufferPointer()[p] = static_cast<float>(std::poisson_distribution<int>(400.0 * model[p] / modelPeak)(generator));
  }
}

void
WriteFusion(FilterType * filter, const std::string & folder, const std::string & prefix)
{
  for (unsigned int e = 0; e < 3; ++e)
  {
    example::WriteImageAndPreview(filter->GetOutput(e), folder, prefix + "fused_" + Elements[e]);
  }
  example::WriteImageAndPreview(filter->GetModelHAADF(), folder, prefix + "model_HAADF");
  example::WriteCsv(folder + "/" + prefix + "costs.csv",
                    { "iteration", "costHAADF", "costChem", "costTV" },
                    { filter->GetCostIterations(), filter->GetCostHAADF(), filter->GetCostChem(), filter->GetCostTV() });
}
} // namespace

int
main(int argc, char * argv[])
{
  const std::string folder = argc > 1 ? argv[1] : "output/fusion";
  const std::string shared = argc > 2 ? argv[2] : "../shared";
  if (!example::MakeFolder(folder))
  {
    std::cerr << "cannot create output folder " << folder << std::endl;
    return EXIT_FAILURE;
  }
  try
  {
    std::cout << std::fixed << std::setprecision(2);
    ImageType::Pointer truth[3], counts[3], haadf;
    MakePhantom(256, truth, counts, haadf);
    example::WriteImageAndPreview(haadf.GetPointer(), folder, "phantom_HAADF");
    auto fusion = FilterType::New();
    fusion->SetHAADF(haadf);
    for (unsigned int e = 0; e < 3; ++e)
    {
      fusion->SetChemicalMap(e, counts[e]);
      example::WriteImageAndPreview(counts[e].GetPointer(), folder, std::string("phantom_raw_") + Elements[e]);
    }
    fusion->SetElementNames({ "Sc", "Dy", "O" });
    fusion->SetAtomicNumbers({ 21, 66, 8 });
    fusion->Update();
    WriteFusion(fusion, folder, "phantom_");
    std::cout << "Fused phantom (proximal gradient, automatic parameters, "
              << fusion->GetNumberOfIterationsPerformed() << " iterations):" << std::endl;
    for (unsigned int e = 0; e < 3; ++e)
    {
      std::cout << "  " << Elements[e] << ": PSNR raw " << Psnr(counts[e], truth[e]) << " dB, fused "
                << Psnr(fusion->GetOutput(e), truth[e]) << " dB (lambda " << fusion->GetSelectedLambdaTV()[e] << ", mu "
                << fusion->GetSelectedSparsity()[e] << ")" << std::endl;
    }

    const std::string data = shared + "/data/fusion/PTO_Trilayer/";
    if (!itksys::SystemTools::FileExists(data + "HAADF.mha"))
    {
      std::cout << "Real DyScO3 data not found in " << data << ": skipped" << std::endl;
    }
    else
    {
      for (const auto mode : { itk::FusionModeEnum::ReferenceCompatible, itk::FusionModeEnum::ProximalGradient })
      {
        auto real = FilterType::New();
        real->SetMode(mode);
        real->SetHAADF(itk::ReadImage<ImageType>(data + "HAADF.mha"));
        for (unsigned int e = 0; e < 3; ++e)
        {
          real->SetChemicalMap(e, itk::ReadImage<ImageType>(data + Elements[e] + ".mha"));
        }
        real->Update();
        const bool reference = mode == itk::FusionModeEnum::ReferenceCompatible;
        WriteFusion(real, folder, reference ? "DyScO3_reference_" : "DyScO3_proximal_");
        std::cout << "DyScO3 (" << (reference ? "published method" : "proximal gradient") << ", "
                  << real->GetNumberOfIterationsPerformed() << " iterations)";
        if (reference)
        {
          std::cout << ", Pearson r with the published crops:";
          for (unsigned int e = 0; e < 4; ++e)
          {
            const ImageType *  ours = e < 3 ? real->GetOutput(e) : real->GetModelHAADF();
            std::vector<float> crop;
            for (itk::IndexValueType y = 70; y < 130; ++y)
            {
              for (itk::IndexValueType x = 25; x < 85; ++x)
              {
                crop.push_back(ours->GetPixel({ { x, y } }));
              }
            }
            const auto published = itk::ReadImage<ImageType>(data + "published_crops/fused_images/" +
                                                              (e < 3 ? std::string(Elements[e]) : "HAADF") + ".mha");
            std::cout << " " << (e < 3 ? Elements[e] : "HAADF") << " " << std::setprecision(3)
                      << example::Pearson(crop.data(), published->GetBufferPointer(), crop.size()) << std::setprecision(2);
          }
        }
        std::cout << std::endl;
      }
    }
    std::cout << "Fusion results written to " << folder << "/ (maps .mha/.png, model HAADF, costs .csv)" << std::endl;
  }
  catch (const itk::ExceptionObject & error)
  {
    std::cerr << "AnalyticalEMFusionExample: " << error.GetDescription() << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
