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
// Uses the installed headers and libraries: denoises a flat image with a step and checks the
// exact ROF solution (plateaus lambda / a and 1 - lambda / b), and an energy-axis round trip.

#include "itkEnergyAxis.h"
#include "itkTVDenoiseImageFilter.h"

#include <cmath>
#include <cstdlib>
#include <iostream>

int
main()
{
  using ImageType = itk::Image<double, 2>;
  auto image = ImageType::New();
  image->SetRegions(ImageType::SizeType{ { 40, 8 } });
  image->Allocate();
  for (itk::SizeValueType i = 0; i < 40 * 8; ++i)
  {
    image->GetBufferPointer()[i] = (i % 40) < 16 ? 0.0 : 1.0;
  }
  auto filter = itk::TVDenoiseImageFilter<ImageType>::New();
  filter->SetInput(image);
  filter->SetLambda(2.0);
  filter->SetMaximumNumberOfIterations(20000);
  filter->SetTolerance(1e-12);
  filter->Update();
  const double left = filter->GetOutput()->GetPixel({ { 3, 4 } });
  const double right = filter->GetOutput()->GetPixel({ { 30, 4 } });

  itk::MetaDataDictionary dictionary;
  itk::EnergyAxis(205.0, 0.5, 2028).WriteTo(dictionary);
  const bool axisOk = itk::EnergyAxis::ReadFrom(dictionary, 2028) == itk::EnergyAxis(205.0, 0.5, 2028);

  std::cout << "plateaus " << left << " " << right << ", energy axis round trip " << (axisOk ? "ok" : "FAILED")
            << std::endl;
  const bool ok = std::abs(left - 0.125) < 1e-5 && std::abs(right - (1.0 - 2.0 / 24.0)) < 1e-5 && axisOk;
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
