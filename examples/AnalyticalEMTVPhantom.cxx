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
// The project's main job for now: total-variation denoising of a generated phantom.
//
// A 512 x 512 piecewise-constant phantom (a HAADF-like field of atomic-column discs on two
// grains, with a bright precipitate) is corrupted with Poisson counting noise; TVDenoiseImageFilter
// removes the noise. The phantom, the noisy and the denoised images are written as MetaImage
// (float) and PNG (8-bit previews on a common scale) into the output folder, and the PSNRs and the
// solver's convergence are printed.
//
//   AnalyticalEMTVPhantom [OUTPUT_FOLDER] [LAMBDA]

#include "ExampleOutput.h"
#include "itkTVDenoiseImageFilter.h"

#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <random>
#include <string>

namespace
{
using ImageType = itk::Image<float, 2>;
constexpr itk::SizeValueType Size = 512;
constexpr double             CountsPerUnit = 20.0; // electrons per unit intensity and pixel

// Mean intensity at (x, y): two grains of square lattices of flat discs (atomic columns)
// with different spacing, on a weak support, plus one bright disc-shaped precipitate.
double
Phantom(double x, double y)
{
  const bool   leftGrain = x + 0.3 * y < 300.0;
  const double pitch = leftGrain ? 16.0 : 22.0;
  const double radius = leftGrain ? 4.5 : 6.0;
  const double column = leftGrain ? 1.0 : 0.7;
  const double cx = std::fmod(x, pitch) - 0.5 * pitch;
  const double cy = std::fmod(y, pitch) - 0.5 * pitch;
  double       value = 0.15 + (cx * cx + cy * cy < radius * radius ? column : 0.0);
  const double px = x - 380.0;
  const double py = y - 130.0;
  if (px * px + py * py < 60.0 * 60.0)
  {
    value = 1.6;
  }
  return value;
}

double
Psnr(const ImageType * image, const ImageType * truth, double peak)
{
  const size_t n = image->GetBufferedRegion().GetNumberOfPixels();
  double       squared = 0.0;
  for (size_t i = 0; i < n; ++i)
  {
    const double d = static_cast<double>(image->GetBufferPointer()[i]) - truth->GetBufferPointer()[i];
    squared += d * d;
  }
  return 10.0 * std::log10(peak * peak / (squared / static_cast<double>(n)));
}

} // namespace

int
main(int argc, char * argv[])
{
  const std::string folder = argc > 1 ? argv[1] : "output";
  const double      lambda = argc > 2 ? std::stod(argv[2]) : 0.15;
  if (!example::MakeFolder(folder))
  {
    std::cerr << "cannot create output folder " << folder << std::endl;
    return EXIT_FAILURE;
  }
  try
  {
    auto truth = ImageType::New();
    truth->SetRegions(ImageType::SizeType{ { Size, Size } });
    truth->Allocate();
    auto noisy = ImageType::New();
    noisy->SetRegions(truth->GetBufferedRegion());
    noisy->Allocate();
    std::mt19937 generator(2024);
    for (itk::SizeValueType y = 0; y < Size; ++y)
    {
      for (itk::SizeValueType x = 0; x < Size; ++x)
      {
        const double mean = Phantom(static_cast<double>(x), static_cast<double>(y));
        std::poisson_distribution<int> counts(mean * CountsPerUnit);
        truth->GetBufferPointer()[y * Size + x] = static_cast<float>(mean);
        noisy->GetBufferPointer()[y * Size + x] = static_cast<float>(counts(generator) / CountsPerUnit);
      }
    }

    auto filter = itk::TVDenoiseImageFilter<ImageType>::New();
    filter->SetInput(noisy);
    filter->SetLambda(lambda);
    filter->NonNegativeOn();
    filter->SetMaximumNumberOfIterations(1000);
    filter->Update();
    const ImageType * denoised = filter->GetOutput();

    const double peak = 1.8;
    example::WriteImageAndPreview(truth.GetPointer(), folder, "phantom", 0.0, peak);
    example::WriteImageAndPreview(noisy.GetPointer(), folder, "noisy", 0.0, peak);
    example::WriteImageAndPreview(denoised, folder, "denoised", 0.0, peak);

    std::cout << std::fixed << std::setprecision(2);
    std::cout << "TV denoising of a " << Size << "x" << Size << " phantom with Poisson noise (" << CountsPerUnit
              << " counts per unit), lambda " << lambda << std::endl;
    std::cout << "  PSNR noisy    " << Psnr(noisy, truth, peak) << " dB" << std::endl;
    std::cout << "  PSNR denoised " << Psnr(denoised, truth, peak) << " dB" << std::endl;
    std::cout << std::scientific << std::setprecision(3) << "  " << filter->GetNumberOfIterations()
              << " FGP iterations, ROF energy " << filter->GetEnergy() << ", duality gap " << filter->GetDualityGap()
              << std::endl;
    std::cout << "Results written to " << folder << "/ (phantom, noisy, denoised as .mha and .png)" << std::endl;
  }
  catch (const itk::ExceptionObject & error)
  {
    std::cerr << "AnalyticalEMTVPhantom: " << error.GetDescription() << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
