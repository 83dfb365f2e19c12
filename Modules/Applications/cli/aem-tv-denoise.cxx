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
// aem-tv-denoise INPUT OUTPUT [--lambda L] [--norm isotropic|anisotropic] ...: see aem-tv-denoise.xml.
#include "itkEMCLIImages.h"
#include "itkTVDenoiseImageFilter.h"

#include EM_CLI_XML_HEADER

namespace
{
template <typename TImage>
void
Denoise(itk::EMCLI::CommandLine & cli)
{
  using FilterType = itk::TVDenoiseImageFilter<TImage>;
  auto filter = FilterType::New();
  cli.GetProgress().Stage("reading", 0.0, 0.05);
  filter->SetInput(itk::EMCLI::Read<TImage>(cli.GetString("inputImage")));
  filter->SetLambda(cli.GetDouble("lambda"));
  filter->SetNorm(itk::EMEnumFromToken<typename FilterType::NormEnum>(cli.GetString("norm")));
  filter->SetMaximumNumberOfIterations(static_cast<itk::SizeValueType>(cli.GetInteger("maximumIterations")));
  filter->SetTolerance(cli.GetDouble("tolerance"));
  filter->SetNonNegative(cli.GetBoolean("nonNegative"));
  cli.GetProgress().Stage("denoising", 0.05, 0.95);
  cli.GetProgress().Observe(filter);
  filter->Update();
  cli.GetProgress().Stage("writing", 0.95, 1.0);
  itk::EMCLI::Write(cli, "outputImage", filter->GetOutput());
  cli.SetReturnParameter("iterationsPerformed", std::to_string(filter->GetNumberOfIterations()));
  cli.SetReturnParameter("energy", std::to_string(filter->GetEnergy()));
}
} // namespace

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-tv-denoise", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    const auto info = itk::EMCLI::ReadImageInfo(cli.GetString("inputImage"));
    if (info.Components > 1 && info.SpatialDimension == 2)
    {
      Denoise<itk::VectorImage<float, 2>>(cli);
    }
    else if (info.Components == 1 && info.SpatialDimension == 2)
    {
      Denoise<itk::Image<float, 2>>(cli);
    }
    else if (info.Components == 1 && info.SpatialDimension == 3)
    {
      Denoise<itk::Image<float, 3>>(cli);
    }
    else
    {
      itkGenericExceptionMacro(<< cli.GetString("inputImage") << ": " << info.SpatialDimension << "-D image of "
                               << info.Components << " components; expected a 2-D or 3-D scalar image or a 2-D spectrum image");
    }
  });
}
