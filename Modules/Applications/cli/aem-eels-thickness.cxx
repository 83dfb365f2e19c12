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
// aem-eels-thickness LOWLOSS TLAMBDA [--integral mirrored|window] [--halfWidth eV]: see the XML.
#include "itkEELSEnumNames.h"
#include "itkEMCLIImages.h"
#include "itkThicknessImageFilter.h"

#include <cmath>

#include EM_CLI_XML_HEADER

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-eels-thickness", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    using SpectrumType = itk::VectorImage<float, 2>;
    auto filter = itk::ThicknessImageFilter<SpectrumType>::New();
    cli.GetProgress().Stage("reading", 0.0, 0.3);
    filter->SetInput(itk::EMCLI::ReadSpectrumImage<SpectrumType>(cli, "lowLoss"));
    filter->SetZeroLossIntegral(itk::EMEnumFromToken<itk::ZeroLossIntegralEnum>(cli.GetString("integral")));
    filter->SetZeroLossHalfWidth(cli.GetDouble("halfWidth"));
    cli.GetProgress().Stage("t/lambda", 0.3, 0.9);
    cli.GetProgress().Observe(filter);
    filter->Update();
    cli.GetProgress().Stage("writing", 0.9, 1.0);
    itk::EMCLI::Write(cli, "thickness", filter->GetOutput());
    double              sum = 0.0;
    itk::SizeValueType  count = 0;
    const float *       values = filter->GetOutput()->GetBufferPointer();
    for (itk::SizeValueType p = 0; p < filter->GetOutput()->GetBufferedRegion().GetNumberOfPixels(); ++p)
    {
      if (std::isfinite(values[p]))
      {
        sum += values[p];
        ++count;
      }
    }
    cli.SetReturnParameter("meanThickness", std::to_string(count > 0 ? sum / count : std::nan("")));
    cli.SetReturnParameter("invalidPixels", std::to_string(filter->GetNumberOfInvalidPixels()));
  });
}
